import { z } from 'zod';
import type { DB } from '../../../db/connect.ts';
import { enqueue } from '../../../jobs/queue.ts';
import type { JobHandler } from '../../../jobs/worker.ts';
import { indexWork } from './search-index.ts';

export const INDEX_WORKS = 'search.index';

/**
 * Search stays in step with works through the job queue: whatever changes a work's version (the
 * revision rule, a series or pseud rename) asks for it to be indexed again, in the same
 * transaction, so a rolled-back write asks for nothing.
 */
export function enqueueSearchIndex(db: DB, workIds: number[]): Promise<number> | undefined {
  if (workIds.length === 0) return undefined;
  return enqueue(db, INDEX_WORKS, { workIds: [...new Set(workIds)] });
}

const payload = z.object({ workIds: z.array(z.number().int()) });

export const indexWorksJob: JobHandler = async (raw, ctx) => {
  for (const workId of payload.parse(raw).workIds) await indexWork(ctx.db, ctx.dialect, workId);
};
