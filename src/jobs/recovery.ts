import os from 'node:os';
import type { DB } from '../db/connect.ts';

/** A worker id is `host:pid:random` (worker.ts); the host may itself hold colons. */
export function parseWorkerId(id: string): { host: string; pid: number } | null {
  const parts = id.split(':');
  if (parts.length < 3) return null;
  const pid = Number(parts[parts.length - 2]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { host: parts.slice(0, -2).join(':'), pid };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Running jobs whose worker was a process on THIS host that no longer exists (killed, crashed, the
 * machine rebooted) go back to pending at once, instead of waiting STALE_AFTER (10 minutes). Workers
 * on other hosts cannot be checked from here: their jobs still wait for STALE_AFTER. Returns how many.
 */
export async function releaseOrphans(db: DB, host = os.hostname()): Promise<number> {
  const running = await db
    .selectFrom('jobs')
    .select(['id', 'locked_by'])
    .where('status', '=', 'running')
    .execute();
  let released = 0;
  for (const job of running) {
    const worker = job.locked_by ? parseWorkerId(job.locked_by) : null;
    if (!worker || worker.host !== host || worker.pid === process.pid || processAlive(worker.pid)) continue;
    const result = await db
      .updateTable('jobs')
      .set({ status: 'pending', locked_at: null, locked_by: null })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('locked_by', '=', job.locked_by)
      .executeTakeFirst();
    released += Number(result.numUpdatedRows);
  }
  return released;
}
