import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';

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

/** A visit's row, returned only when it is new (a repeat visit conflicts and inserts nothing). */
const insertVisit = prepared((db, p: Slots<{ workId: number; visitor: string; day: string }>) =>
  db
    .insertInto('work_hits')
    .values({ work_id: p.workId, visitor: p.visitor, day: p.day })
    .onConflict((oc) => oc.columns(['work_id', 'visitor', 'day']).doNothing())
    .returning('work_id'),
);

/** Counts a visit once per visitor per day. Returns whether it counted. */
export async function recordHit(db: DB, workId: number, visitor: string, now = new Date()): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const key = `${workId}|${visitor}|${day}`;
  const counted = countedIn(db);
  if (counted.has(key)) return false;
  counted.set(key, true);
  // A new row adds itself to `works.hits` and the day's `work_daily_stats` (trigger, migration 0025).
  return (await insertVisit(db, { workId, visitor, day })).length > 0;
}

/** Yesterday's and older visit rows are no longer needed to count today's. */
export async function forgetOldVisits(db: DB, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const result = await db.deleteFrom('work_hits').where('day', '<', today).executeTakeFirst();
  return Number(result.numDeletedRows);
}
