import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { isStaff } from '../visibility/visibility.ts';
import { moderateWork, moderationSchema } from './work-moderation.ts';
import { WorkModerationPage } from './work-moderation.views.tsx';
import { findWork } from './works.repository.ts';

type WorkParams = { Params: { id: string } };

const formSchema = moderationSchema.extend({ action: z.enum(['hide', 'unhide']) });

/** Moderators hide a work or give it back (the page's form; the API has /api/v1/works/:id/hide). */
export function workModerationRoutes(app: FastifyInstance, ctx: AppContext) {
  const staffWork = async (request: FastifyRequest<WorkParams>) => {
    const viewer = requireViewer(request);
    if (!isStaff(viewer)) throw forbidden('Only moderators can hide or unhide works.');
    const work = await findWork(ctx.db, Number(request.params.id) || 0);
    if (!work) throw notFound('Work');
    return { viewer, work };
  };

  app.get<WorkParams>('/works/:id/moderation', async (request, reply) => {
    const { work } = await staffWork(request);
    return sendPage(reply, <WorkModerationPage page={pageContext(request, reply)} work={work} values={{}} />);
  });

  app.post<WorkParams>('/works/:id/moderation', async (request, reply) => {
    const { viewer, work } = await staffWork(request);
    const outcome = await submitForm(formSchema, request.body, (input) =>
      moderateWork(ctx, viewer, work.id, input.action, input.reason),
    );
    if (!outcome.ok) {
      const current = (await findWork(ctx.db, work.id)) ?? work;
      return sendPage(
        reply,
        <WorkModerationPage
          page={pageContext(request, reply)}
          work={current}
          values={keptValues(request.body)}
          errors={outcome.errors}
        />,
        outcome.status,
      );
    }
    const hidden = (request.body as { action?: string }).action === 'hide';
    return reply
      .flash(hidden ? 'The work is hidden.' : 'The work is visible again.')
      .redirect(`/works/${work.id}`, 303);
  });
}
