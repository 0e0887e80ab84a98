import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { BoardAccess, Database, PostStatus } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeWork, isStaff, type WorkAccessFacts } from './visibility.ts';

/**
 * The one owner of "may this viewer see, post in or moderate this board, thread or post". Every
 * forum surface asks here: the forum index, board and thread pages, counts, feeds, the API, the
 * report queue and the chapter → thread job.
 *
 * | board access | who sees it                                          | who posts                  |
 * |--------------|------------------------------------------------------|----------------------------|
 * | public       | everyone                                             | signed in (community: members) |
 * | members      | signed in (community: its members)                   | the same                   |
 * | read-only    | everyone                                             | its moderators             |
 *
 * Moderators of a site board are the site's moderators and admins; of a community's board, the
 * community's maintainers and moderators (site staff get nothing more there: a members-only
 * community board is its members' alone, as locked journal entries are). A locked thread takes
 * replies from moderators only. Posts: hidden ones are a stub for all but moderators (the numbering
 * stays), deleted ones a stub for everyone, posts awaiting approval are seen by their author and
 * moderators only. A chapter reply shows its work's title and text only to those who may see the
 * work (visibility.ts); others get a neutral stub.
 */
export interface BoardFacts {
  access: BoardAccess;
  community_id: number | null;
  moderated: number;
}

/** A condition on `boards` (in scope as `boards`): the boards this viewer may see at all. */
export function visibleBoards(
  eb: ExpressionBuilder<Database, 'boards'>,
  viewer: Viewer | null,
): Expression<SqlBool> {
  const open = eb('boards.access', '!=', 'members');
  if (!viewer) return open;
  return eb.or([
    open,
    eb('boards.community_id', 'is', null),
    eb.exists(
      eb
        .selectFrom('community_members')
        .select('community_members.user_id')
        .whereRef('community_members.journal_id', '=', 'boards.community_id')
        .where('community_members.user_id', '=', viewer.id)
        .where('community_members.status', '=', 'member'),
    ),
  ]);
}

/** Boards whose copy is the same for everyone (a guest's page, a public feed). */
export function publicBoards(eb: ExpressionBuilder<Database, 'boards'>): Expression<SqlBool> {
  return visibleBoards(eb, null);
}

/** A condition on `boards`: the boards this viewer moderates (the report queue). */
export function moderatedBoards(
  eb: ExpressionBuilder<Database, 'boards'>,
  viewer: Viewer,
): Expression<SqlBool> {
  const community = eb.exists(
    eb
      .selectFrom('community_members')
      .select('community_members.user_id')
      .whereRef('community_members.journal_id', '=', 'boards.community_id')
      .where('community_members.user_id', '=', viewer.id)
      .where('community_members.status', '=', 'member')
      .where('community_members.role', 'in', ['moderator', 'maintainer']),
  );
  return isStaff(viewer) ? eb.or([eb('boards.community_id', 'is', null), community]) : community;
}

export interface BoardRights {
  see: boolean;
  /** Start threads and reply (in threads that are not locked). */
  post: boolean;
  moderate: boolean;
  /** The viewer's posts wait for a moderator. */
  waits: boolean;
  /** Why the viewer may not post ('' when they may). */
  reason: string;
}

/** The viewer's standing in a community: 'staff' (maintainer, moderator), 'member' or none. */
export type CommunityStanding = 'staff' | 'member' | null;

export async function communityStanding(
  db: DB,
  viewer: Viewer | null,
  communityId: number | null,
): Promise<CommunityStanding> {
  if (!viewer || communityId === null) return null;
  const row = await db
    .selectFrom('community_members')
    .select(['role', 'status'])
    .where('journal_id', '=', communityId)
    .where('user_id', '=', viewer.id)
    .executeTakeFirst();
  if (!row || row.status !== 'member') return null;
  return row.role === 'member' ? 'member' : 'staff';
}

/** The rule for one board, given the viewer's standing in its community (if it has one). */
export function rightsFor(
  viewer: Viewer | null,
  board: BoardFacts,
  standing: CommunityStanding,
): BoardRights {
  const community = board.community_id !== null;
  const moderate = community ? standing === 'staff' : isStaff(viewer);
  const member = community ? standing !== null : viewer !== null;
  const see = board.access !== 'members' || member;
  const refuse = (reason: string): BoardRights => ({ see, post: false, moderate, waits: false, reason });
  if (!see) return refuse('There is nothing at this address.');
  if (!viewer) return refuse('Log in to post.');
  if (moderate) return { see, post: true, moderate, waits: false, reason: '' };
  if (board.access === 'read-only') return refuse('This board is read-only: only its moderators post here.');
  if (!member) return refuse('Only members of this community can post on its boards.');
  return { see, post: true, moderate, waits: board.moderated === 1, reason: '' };
}

/** What this viewer may do on a board. */
export async function boardRights(db: DB, viewer: Viewer | null, board: BoardFacts): Promise<BoardRights> {
  return rightsFor(viewer, board, await communityStanding(db, viewer, board.community_id));
}

/** May the viewer reply in this thread? Locked threads take moderators' replies only. */
export function replyRefusal(rights: BoardRights, thread: { locked: number }): string {
  if (!rights.post) return rights.reason;
  if (thread.locked === 1 && !rights.moderate) return 'This thread is locked: it takes no more replies.';
  return '';
}

/** How a post shows to this viewer: in full, as a stub that keeps its number, or not at all. */
export function postShown(
  viewer: Viewer | null,
  rights: Pick<BoardRights, 'moderate'>,
  post: { status: PostStatus; author_id: number },
): 'full' | 'stub' | 'none' {
  switch (post.status) {
    case 'visible':
      return 'full';
    case 'hidden':
      return rights.moderate ? 'full' : 'stub';
    case 'deleted':
      return 'stub';
    case 'pending':
      return rights.moderate || viewer?.id === post.author_id ? 'full' : 'none';
  }
}

/** A chapter reply's content (its work's title, header and text) shows only to readers of the work. */
export function canSeeChapterPost(viewer: Viewer | null, work: WorkAccessFacts | null): boolean {
  return work !== null && canSeeWork(viewer, work);
}
