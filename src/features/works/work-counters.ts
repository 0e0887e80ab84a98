import type { DB } from '../../db/connect.ts';
import { nowIso } from '../../lib/clock.ts';

/** The counters listings show and sort by ("Kudos", "Comments", "Bookmarks"). */
export type WorkCounter = 'kudos_count' | 'comment_count' | 'bookmark_count';

/**
 * The one writer of a work's counters. The feature that owns the rows (kudos, comments,
 * bookmarks) counts them in the same transaction as its write and hands the number here; the
 * counter is set, never incremented, so a retried or concurrent write cannot drift it.
 *
 * The work is stamped changed (`updated_at`, not `revised_at`: this is not an update for
 * "Date Updated"), so the listings' index and cached guest pages of it follow.
 */
export async function setWorkCounter(
  db: DB,
  workId: number,
  counter: WorkCounter,
  value: number,
): Promise<void> {
  await db
    .updateTable('works')
    .set({ [counter]: value, updated_at: nowIso() })
    .where('id', '=', workId)
    .execute();
}

/**
 * Call before counting the rows a counter is set from, in the same transaction. On PostgreSQL (READ
 * COMMITTED) two writers at once could each miss the other's uncommitted row and both set N+1 (the
 * crash test caught it on comments); taking the work's row lock first makes the second wait, and its
 * count, a new statement, then sees the first's row. SQLite runs one writer at a time anyway.
 */
export async function lockWorkForCount(db: DB, workId: number): Promise<void> {
  await db.updateTable('works').set({ updated_at: nowIso() }).where('id', '=', workId).execute();
}
