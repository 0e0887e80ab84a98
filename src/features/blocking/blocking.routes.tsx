import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import type { Relation } from './blocks.repository.ts';
import { listRelated, relate, unrelate } from './blocking.service.ts';
import { RELATION_TEXT, RelatedPage } from './blocking.views.tsx';

type UserParams = { Params: { username: string } };

/** A local path to go back to (the list page's buttons); anything else goes to the profile. */
function localReturn(value: unknown, fallback: string): string {
  const target = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(target) && target.length <= 2000 ? target : fallback;
}

const DONE: Record<string, (name: string) => string> = {
  block: (name) => `You block ${name}. They cannot comment on, give kudos to or gift anything of yours.`,
  unblock: (name) => `You no longer block ${name}.`,
  mute: (name) => `You mute ${name}. Their works are left out of everything you see.`,
  unmute: (name) => `You no longer mute ${name}.`,
};

/** Block, unblock, mute and unmute buttons (plain forms on profiles) and the lists of each. */
export function blockingRoutes(app: FastifyInstance, ctx: AppContext) {
  for (const relation of ['block', 'mute'] as Relation[]) {
    for (const undo of [false, true]) {
      const action = undo ? `un${relation}` : relation;
      app.post<UserParams>(`/users/:username/${action}`, async (request, reply) => {
        const viewer = requireViewer(request);
        const name = await (undo ? unrelate : relate)(ctx, viewer, relation, request.params.username);
        const profile = `/users/${encodeURIComponent(name)}`;
        const body = (request.body ?? {}) as Record<string, unknown>;
        return reply.flash(DONE[action]!(name)).redirect(localReturn(body.return, profile), 303);
      });
    }
    app.get(RELATION_TEXT[relation].page, async (request, reply) => {
      const viewer = requireViewer(request);
      const people = await listRelated(ctx, viewer, relation);
      return sendPage(
        reply,
        <RelatedPage page={pageContext(request, reply)} relation={relation} people={people} />,
      );
    });
  }
}
