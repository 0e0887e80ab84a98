import { sql } from 'kysely';
import type { DB, Dialect } from '../db/connect.ts';
import type { Job } from '../db/schema.ts';
import { isoAfter, MINUTE, nowIso } from '../lib/clock.ts';

/**
 * The durable job queue (an outbox table). A job is enqueued with the same `db` handle
 * (usually a transaction) as the write that causes it, so both commit or neither does.
 */
export async function enqueue(
  db: DB,
  kind: string,
  payload: unknown,
  options: { runAt?: string; maxAttempts?: number } = {},
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      max_attempts: options.maxAttempts ?? 8,
      run_at: options.runAt ?? now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A running job whose worker has not finished it in this long is presumed crashed and retried. */
export const STALE_AFTER = 10 * MINUTE;

/**
 * Claims the next due job for `workerId`. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two
 * processes never take the same job. SQLite: one writer at a time, so a plain
 * conditional update inside a transaction is enough.
 */
export async function claimNext(db: DB, dialect: Dialect, workerId: string): Promise<Job | undefined> {
  const now = nowIso();
  const staleBefore = new Date(Date.now() - STALE_AFTER).toISOString();
  return db.transaction().execute(async (trx) => {
    let candidate = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_at', '<', staleBefore)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);
    if (dialect === 'postgres') candidate = candidate.forUpdate().skipLocked();
    const next = await candidate.executeTakeFirst();
    if (!next) return undefined;
    return trx
      .updateTable('jobs')
      .set({ status: 'running', locked_at: now, locked_by: workerId, attempts: sql`attempts + 1` })
      .where('id', '=', next.id)
      .returningAll()
      .executeTakeFirst();
  });
}

export async function markDone(db: DB, id: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: nowIso(), locked_at: null, locked_by: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Exponential backoff: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);
}

/** Records a failure: retried later with backoff, or failed for good after max_attempts. */
export async function markFailed(db: DB, job: Job, error: unknown): Promise<'retry' | 'failed'> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'pending',
      run_at: final ? job.run_at : isoAfter(backoffMs(job.attempts)),
      finished_at: final ? nowIso() : null,
      locked_at: null,
      locked_by: null,
      last_error: message.slice(0, 2000),
    })
    .where('id', '=', job.id)
    .execute();
  return final ? 'failed' : 'retry';
}

export async function jobCounts(db: DB): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
