import type { DB } from '../../db/connect.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/**
 * The accounts that may hear of something, as the viewers visibility asks about: built-in accounts
 * (orphan_account) and disabled ones hear of nothing.
 */
export async function activeViewers(db: DB, ids: Iterable<number>): Promise<Viewer[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role'])
    .where('id', 'in', wanted)
    .where('is_system', '=', 0)
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows;
}

/** Whether `userId` has blocked or muted any of `others` (a work's creators, say). */
export async function shunsAny(db: DB, userId: number, others: readonly number[]): Promise<boolean> {
  if (others.length === 0) return false;
  for (const table of ['user_blocks', 'user_mutes'] as const) {
    const row = await db
      .selectFrom(table)
      .select('target_id')
      .where('user_id', '=', userId)
      .where('target_id', 'in', [...others])
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** "A", "A and B", "A, B and C". */
export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? 'Someone';
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
