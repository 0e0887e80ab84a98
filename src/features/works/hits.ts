import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { DB } from '../../db/connect.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';

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

interface Visit {
  workId: number;
  visitor: string;
  day: string;
}

/** The visit, unless this process has already counted it today. */
function newVisit(db: DB, workId: number, visitor: string, now: Date): Visit | null {
  const day = now.toISOString().slice(0, 10);
  const key = `${workId}|${visitor}|${day}`;
  const counted = countedIn(db);
  if (counted.has(key)) return null;
  counted.set(key, true);
  return { workId, visitor, day };
}

/** Rows inserted per statement (three parameters each: well under both databases' limits). */
const ROWS_PER_INSERT = 300;

/**
 * Saves visits; returns how many were new. A new row adds itself to `works.hits` and the day's
 * `work_daily_stats` (trigger, migration 0025); a repeat conflicts on the key and inserts nothing.
 */
async function insertVisits(db: DB, visits: Visit[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < visits.length; i += ROWS_PER_INSERT) {
    const rows = await db
      .insertInto('work_hits')
      .values(
        visits
          .slice(i, i + ROWS_PER_INSERT)
          .map((v) => ({ work_id: v.workId, visitor: v.visitor, day: v.day })),
      )
      .onConflict((oc) => oc.columns(['work_id', 'visitor', 'day']).doNothing())
      .returning('work_id')
      .execute();
    inserted += rows.length;
  }
  return inserted;
}

/** Counts a visit once per visitor per day, now (page views go through `HitBuffer`). Returns whether it counted. */
export async function recordHit(db: DB, workId: number, visitor: string, now = new Date()): Promise<boolean> {
  const visit = newVisit(db, workId, visitor, now);
  return visit !== null && (await insertVisits(db, [visit])) > 0;
}

/**
 * Page views' hits, written in batches: a view adds its visit here and a flush, at most `everyMs`
 * later (or once `batch` visits wait), writes them all in one transaction, so a page view costs no
 * write, commit or WAL frame of its own (AO3 buffers hits and writes them in batches too). The
 * counts trail by at most that long, and a crash forgets at most that long's hits: nothing else is
 * ever buffered. Each visit still counts once: this process skips visits it has counted today, and
 * the database's unique key settles visits that several processes saw.
 */
export class HitBuffer {
  private pending: Visit[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushing = new Set<Promise<void>>();

  constructor(
    private readonly db: DB,
    private readonly log: Logger,
    private readonly everyMs = 500,
    private readonly batch = 1000,
  ) {}

  add(workId: number, visitor: string, now = new Date()): void {
    const visit = newVisit(this.db, workId, visitor, now);
    if (!visit) return;
    this.pending.push(visit);
    if (this.pending.length >= this.batch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.everyMs).unref();
  }

  /** Writes what waits, and waits for flushes already under way (on close, and in tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const visits = this.pending;
    this.pending = [];
    if (visits.length > 0) {
      const write = this.write(visits);
      this.flushing.add(write);
      void write.finally(() => this.flushing.delete(write));
    }
    await Promise.all(this.flushing);
  }

  private async write(visits: Visit[]): Promise<void> {
    try {
      await this.db.transaction().execute((trx) => insertVisits(trx, visits));
    } catch (error) {
      // A page view's write is best-effort (db/unavailable.ts): when the database cannot take
      // writes the hits are dropped; the outage itself is answered and logged by the writes that
      // a person is waiting for.
      if (!isDatabaseUnavailable(error))
        this.log.error({ err: error, visits: visits.length }, 'hits not saved');
    }
  }
}

/** Yesterday's and older visit rows are no longer needed to count today's. */
export async function forgetOldVisits(db: DB, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const result = await db.deleteFrom('work_hits').where('day', '<', today).executeTakeFirst();
  return Number(result.numDeletedRows);
}
