import type { DB } from '../../db/connect.ts';
import type { ReportTargetKind, TargetFacts } from '../reports/report-targets.ts';
import { excerptOf } from '../downloads/html-to-text.ts';
import { canSeeComment } from '../visibility/comment-visibility.ts';
import { findComment } from './comments.repository.ts';
import { recountWork } from './comments.service.ts';

async function commentFacts(db: DB, id: number): Promise<TargetFacts | null> {
  const comment = await findComment(db, id);
  if (!comment || comment.deleted_at) return null;
  const author = comment.user_id
    ? await db.selectFrom('users').select('username').where('id', '=', comment.user_id).executeTakeFirst()
    : undefined;
  const by = author?.username ?? comment.guest_name ?? 'a deleted account';
  return {
    label: `a comment by ${by}`,
    url: `/comments/${comment.id}`,
    excerpt: excerptOf(comment.body),
    authorIds: comment.user_id ? [comment.user_id] : [],
    hidden: comment.state === 'screened',
  };
}

/**
 * Comments as reportable things (reports/report-targets.ts). A moderator hides a comment by
 * screening it: comment-visibility.ts then shows it only to the commenter, the owners of what it
 * is on and staff, and the work's comment count drops.
 */
export const commentReports: ReportTargetKind = {
  async find(db, viewer, id) {
    if (!(await canSeeComment(db, viewer, id))) return null;
    return commentFacts(db, id);
  },
  facts: commentFacts,
  async hide(db, id) {
    const comment = await findComment(db, id);
    if (!comment || comment.deleted_at) return;
    await db.updateTable('comments').set({ state: 'screened' }).where('id', '=', id).execute();
    await recountWork(db, comment.work_id);
  },
};
