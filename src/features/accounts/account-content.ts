import type { DB } from '../../db/connect.ts';
import { bookmarksContent } from '../bookmarks/bookmarks.account-content.ts';
import { commentsContent } from '../comments/comments.account-content.ts';
import { forumsContent } from '../forums/forums.account-content.ts';
import { historyContent } from '../history/history.account-content.ts';
import { notificationsContent } from '../notifications/notifications.account-content.ts';
import { kudosContent } from '../kudos/kudos.account-content.ts';
import { worksContent } from '../works/works.account-content.ts';

/**
 * A feature that stores content created by accounts (works, entries, posts…) tells
 * account deletion how to orphan it or delete it. Each runs inside the deletion's
 * transaction, so an account is never half-deleted.
 */
export interface AccountContentOwner {
  name: string;
  /** Moves the account's content to orphan_account's pseud `orphanPseudId`. */
  orphan(db: DB, userId: number, orphanPseudId: number): Promise<void>;
  /** Deletes the account's content. */
  remove(db: DB, userId: number): Promise<void>;
}

/** Every feature that owns account content adds itself here (works, journals, forums…). */
export const accountContentOwners: AccountContentOwner[] = [
  worksContent,
  forumsContent,
  historyContent,
  notificationsContent,
  kudosContent,
  bookmarksContent,
  commentsContent,
];
