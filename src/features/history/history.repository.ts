import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import { BLURB_COLUMNS } from '../works/blurbs.ts';

/** A reader's row for one work (absent: never read nor marked). */
export interface ReadingRow {
  last_visited_at: string;
  visits: number;
  chapter_position: number;
  major_version: number;
  later: number;
}

const READING_COLUMNS = [
  'readings.last_visited_at',
  'readings.visits',
  'readings.chapter_position',
  'readings.major_version',
  'readings.later',
] as const;

/** The reader's row for a work and whether their history is off: one query, before a visit is recorded. */
export async function readingState(db: DB, userId: number, workId: number) {
  const row = await db
    .selectFrom('users')
    .leftJoin('readings', (join) =>
      join.onRef('readings.user_id', '=', 'users.id').on('readings.work_id', '=', workId),
    )
    .leftJoin('reading_history_paused', 'reading_history_paused.user_id', 'users.id')
    .select([...READING_COLUMNS, 'reading_history_paused.user_id as paused'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  const reading: ReadingRow | null =
    row && row.last_visited_at !== null
      ? {
          last_visited_at: row.last_visited_at,
          visits: row.visits!,
          chapter_position: row.chapter_position!,
          major_version: row.major_version!,
          later: row.later!,
        }
      : null;
  return { reading, paused: row?.paused != null };
}

/**
 * One visit, one upsert: the first makes the row; later ones count it, keep the furthest chapter
 * position reached and take the work's major version of now.
 */
export async function upsertVisit(
  db: DB,
  visit: { userId: number; workId: number; position: number; majorVersion: number; at: string },
) {
  await db
    .insertInto('readings')
    .values({
      user_id: visit.userId,
      work_id: visit.workId,
      last_visited_at: visit.at,
      visits: 1,
      chapter_position: visit.position,
      major_version: visit.majorVersion,
      later: 0,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
        last_visited_at: eb.ref('excluded.last_visited_at'),
        visits: sql<number>`readings.visits + 1`,
        chapter_position: sql<number>`case when excluded.chapter_position > readings.chapter_position then excluded.chapter_position else readings.chapter_position end`,
        major_version: eb.ref('excluded.major_version'),
      })),
    )
    .execute();
}

/** Marks a work for later (a row is made if there is none: never visited). */
export async function markLater(db: DB, userId: number, workId: number, majorVersion: number, at: string) {
  await db
    .insertInto('readings')
    .values({
      user_id: userId,
      work_id: workId,
      last_visited_at: at,
      visits: 0,
      chapter_position: 0,
      major_version: majorVersion,
      later: 1,
    })
    .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet({ later: 1 }))
    .execute();
}

/** Unmarks a work; a row that was only a mark (never visited) goes. Returns whether one was marked. */
export async function unmarkLater(db: DB, userId: number, workId: number): Promise<boolean> {
  const done = await db
    .updateTable('readings')
    .set({ later: 0 })
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .where('later', '=', 1)
    .executeTakeFirst();
  await db
    .deleteFrom('readings')
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .where('visits', '=', 0)
    .execute();
  return Number(done.numUpdatedRows) > 0;
}

export async function deleteReading(db: DB, userId: number, workId: number): Promise<boolean> {
  const done = await db
    .deleteFrom('readings')
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  return Number(done.numDeletedRows) > 0;
}

export async function clearReadings(db: DB, userId: number): Promise<number> {
  const done = await db.deleteFrom('readings').where('user_id', '=', userId).executeTakeFirst();
  return Number(done.numDeletedRows);
}

export async function isPaused(db: DB, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('reading_history_paused')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setPaused(db: DB, userId: number, paused: boolean, at: string) {
  if (paused)
    await db
      .insertInto('reading_history_paused')
      .values({ user_id: userId, created_at: at })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  else await db.deleteFrom('reading_history_paused').where('user_id', '=', userId).execute();
}

export type ReadingFilter = 'all' | 'later' | 'updated';

/**
 * A page of the reader's history, newest visit first: only works they may still see (a work hidden,
 * drafted again, or by someone they muted is left out, and out of the total).
 */
export async function listReadings(
  db: DB,
  viewer: Viewer,
  filter: ReadingFilter,
  page: number,
  perPage: number,
) {
  let base = db
    .selectFrom('readings')
    .innerJoin('works', 'works.id', 'readings.work_id')
    .where('readings.user_id', '=', viewer.id)
    .where('works.posted', '=', 1)
    .where((eb) => visibleWorks(eb, viewer));
  if (filter === 'later') base = base.where('readings.later', '=', 1);
  if (filter === 'updated')
    base = base
      .where('readings.visits', '>', 0)
      .whereRef('works.major_version', '>', 'readings.major_version');
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select([...BLURB_COLUMNS, ...READING_COLUMNS, 'works.major_version as current_version'])
      .orderBy('readings.last_visited_at', 'desc')
      .orderBy('readings.work_id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { total: Number(count.total), rows };
}
