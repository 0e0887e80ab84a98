import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { creatorStats, STAT_COLUMNS, statsQuerySchema } from './stats.service.ts';

const counts = {
  words: z.number(),
  hits: z.number(),
  kudos: z.number(),
  comments: z.number(),
  bookmarks: z.number(),
  subscriptions: z.number(),
};

const statsResponse = z.object({
  works: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      status: z.enum(['posted', 'draft', 'hidden']),
      publishedAt: z.string().nullable(),
      ...counts,
    }),
  ),
  totals: z.object(counts),
  years: z.array(z.number()),
  series: z.object({
    range: z.enum(['90d', '12m']),
    unit: z.enum(['day', 'month']),
    workId: z.number().nullable(),
    points: z.array(z.object({ period: z.string(), hits: z.number(), kudos: z.number() })),
  }),
});

const statsQuery = z.object({
  sort: z.enum(STAT_COLUMNS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  year: z.coerce.number().int().optional(),
  work: z.coerce.number().int().positive().optional(),
  range: z.enum(['90d', '12m']).optional(),
});

export function statsApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/me/stats',
    summary:
      'Statistics of your works (drafts and hidden ones too): per work, totals, and hits and kudos per day (last 90 days) or month (last 12 months) for all works or one (`work`)',
    tag: 'Statistics',
    auth: 'token',
    query: statsQuery,
    response: statsResponse,
    handler: async ({ viewer, query }) => {
      const stats = await creatorStats(ctx, viewer!.id, statsQuerySchema.parse(query));
      return { works: stats.works, totals: stats.totals, years: stats.years, series: stats.series };
    },
  });
}
