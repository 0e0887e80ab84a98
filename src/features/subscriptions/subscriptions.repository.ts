import type { DB } from '../../db/connect.ts';
import { nowIso } from '../../lib/clock.ts';

/** The `subscriptions` table (works, series, creators); journals and forums keep their own tables. */
export type CoreType = 'work' | 'series' | 'user';

export async function setCoreSubscription(
  db: DB,
  userId: number,
  type: CoreType,
  targetId: number,
  on: boolean,
) {
  if (on)
    await db
      .insertInto('subscriptions')
      .values({ user_id: userId, target_type: type, target_id: targetId, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['user_id', 'target_type', 'target_id']).doNothing())
      .execute();
  else
    await db
      .deleteFrom('subscriptions')
      .where('user_id', '=', userId)
      .where('target_type', '=', type)
      .where('target_id', '=', targetId)
      .execute();
}

export async function hasCoreSubscription(db: DB, userId: number, type: CoreType, targetId: number) {
  const row = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('user_id', '=', userId)
    .where('target_type', '=', type)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row !== undefined;
}

export function coreSubscriptions(db: DB, userId: number) {
  return db
    .selectFrom('subscriptions')
    .select(['target_type', 'target_id', 'created_at'])
    .where('user_id', '=', userId)
    .execute();
}

/** Account deletion: the account's subscriptions, and subscriptions to it as a creator. */
export async function deleteSubscriptionsOf(db: DB, userId: number) {
  await db.deleteFrom('subscriptions').where('user_id', '=', userId).execute();
  await db
    .deleteFrom('subscriptions')
    .where('target_type', '=', 'user')
    .where('target_id', '=', userId)
    .execute();
}
