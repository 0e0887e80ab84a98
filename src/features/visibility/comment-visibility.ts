import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { relatedIds } from '../blocking/blocks.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleEntries } from './entry-visibility.ts';
import { isStaff, visibleWorks } from './visibility.ts';

/**
 * The one owner of "may this viewer see this comment", as a SQL condition (listings, counts, the
 * API, notifications) and as a check for one comment.
 *
 * - The work or entry it is on must be visible to the viewer (visibility.ts, entry-visibility.ts).
 * - A screened or pending (held for moderation) comment is seen only by the commenter, the people
 *   who manage what it is on (the work's accepted creators; the entry's journal owner, or a
 *   community's maintainers) and site moderators and admins.
 * - Comments by accounts the viewer has muted are hidden from them.
 *
 * A comment whose parent the viewer may not see is left out of threads by the tree builder
 * (comments/comment-tree.ts): replies never show without what they reply to.
 */
export interface CommentViewer {
  viewer: Viewer | null;
  /** Accounts the viewer has muted (`relatedIds(db, 'mute', viewer.id)`). */
  muted: readonly number[];
}

/** The viewer with the accounts they muted, loaded once per request. */
export async function commentViewer(db: DB, viewer: Viewer | null): Promise<CommentViewer> {
  return { viewer, muted: viewer ? await relatedIds(db, 'mute', viewer.id) : [] };
}

type CommentsEb = ExpressionBuilder<Database, 'comments'>;

/** Whether the viewer manages the work or entry of the comment in scope (as `comments`). */
export function managesCommentTarget(eb: CommentsEb, viewerId: number): Expression<SqlBool> {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('work_creators')
        .select('work_creators.work_id')
        .whereRef('work_creators.work_id', '=', 'comments.work_id')
        .where('work_creators.user_id', '=', viewerId)
        .where('work_creators.accepted', '=', 1),
    ),
    eb.exists(
      eb
        .selectFrom('entries')
        .innerJoin('journals', 'journals.id', 'entries.journal_id')
        .select('entries.id')
        .whereRef('entries.id', '=', 'comments.entry_id')
        .where((w) =>
          w.or([
            w('journals.owner_id', '=', viewerId),
            w.exists(
              w
                .selectFrom('community_members')
                .select('community_members.user_id')
                .whereRef('community_members.journal_id', '=', 'journals.id')
                .where('community_members.user_id', '=', viewerId)
                .where('community_members.status', '=', 'member')
                .where('community_members.role', '=', 'maintainer'),
            ),
          ]),
        ),
    ),
  ]);
}

/** A condition on the `comments` table (it must be in scope as `comments`). */
export function visibleComments(eb: CommentsEb, { viewer, muted }: CommentViewer): Expression<SqlBool> {
  const onVisibleWork = eb.exists(
    eb
      .selectFrom('works')
      .select('works.id')
      .whereRef('works.id', '=', 'comments.work_id')
      .where((w) => visibleWorks(w as unknown as ExpressionBuilder<Database, 'works'>, viewer)),
  );
  const onVisibleEntry = eb.exists(
    eb
      .selectFrom('entries')
      .select('entries.id')
      .whereRef('entries.id', '=', 'comments.entry_id')
      .where((w) => visibleEntries(w as unknown as ExpressionBuilder<Database, 'entries'>, viewer)),
  );
  const conditions: Expression<SqlBool>[] = [eb.or([onVisibleWork, onVisibleEntry])];
  if (!isStaff(viewer)) {
    const shown: Expression<SqlBool>[] = [eb('comments.state', '=', 'visible')];
    if (viewer) shown.push(eb('comments.user_id', '=', viewer.id), managesCommentTarget(eb, viewer.id));
    conditions.push(eb.or(shown));
  }
  if (muted.length > 0)
    conditions.push(
      eb.or([eb('comments.user_id', 'is', null), eb('comments.user_id', 'not in', [...muted])]),
    );
  return eb.and(conditions);
}

/** The same rule for one comment, by id (answered by the database, through the same condition). */
export async function canSeeComment(db: DB, viewer: Viewer | null, commentId: number): Promise<boolean> {
  const who = await commentViewer(db, viewer);
  const row = await db
    .selectFrom('comments')
    .select('comments.id')
    .where('comments.id', '=', commentId)
    .where((eb) => visibleComments(eb, who))
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the viewer may screen, unscreen, freeze and delete comments on what the comment is on. */
export async function managesComment(db: DB, viewer: Viewer | null, commentId: number): Promise<boolean> {
  if (!viewer) return false;
  const row = await db
    .selectFrom('comments')
    .select('comments.id')
    .where('comments.id', '=', commentId)
    .where((eb) => managesCommentTarget(eb, viewer.id))
    .executeTakeFirst();
  return row !== undefined;
}
