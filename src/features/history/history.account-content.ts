import type { DB } from '../../db/connect.ts';
import type { AccountContentOwner } from '../accounts/account-content.ts';

/**
 * A deleted account's reading history, history switch, blocks and mutes (both ways) go with it,
 * whether its works are orphaned or deleted: they are about the person, not content others share.
 * The foreign keys cascade too; this says so explicitly and does not depend on it.
 */
async function removePersonal(db: DB, userId: number) {
  await db.deleteFrom('readings').where('user_id', '=', userId).execute();
  await db.deleteFrom('reading_history_paused').where('user_id', '=', userId).execute();
  for (const table of ['user_blocks', 'user_mutes'] as const)
    await db
      .deleteFrom(table)
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('target_id', '=', userId)]))
      .execute();
}

export const historyContent: AccountContentOwner = {
  name: 'reading history, blocks and mutes',
  orphan: (db, userId) => removePersonal(db, userId),
  remove: (db, userId) => removePersonal(db, userId),
};
