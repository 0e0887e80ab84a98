import type { Expression } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { nowIso } from '../../lib/clock.ts';

/**
 * Takes the work's row lock for the rest of the transaction, on both databases: it stamps
 * `updated_at` (an UPDATE locks the row on PostgreSQL; SQLite runs one writer at a time anyway).
 * Every write that reads a work's rows to derive something (a counter, the revision's posted
 * chapters and word count, the next chapter position) locks first: on PostgreSQL (READ COMMITTED)
 * two writers that read before locking each miss the other's uncommitted row, and the later one
 * writes a figure one short. Locked first, the second waits for the first to commit, and its reads,
 * new statements, see both. The stamp is what the write would set anyway: the listings' index and
 * cached guest pages follow `updated_at`.
 */
export async function lockWork(db: DB, workId: number, now: string = nowIso()): Promise<void> {
  await db.updateTable('works').set({ updated_at: now }).where('id', '=', workId).execute();
}

/** The counters listings show and sort by ("Kudos", "Comments", "Bookmarks"). */
export type WorkCounter = 'kudos_count' | 'comment_count' | 'bookmark_count';

/**
 * The one writer of a work's counters. The feature that owns the rows (kudos, comments,
 * bookmarks) calls this in the same transaction as its write, with the function that counts them;
 * the counter is set from the count, never incremented, so a retried write cannot drift it.
 *
 * The work's row is locked first (the `updated_at` stamp below), and only then are the rows
 * counted: on PostgreSQL (READ COMMITTED) two writers that counted before locking would each miss
 * the other's uncommitted row and the later would set a count one short (a lost kudos; seen with
 * two app processes, test/scale/). Locked first, the second writer waits for the first to commit
 * and its count, a new statement, sees both rows. SQLite runs one writer at a time anyway.
 *
 * The work is stamped changed (`updated_at`, not `revised_at`: this is not an update for
 * "Date Updated"), so the listings' index and cached guest pages of it follow.
 */
export async function setWorkCounter(
  db: DB,
  workId: number,
  counter: WorkCounter,
  count: (db: DB) => Promise<number>,
): Promise<number> {
  await lockWork(db, workId);
  const value = await count(db);
  await db
    .updateTable('works')
    .set({ [counter]: value })
    .where('id', '=', workId)
    .execute();
  return value;
}

/**
 * The same, with the count as a subquery (`count(db)` builds it): the counter is set from it in
 * the statement that follows the lock, one statement fewer. As safe as counting apart: the count is
 * a new statement after the row lock, so on PostgreSQL it sees what an earlier writer committed.
 */
export async function setWorkCounterFrom(
  db: DB,
  workId: number,
  counter: WorkCounter,
  count: (db: DB) => Expression<number | string | bigint>,
): Promise<number> {
  await lockWork(db, workId);
  const row = await db
    .updateTable('works')
    .set({ [counter]: count(db) } as Record<WorkCounter, Expression<number>>)
    .where('id', '=', workId)
    .returning(counter)
    .executeTakeFirstOrThrow();
  return Number(row[counter]);
}
