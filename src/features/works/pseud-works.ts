import type { DB } from '../../db/connect.ts';
import { touchWorks } from './works.repository.ts';

/** The works a pseud is a creator of. */
async function worksOfPseud(db: DB, pseudId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('work_creators')
    .select('work_id')
    .where('pseud_id', '=', pseudId)
    .execute();
  return rows.map((r) => r.work_id);
}

/** A pseud was renamed: its works' bylines changed, so their cached pages are rendered again. */
export async function pseudRenamed(db: DB, pseudId: number, now: string): Promise<void> {
  await touchWorks(db, await worksOfPseud(db, pseudId), now);
}

/**
 * A pseud is about to be deleted: its works and series move to the account's default pseud (AO3's
 * rule), keeping their place in the byline, so no work is ever left without its creator.
 */
export async function movePseudContent(db: DB, fromPseudId: number, toPseudId: number, now: string) {
  const workIds = await worksOfPseud(db, fromPseudId);
  for (const workId of workIds) {
    const already = await db
      .selectFrom('work_creators')
      .select('work_id')
      .where('work_id', '=', workId)
      .where('pseud_id', '=', toPseudId)
      .executeTakeFirst();
    if (already) {
      await db
        .deleteFrom('work_creators')
        .where('work_id', '=', workId)
        .where('pseud_id', '=', fromPseudId)
        .execute();
    } else {
      await db
        .updateTable('work_creators')
        .set({ pseud_id: toPseudId })
        .where('work_id', '=', workId)
        .where('pseud_id', '=', fromPseudId)
        .execute();
    }
  }
  const series = await db
    .selectFrom('series_creators')
    .select('series_id')
    .where('pseud_id', '=', fromPseudId)
    .execute();
  for (const { series_id } of series) {
    await db
      .insertInto('series_creators')
      .columns(['series_id', 'pseud_id', 'user_id'])
      .expression((eb) =>
        eb
          .selectFrom('series_creators')
          .select(['series_id', eb.val(toPseudId).as('pseud_id'), 'user_id'])
          .where('series_id', '=', series_id)
          .where('pseud_id', '=', fromPseudId),
      )
      .onConflict((oc) => oc.columns(['series_id', 'pseud_id']).doNothing())
      .execute();
  }
  await touchWorks(db, workIds, now);
}
