import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import * as history from './history.service.ts';
import { ReadingsHistoryPage, readingsPath } from './history.views.tsx';

type UserParams = { Params: { username: string } };
type WorkParams = { Params: { id: string } };

const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound('Work');
  return id;
};

/** A local path to go back to after a button; anything else goes to `fallback`. */
function localReturn(value: unknown, fallback: string): string {
  const target = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(target) && target.length <= 2000 ? target : fallback;
}

const returnOf = (body: unknown, fallback: string) =>
  localReturn(((body ?? {}) as Record<string, unknown>).return, fallback);

/** The reader's history page and its buttons, and "mark for later" on works. */
export function historyRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<UserParams>('/users/:username/readings', async (request, reply) => {
    const viewer = requireViewer(request);
    await history.ownHistory(ctx, viewer, request.params.username);
    const query = validate(history.readingsQuerySchema, request.query ?? {});
    const data = await history.readingsPage(ctx, viewer, query);
    return sendPage(
      reply,
      <ReadingsHistoryPage page={pageContext(request, reply)} data={data} query={query} />,
    );
  });

  app.post<UserParams>('/users/:username/readings/clear', async (request, reply) => {
    const viewer = requireViewer(request);
    await history.ownHistory(ctx, viewer, request.params.username);
    const n = await history.clearHistory(ctx, viewer);
    return reply
      .flash(n === 0 ? 'Your history was already empty.' : 'Your history is cleared.')
      .redirect(readingsPath(viewer.username), 303);
  });

  app.post<UserParams>('/users/:username/readings/settings', async (request, reply) => {
    const viewer = requireViewer(request);
    await history.ownHistory(ctx, viewer, request.params.username);
    const enabled = ((request.body ?? {}) as Record<string, unknown>).enabled === '1';
    await history.setHistoryEnabled(ctx, viewer, enabled);
    return reply
      .flash(enabled ? 'Your history is on again.' : 'Your history is off: nothing new will be recorded.')
      .redirect(readingsPath(viewer.username), 303);
  });

  app.post<{ Params: { username: string; workId: string } }>(
    '/users/:username/readings/:workId/delete',
    async (request, reply) => {
      const viewer = requireViewer(request);
      await history.ownHistory(ctx, viewer, request.params.username);
      await history.removeReading(ctx, viewer, idOf(request.params.workId));
      return reply
        .flash('Removed from your history.')
        .redirect(returnOf(request.body, readingsPath(viewer.username)), 303);
    },
  );

  app.post<WorkParams>('/works/:id/later', async (request, reply) => {
    const viewer = requireViewer(request);
    const work = await history.markForLater(ctx, viewer, idOf(request.params.id));
    return reply
      .flash(`“${work.title}” is marked for later.`)
      .redirect(returnOf(request.body, `/works/${work.id}`), 303);
  });

  app.post<WorkParams>('/works/:id/later/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    const workId = idOf(request.params.id);
    await history.unmarkForLater(ctx, viewer, workId);
    return reply
      .flash('No longer marked for later.')
      .redirect(returnOf(request.body, `/works/${workId}`), 303);
  });
}
