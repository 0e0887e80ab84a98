import type { AccountContentOwner } from '../accounts/account-content.ts';
import { findPseudById } from '../pseuds/pseuds.repository.ts';
import { rebump } from './bump.ts';

/**
 * Forum posts when their author leaves. Orphaning keeps every post, now by orphan_account, so
 * threads read as before. Deleting removes the author's posts (their revisions, reports and read
 * marks go with them), then each thread they posted in takes its order from what is left
 * (bump.ts), and a thread left with no post at all goes too. Without this, the database's cascade
 * would delete the posts in both cases and leave the threads' counts and dates stale.
 */
export const forumsContent: AccountContentOwner = {
  name: 'forums',
  async orphan(db, userId, orphanPseudId) {
    const orphan = await findPseudById(db, orphanPseudId);
    if (!orphan) throw new Error('orphan_account’s pseud is missing');
    await db
      .updateTable('posts')
      .set({ author_id: orphan.user_id })
      .where('author_id', '=', userId)
      .execute();
    await db
      .updateTable('threads')
      .set({ starter_id: orphan.user_id })
      .where('starter_id', '=', userId)
      .execute();
    await db
      .updateTable('threads')
      .set({ last_poster_id: orphan.user_id })
      .where('last_poster_id', '=', userId)
      .execute();
  },
  async remove(db, userId) {
    const threads = await db
      .selectFrom('posts')
      .select('thread_id')
      .where('author_id', '=', userId)
      .distinct()
      .execute();
    await db.deleteFrom('posts').where('author_id', '=', userId).execute();
    for (const { thread_id } of threads) {
      const left = await db
        .selectFrom('posts')
        .select('id')
        .where('thread_id', '=', thread_id)
        .limit(1)
        .executeTakeFirst();
      if (left) await rebump(db, thread_id, 'deleted');
      else await db.deleteFrom('threads').where('id', '=', thread_id).execute();
    }
  },
};
