import type { DB } from '../../db/connect.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { idBatches } from '../../db/id-batches.ts';
import { shunPairs } from '../blocking/blocks.repository.ts';

/**
 * The accounts that may hear of something, as the viewers visibility asks about: built-in accounts
 * (orphan_account) and disabled ones hear of nothing.
 */
export async function activeViewers(db: DB, ids: Iterable<number>): Promise<Viewer[]> {
  const viewers: Viewer[] = [];
  for (const batch of idBatches([...ids].sort((a, b) => a - b))) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'username', 'email', 'role'])
      .where('id', 'in', batch)
      .where('is_system', '=', 0)
      .where('disabled_at', 'is', null)
      .orderBy('id')
      .execute();
    viewers.push(...rows);
  }
  return viewers;
}

/** Whether `userId` has blocked or muted any of `others` (a work's creators, say). */
export async function shunsAny(db: DB, userId: number, others: readonly number[]): Promise<boolean> {
  return (await shunPairs(db, [userId], others)).size > 0;
}

/** Those of `userIds` who have blocked or muted any of `others`: one look-up for a whole fan-out. */
export async function shunningAny(db: DB, userIds: readonly number[], others: readonly number[]) {
  const pairs = await shunPairs(db, userIds, others);
  return new Set(userIds.filter((id) => others.some((other) => pairs.has(`${id}:${other}`))));
}

/** "A", "A and B", "A, B and C". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? 'Someone';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
