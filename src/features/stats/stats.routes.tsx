import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireViewer } from '../../web/auth.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { creatorStats, statsOwner, statsQuerySchema } from './stats.service.ts';
import { StatsPage } from './stats.views.tsx';

export function statsRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get<{ Params: { username: string } }>('/users/:username/stats', async (request, reply) => {
    const viewer = requireViewer(request);
    const owner = await statsOwner(ctx, viewer, request.params.username);
    const stats = await creatorStats(ctx, owner.id, statsQuerySchema.parse(request.query ?? {}));
    reply.header('cache-control', 'private, no-store');
    return sendPage(
      reply,
      <StatsPage page={pageContext(request, reply)} username={owner.username} stats={stats} />,
    );
  });
}
