import type { DB } from '../../db/connect.ts';
import { excerptOf } from '../downloads/html-to-text.ts';
import type { Notice, NoticeSource } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeComment } from '../visibility/comment-visibility.ts';
import { targetOf } from './comment-targets.ts';
import { findComment } from './comments.repository.ts';

async function viewersOf(db: DB, ids: number[]): Promise<Viewer[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role'])
    .where('id', 'in', ids)
    .where('disabled_at', 'is', null)
    .execute();
  return rows;
}

/**
 * Who hears of a comment (`comment.posted`, also sent again when a screened or held comment is
 * unscreened or approved): the work's accepted creators, or the entry's journal owner (a community
 * entry's poster), and the author of the comment replied to; never the commenter themself, and each
 * only if they may see the comment now (a screened comment reaches only those who may see it, a
 * locked entry's comment nobody outside it). The key is per comment, so a notice sent while the
 * comment was screened is replaced, not repeated, when it is unscreened.
 */
export const commentNotices: NoticeSource<'comment.posted'> = async (db, event) => {
  const comment = await findComment(db, event.commentId);
  if (!comment || comment.deleted_at) return [];
  const target = await targetOf(db, null, comment).catch(() => undefined);
  // The target as the system sees it: its title and owners (visibility is checked per recipient).
  const owners = target?.recipientIds ?? (await ownersWithoutGuestView(db, comment));
  const title = target?.title ?? (await titleOf(db, comment));
  const parent = comment.parent_id !== null ? await findComment(db, comment.parent_id) : undefined;
  const parentAuthor = parent && !parent.deleted_at ? parent.user_id : null;

  const actor =
    comment.user_id !== null
      ? ((
          await db.selectFrom('users').select('username').where('id', '=', comment.user_id).executeTakeFirst()
        )?.username ?? 'Someone')
      : comment.guest_name
        ? `${comment.guest_name} (guest)`
        : 'Someone';
  const on = comment.work_id !== null ? title : `your entry “${title}”`;
  const reasons = new Map<number, 'owner' | 'reply'>();
  if (parentAuthor !== null) reasons.set(parentAuthor, 'reply');
  for (const id of owners) if (!reasons.has(id)) reasons.set(id, 'owner');
  reasons.delete(comment.user_id ?? -1);

  const notices: Notice[] = [];
  for (const recipient of await viewersOf(db, [...reasons.keys()])) {
    if (!(await canSeeComment(db, recipient, comment.id))) continue;
    const reason = reasons.get(recipient.id)!;
    const what =
      reason === 'reply'
        ? `${actor} replied to your comment on ${comment.work_id !== null ? title : `“${title}”`}`
        : `${actor} ${comment.parent_id !== null ? 'replied to a comment on' : 'commented on'} ${on}`;
    const state =
      comment.state === 'screened'
        ? ' (screened: only you and the commenter see it)'
        : comment.state === 'pending'
          ? ' (awaiting your approval)'
          : '';
    notices.push({
      userId: recipient.id,
      kind: 'comment.posted',
      key: `comment:${comment.id}`,
      actorId: comment.user_id,
      title: `${what}${state}`,
      excerpt: excerptOf(comment.body),
      url: `/comments/${comment.id}`,
    });
  }
  return notices;
};

/** Owners when the target cannot be read as a guest (a registered-only work, a locked entry). */
async function ownersWithoutGuestView(
  db: DB,
  comment: { work_id: number | null; entry_id: number | null },
): Promise<number[]> {
  if (comment.work_id !== null) {
    const rows = await db
      .selectFrom('work_creators')
      .select('user_id')
      .where('work_id', '=', comment.work_id)
      .where('accepted', '=', 1)
      .execute();
    return rows.map((r) => r.user_id);
  }
  const row = await db
    .selectFrom('entries')
    .innerJoin('journals', 'journals.id', 'entries.journal_id')
    .select(['journals.owner_id', 'entries.poster_id'])
    .where('entries.id', '=', comment.entry_id!)
    .executeTakeFirst();
  return row ? [row.owner_id ?? row.poster_id] : [];
}

async function titleOf(db: DB, comment: { work_id: number | null; entry_id: number | null }) {
  if (comment.work_id !== null) {
    const row = await db
      .selectFrom('works')
      .select('title')
      .where('id', '=', comment.work_id)
      .executeTakeFirst();
    return row?.title ?? 'a work';
  }
  const row = await db
    .selectFrom('entries')
    .select('subject')
    .where('id', '=', comment.entry_id!)
    .executeTakeFirst();
  return row?.subject || '(no subject)';
}
