import type { AccountContentOwner } from '../accounts/account-content.ts';
import type { DB } from '../../db/connect.ts';
import { deleteSubscriptionsOf } from '../subscriptions/subscriptions.repository.ts';

/**
 * An account's inbox, its e-mail preferences and its subscriptions go with it, whether its works are
 * orphaned or deleted; so do others' subscriptions to it as a creator (nobody is left to follow).
 * Notices others received about what it did stay (their actor becomes nobody: the foreign key sets
 * null), as the things they point to decide for themselves what remains.
 */
async function removeAll(db: DB, userId: number) {
  await db.deleteFrom('notifications').where('user_id', '=', userId).execute();
  await db.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
  await deleteSubscriptionsOf(db, userId);
}

export const notificationsContent: AccountContentOwner = {
  name: 'notifications',
  orphan: (db, userId) => removeAll(db, userId),
  remove: (db, userId) => removeAll(db, userId),
};
