import type { DB } from '../../db/connect.ts';

/**
 * A work's hits and kudos per day (`work_daily_stats`), what the statistics page draws over time.
 * `work_hits` keeps only today's visits (works/hits.ts forgets older ones), so each counted hit is
 * added here as it counts, by the database itself (a trigger on `work_hits`, migration 0025); kudos
 * are recounted from the `kudos` rows of that day.
 */

/** YYYY-MM-DD (UTC) of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Sets the work's kudos of that day from the `kudos` rows given that day: the kudos feature calls
 * it in the transaction that adds (or removes) a kudos. A recount, so a retry cannot drift it.
 */
export async function countKudosDay(db: DB, workId: number, day: string): Promise<number> {
  const row = await db
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('work_id', '=', workId)
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  const kudos = Number(row.n);
  await db
    .insertInto('work_daily_stats')
    .values({ work_id: workId, day, hits: 0, kudos })
    .onConflict((oc) => oc.columns(['work_id', 'day']).doUpdateSet({ kudos }))
    .execute();
  return kudos;
}
