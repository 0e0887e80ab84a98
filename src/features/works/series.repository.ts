import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';

export async function insertSeries(db: DB, title: string, now: string): Promise<number> {
  const { id } = await db
    .insertInto('series')
    .values({ title, summary: '', notes: '', complete: 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function addSeriesCreators(
  db: DB,
  seriesId: number,
  creators: { pseud_id: number; user_id: number }[],
) {
  await db
    .insertInto('series_creators')
    .values(creators.map((c) => ({ series_id: seriesId, ...c })))
    .onConflict((oc) => oc.columns(['series_id', 'pseud_id']).doNothing())
    .execute();
}

/** The series if `userId` is one of its creators. */
export function findOwnSeries(db: DB, seriesId: number, userId: number) {
  return db
    .selectFrom('series')
    .selectAll('series')
    .where('series.id', '=', seriesId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('series_creators')
          .select('series_creators.series_id')
          .whereRef('series_creators.series_id', '=', 'series.id')
          .where('series_creators.user_id', '=', userId),
      ),
    )
    .executeTakeFirst();
}

export async function partTaken(db: DB, seriesId: number, part: number): Promise<boolean> {
  const row = await db
    .selectFrom('serial_works')
    .select('work_id')
    .where('series_id', '=', seriesId)
    .where('part', '=', part)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes the series' row lock for the rest of the transaction (an `updated_at` stamp: a work joining
 * a series updates it), so two works added at once get different part numbers on PostgreSQL too.
 */
export async function lockSeries(db: DB, seriesId: number, now: string): Promise<void> {
  await db.updateTable('series').set({ updated_at: now }).where('id', '=', seriesId).execute();
}

export async function nextPart(db: DB, seriesId: number): Promise<number> {
  const row = await db
    .selectFrom('serial_works')
    .select((eb) => eb.fn.max<number>('part').as('max'))
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function addToSeries(db: DB, seriesId: number, workId: number, part: number) {
  await db.insertInto('serial_works').values({ series_id: seriesId, work_id: workId, part }).execute();
}

/** On every work page: compiled once per database. */
export function seriesOfWork(db: DB, workId: number) {
  return seriesOfWorkQuery(db, { workId });
}

const seriesOfWorkQuery = prepared((db, p: Slots<{ workId: number }>) =>
  db
    .selectFrom('serial_works')
    .innerJoin('series', 'series.id', 'serial_works.series_id')
    .select(['series.id', 'series.title', 'serial_works.part'])
    .where('serial_works.work_id', '=', p.workId),
);

export function findSeries(db: DB, seriesId: number) {
  return db.selectFrom('series').selectAll().where('id', '=', seriesId).executeTakeFirst();
}

/** The series this account creates, for the posting form's "add to a series" choice. */
export function listOwnSeries(db: DB, userId: number) {
  return db
    .selectFrom('series')
    .select(['series.id', 'series.title'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('series_creators')
          .select('series_creators.series_id')
          .whereRef('series_creators.series_id', '=', 'series.id')
          .where('series_creators.user_id', '=', userId),
      ),
    )
    .orderBy('series.title')
    .execute();
}
