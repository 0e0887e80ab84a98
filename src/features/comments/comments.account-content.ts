import type { DB } from '../../db/connect.ts';
import type { AccountContentOwner } from '../accounts/account-content.ts';

/**
 * Comments when their author leaves: kept in both modes, as AO3 does, and shown as by a
 * "(deleted account)" (no user, no guest name), so the threads others replied into stay whole and
 * the works' comment counts do not move. Comments on the leaver's own works and entries go with
 * those (the database's cascade) when their content is deleted.
 */
async function detach(db: DB, userId: number) {
  await db
    .updateTable('comments')
    .set({ user_id: null, guest_name: null })
    .where('user_id', '=', userId)
    .execute();
}

export const commentsContent: AccountContentOwner = {
  name: 'comments',
  orphan: (db, userId) => detach(db, userId),
  remove: (db, userId) => detach(db, userId),
};
