import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { relationState } from '../blocking/blocking.service.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { isSubscribed } from '../subscriptions/subscriptions.service.ts';
import { getProfile, getPseudProfile } from './profiles.service.ts';
import { ProfilePage, PseudPage } from './profiles.views.tsx';

type UserParams = { username: string };

export function profileRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Params: UserParams }>('/users/:username', async (request, reply) => {
    const profile = await getProfile(ctx, request.params.username);
    if (profile.user.username !== request.params.username) {
      return reply.redirect(`/users/${encodeURIComponent(profile.user.username)}`, 301);
    }
    const viewer = request.viewer;
    const relation =
      viewer && viewer.id !== profile.user.id ? await relationState(ctx, viewer, profile.user.id) : undefined;
    const subscribed = await isSubscribed(ctx, request.viewer, { type: 'user', id: profile.user.id });
    return sendPage(
      reply,
      <ProfilePage
        page={pageContext(request, reply)}
        profile={profile}
        relation={relation}
        subscribed={subscribed}
      />,
    );
  });

  app.get<{ Params: UserParams & { pseud: string } }>(
    '/users/:username/pseuds/:pseud',
    async (request, reply) => {
      const { pseud, ...profile } = await getPseudProfile(ctx, request.params.username, request.params.pseud);
      return sendPage(
        reply,
        <PseudPage page={pageContext(request, reply)} profile={profile} pseud={pseud} />,
      );
    },
  );
}
