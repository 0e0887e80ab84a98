import type { AccountContentOwner } from '../accounts/account-content.ts';
import { removeBookmarksOf } from './bookmarks.repository.ts';
import { recountBookmarks } from './bookmarks.service.ts';

/**
 * Bookmarks when their owner leaves: they go with the account either way (a bookmark is its
 * owner's reading, not content to keep under orphan_account), and the works' public bookmark
 * counts are recounted.
 */
async function remove(db: Parameters<AccountContentOwner['remove']>[0], userId: number) {
  for (const workId of new Set(await removeBookmarksOf(db, userId))) await recountBookmarks(db, workId);
}

export const bookmarksContent: AccountContentOwner = {
  name: 'bookmarks',
  orphan: (db, userId) => remove(db, userId),
  remove,
};
