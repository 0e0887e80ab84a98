import type { DB } from '../../db/connect.ts';
import { idBatches } from '../../db/id-batches.ts';

/**
 * Blocks and mutes as rows (migration 0015). The rules that use them live with the features
 * they guard (commenting, kudos, gifts) and in visibility (mutes); this is the only SQL on them.
 */
export type Relation = 'block' | 'mute';
const TABLES = { block: 'user_blocks', mute: 'user_mutes' } as const;

/** Whether any of `ownerIds` (a work's creators, an entry's journal owner…) has blocked `actorId`. */
export async function isBlockedByAny(db: DB, ownerIds: readonly number[], actorId: number): Promise<boolean> {
  if (ownerIds.length === 0) return false;
  const row = await db
    .selectFrom('user_blocks')
    .select('user_id')
    .where('user_id', 'in', [...ownerIds])
    .where('target_id', '=', actorId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The pairs among `userIds` × `targetIds` where the user has blocked or muted the target, as
 * `user:target` keys: one look-up for a whole fan-out (a new chapter's subscribers), in statements
 * of at most IDS_PER_STATEMENT users (db/id-batches.ts).
 */
export async function shunPairs(
  db: DB,
  userIds: readonly number[],
  targetIds: readonly number[],
): Promise<Set<string>> {
  const pairs = new Set<string>();
  const targets = [...new Set(targetIds)];
  if (targets.length === 0) return pairs;
  for (const part of idBatches(userIds)) {
    for (const table of Object.values(TABLES)) {
      const rows = await db
        .selectFrom(table)
        .select(['user_id', 'target_id'])
        .where('user_id', 'in', part)
        .where('target_id', 'in', targets)
        .execute();
      for (const row of rows) pairs.add(`${row.user_id}:${row.target_id}`);
    }
  }
  return pairs;
}

/** The accounts `userId` has blocked or muted. */
export async function relatedIds(db: DB, relation: Relation, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom(TABLES[relation])
    .select('target_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.target_id);
}

export async function addRelation(db: DB, relation: Relation, userId: number, targetId: number, now: string) {
  await db
    .insertInto(TABLES[relation])
    .values({ user_id: userId, target_id: targetId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'target_id']).doNothing())
    .execute();
}

export async function removeRelation(db: DB, relation: Relation, userId: number, targetId: number) {
  await db
    .deleteFrom(TABLES[relation])
    .where('user_id', '=', userId)
    .where('target_id', '=', targetId)
    .execute();
}
