import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DB } from '../../db/connect.ts';
import { addDailyHit } from '../stats/daily-stats.ts';

/**
 * Visits this process has already counted today: a shortcut past the database for a reader
 * turning pages. Another process that has not seen the visit inserts and hits the unique key,
 * so nothing is counted twice.
 */
const countedByDb = new WeakMap<DB, LRUCache<string, true>>();
function countedIn(db: DB): LRUCache<string, true> {
  let counted = countedByDb.get(db);
  if (!counted) countedByDb.set(db, (counted = new LRUCache<string, true>({ max: 100_000 })));
  return counted;
}

/**
 * A visitor, for counting hits: the account, or for guests a hash of address and browser
 * (never stored in the clear).
 */
export function visitorKey(viewerId: number | null, ip: string, userAgent: string | undefined): string {
  if (viewerId !== null) return `u:${viewerId}`;
  return `g:${crypto
    .createHash('sha256')
    .update(`${ip}\n${userAgent ?? ''}`)
    .digest('base64url')
    .slice(0, 22)}`;
}

/** Counts a visit once per visitor per day. Returns whether it counted. */
export async function recordHit(db: DB, workId: number, visitor: string, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const key = `${workId}|${visitor}|${day}`;
  const counted = countedIn(db);
  if (counted.has(key)) return false;
  counted.set(key, true);
  const inserted = await db
    .insertInto('work_hits')
    .values({ work_id: workId, visitor, day })
    .onConflict((oc) => oc.columns(['work_id', 'visitor', 'day']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable('works')
    .set((eb) => ({ hits: eb('hits', '+', 1) }))
    .where('id', '=', workId)
    .execute();
  await addDailyHit(db, workId, day);
  return true;
}

/** Yesterday's and older visit rows are no longer needed to count today's. */
export async function forgetOldVisits(db: DB, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const result = await db.deleteFrom('work_hits').where('day', '<', today).executeTakeFirst();
  return Number(result.numDeletedRows);
}
