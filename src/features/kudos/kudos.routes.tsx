import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound, QuireError } from '../../lib/errors.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { readWork } from '../works/works.read.ts';
import { kudosSummary, leaveKudos } from './kudos.service.ts';
import { KudosPage } from './kudos.views.tsx';

type WorkParams = { Params: { id: string } };

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Work');
  return id;
};

/**
 * `GET /works/:id/kudos`: who left kudos, and the button (a guest's way to it, since a guest's cached
 * work page carries no form). `POST /works/:id/kudos`: leaves kudos, back to the work with thanks; a
 * refused kudos shows this page again with the reason, and nothing is saved.
 */
export function kudosRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<WorkParams>('/works/:id/kudos', async (request, reply) => {
    const view = await readWork(ctx, request.viewer, idOf(request.params.id));
    const summary = await kudosSummary(ctx, request.viewer, view.work.id);
    return sendPage(
      reply,
      <KudosPage page={pageContext(request, reply)} work={view.work} summary={summary} />,
    );
  });

  app.post<WorkParams>('/works/:id/kudos', async (request, reply) => {
    const workId = idOf(request.params.id);
    const origin = { ip: request.ip, userAgent: request.headers['user-agent'] };
    try {
      await leaveKudos(ctx, request.viewer, workId, origin);
    } catch (error) {
      if (!(error instanceof QuireError) || error.status === 404) throw error;
      const view = await readWork(ctx, request.viewer, workId);
      const summary = await kudosSummary(ctx, request.viewer, workId);
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <KudosPage page={page} work={view.work} summary={summary} error={error.message} />,
        error.status,
      );
    }
    return reply.flash('Thank you for leaving kudos!').redirect(`/works/${workId}#kudos`, 303);
  });
}
