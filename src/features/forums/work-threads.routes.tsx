import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { readWork } from '../works/works.read.ts';
import { linkThreadsSchema } from './forums.schema.ts';
import { idOf } from './forums.routes.tsx';
import { WorkThreadsPage } from './moderation.views.tsx';
import { linkedThreads, linkWorkToThreads } from './work-links.ts';

type IdParams = { Params: { id: string } };

/** A work's creator links it to forum threads (`/works/:id/threads`). */
export function workThreadRoutes(app: FastifyInstance, ctx: AppContext) {
  async function show(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values?: Record<string, string>,
    failed?: { errors: FieldErrors; status: number },
  ) {
    const viewer = requireViewer(request);
    const view = await readWork(ctx, viewer, idOf(request.params.id));
    const linked = await linkedThreads(ctx, viewer, view.work.id);
    const kept = values ?? {
      threads: linked.map((t) => t.id).join(', '),
      withText: linked.some((t) => t.withText) ? '1' : '',
    };
    return sendPage(
      reply,
      <WorkThreadsPage
        page={pageContext(request, reply)}
        work={{ id: view.work.id, title: view.work.title }}
        linked={linked}
        values={kept}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get<IdParams>('/works/:id/threads', (request, reply) => show(request, reply));

  app.post<IdParams>('/works/:id/threads', async (request, reply) => {
    const viewer = requireViewer(request);
    const workId = idOf(request.params.id);
    const outcome = await submitForm(linkThreadsSchema, request.body, () =>
      linkWorkToThreads(ctx, viewer, workId, request.body),
    );
    if (!outcome.ok) return show(request, reply, keptValues(request.body), outcome);
    const n = outcome.result.threads.length;
    return reply
      .flash(
        n === 0
          ? 'The work is linked to no thread.'
          : `The work is linked to ${n} thread${n === 1 ? '' : 's'}.`,
      )
      .redirect(`/works/${workId}/threads`, 303);
  });
}
