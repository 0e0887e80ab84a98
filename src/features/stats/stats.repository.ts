import type { DB } from '../../db/connect.ts';

export interface WorkStatsRow {
  id: number;
  title: string;
  posted: number;
  hidden_at: string | null;
  published_at: string | null;
  word_count: number;
  hits: number;
  kudos_count: number;
  comment_count: number;
  bookmark_count: number;
  subscriptions: number;
}

/**
 * Every work the account is an accepted creator of, drafts and hidden ones too (it is their data),
 * with its counters and its subscribers.
 */
export async function worksOfCreator(db: DB, userId: number): Promise<WorkStatsRow[]> {
  const rows = await db
    .selectFrom('works')
    .innerJoin('work_creators', 'work_creators.work_id', 'works.id')
    .where('work_creators.user_id', '=', userId)
    .where('work_creators.accepted', '=', 1)
    .select((eb) => [
      'works.id',
      'works.title',
      'works.posted',
      'works.hidden_at',
      'works.published_at',
      'works.word_count',
      'works.hits',
      'works.kudos_count',
      'works.comment_count',
      'works.bookmark_count',
      eb
        .selectFrom('subscriptions')
        .select((s) => s.fn.countAll<number | string>().as('n'))
        .where('subscriptions.target_type', '=', 'work')
        .whereRef('subscriptions.target_id', '=', 'works.id')
        .as('subscriptions'),
    ])
    .distinct()
    .orderBy('works.id')
    .execute();
  return rows.map((r) => ({ ...r, subscriptions: Number(r.subscriptions ?? 0) }));
}

/** Daily hits and kudos of these works from `from` (YYYY-MM-DD) on, summed per day. */
export async function dailyTotals(
  db: DB,
  workIds: number[],
  from: string,
): Promise<{ day: string; hits: number; kudos: number }[]> {
  if (workIds.length === 0) return [];
  const rows = await db
    .selectFrom('work_daily_stats')
    .select((eb) => [
      'day',
      eb.fn.sum<number | string>('hits').as('hits'),
      eb.fn.sum<number | string>('kudos').as('kudos'),
    ])
    .where('work_id', 'in', workIds)
    .where('day', '>=', from)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, hits: Number(r.hits), kudos: Number(r.kudos) }));
}
