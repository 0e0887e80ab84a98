import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { dayOf } from './daily-stats.ts';
import { dailyTotals, type WorkStatsRow, worksOfCreator } from './stats.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

export const STAT_COLUMNS = [
  'title',
  'date',
  'words',
  'hits',
  'kudos',
  'comments',
  'bookmarks',
  'subscriptions',
] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];

/** What the statistics page and `GET /api/v1/me/stats` take: one schema for both. */
export const statsQuerySchema = z.object({
  sort: z.enum(STAT_COLUMNS).catch('hits').default('hits'),
  dir: z.enum(['asc', 'desc']).catch('desc').default('desc'),
  year: z.coerce.number().int().min(1900).max(9999).optional().catch(undefined),
  work: z.coerce.number().int().positive().optional().catch(undefined),
  range: z.enum(['90d', '12m']).catch('90d').default('90d'),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export interface WorkStats {
  id: number;
  title: string;
  status: 'posted' | 'draft' | 'hidden';
  publishedAt: string | null;
  words: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  subscriptions: number;
}

export type Totals = Pick<WorkStats, 'words' | 'hits' | 'kudos' | 'comments' | 'bookmarks' | 'subscriptions'>;

export interface SeriesPoint {
  /** YYYY-MM-DD (a day) or YYYY-MM (a month). */
  period: string;
  hits: number;
  kudos: number;
}

export interface Stats {
  works: WorkStats[];
  totals: Totals;
  /** Years in which works were published, newest first. */
  years: number[];
  /** The works the chart may be drawn for (all of them, every year). */
  chartWorks: { id: number; title: string }[];
  series: { range: '90d' | '12m'; unit: 'day' | 'month'; workId: number | null; points: SeriesPoint[] };
  query: StatsQuery;
}

const sortValue: Record<StatColumn, (w: WorkStats) => string | number> = {
  title: (w) => w.title.toLowerCase(),
  date: (w) => w.publishedAt ?? '',
  words: (w) => w.words,
  hits: (w) => w.hits,
  kudos: (w) => w.kudos,
  comments: (w) => w.comments,
  bookmarks: (w) => w.bookmarks,
  subscriptions: (w) => w.subscriptions,
};

function toStats(row: WorkStatsRow): WorkStats {
  return {
    id: row.id,
    title: row.title,
    status: row.posted !== 1 ? 'draft' : row.hidden_at ? 'hidden' : 'posted',
    publishedAt: row.published_at,
    words: row.word_count,
    hits: row.hits,
    kudos: row.kudos_count,
    comments: row.comment_count,
    bookmarks: row.bookmark_count,
    subscriptions: row.subscriptions,
  };
}

/** Sorts in place by a column; ties fall back to the title, then the id, so the order is stable. */
export function sortWorks(works: WorkStats[], sort: StatColumn, dir: 'asc' | 'desc'): WorkStats[] {
  const sign = dir === 'asc' ? 1 : -1;
  return works.sort((a, b) => {
    const x = sortValue[sort](a);
    const y = sortValue[sort](b);
    if (x < y) return -sign;
    if (x > y) return sign;
    return a.title.localeCompare(b.title) || a.id - b.id;
  });
}

export function totalsOf(works: WorkStats[]): Totals {
  const totals: Totals = { words: 0, hits: 0, kudos: 0, comments: 0, bookmarks: 0, subscriptions: 0 };
  for (const w of works) for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += w[key];
  return totals;
}

/** The periods the chart covers: the last 90 days, or the last 12 months, ending today (UTC). */
export function periods(range: '90d' | '12m', today: Date): string[] {
  const out: string[] = [];
  if (range === '90d') {
    for (let i = 89; i >= 0; i--) out.push(dayOf(new Date(today.getTime() - i * 86_400_000)));
  } else {
    for (let i = 11; i >= 0; i--) {
      const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
      out.push(d.toISOString().slice(0, 7));
    }
  }
  return out;
}

async function seriesFor(ctx: Ctx, workIds: number[], range: '90d' | '12m', today: Date) {
  const keys = periods(range, today);
  const from = range === '90d' ? keys[0]! : `${keys[0]!}-01`;
  const sums = new Map(keys.map((k) => [k, { period: k, hits: 0, kudos: 0 }]));
  for (const row of await dailyTotals(ctx.db, workIds, from)) {
    const point = sums.get(range === '90d' ? row.day : row.day.slice(0, 7));
    if (!point) continue;
    point.hits += row.hits;
    point.kudos += row.kudos;
  }
  return [...sums.values()];
}

/** The account whose statistics these are: only the account itself may see them. */
export async function statsOwner(ctx: Ctx, viewer: Viewer | null, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.is_system) throw notFound('User');
  if (!viewer || viewer.id !== user.id) throw forbidden('Only the account itself can see its statistics.');
  return user;
}

/** A creator's statistics: per work, totals, the year filter and the chart's series. */
export async function creatorStats(
  ctx: Ctx,
  userId: number,
  query: StatsQuery,
  today = new Date(),
): Promise<Stats> {
  const all = (await worksOfCreator(ctx.db, userId)).map(toStats);
  const years = [
    ...new Set(all.flatMap((w) => (w.publishedAt ? [Number(w.publishedAt.slice(0, 4))] : []))),
  ].sort((a, b) => b - a);
  const shown =
    query.year === undefined
      ? all
      : all.filter((w) => w.publishedAt?.startsWith(String(query.year)) ?? false);
  sortWorks(shown, query.sort, query.dir);
  const chartWork = query.work !== undefined ? all.find((w) => w.id === query.work) : undefined;
  const ids = chartWork ? [chartWork.id] : all.map((w) => w.id);
  return {
    works: shown,
    totals: totalsOf(shown),
    years,
    chartWorks: [...all]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((w) => ({ id: w.id, title: w.title })),
    series: {
      range: query.range,
      unit: query.range === '90d' ? 'day' : 'month',
      workId: chartWork?.id ?? null,
      points: await seriesFor(ctx, ids, query.range, today),
    },
    query: { ...query, work: chartWork?.id },
  };
}
