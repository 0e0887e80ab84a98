import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { htmlOrText } from '../../lib/sanitize.ts';
import { validate } from '../../lib/validation.ts';
import { isBlockedByAny } from '../blocking/blocks.repository.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeComment } from '../visibility/comment-visibility.ts';
import { setWorkCounterFrom } from '../works/work-counters.ts';
import { type CommentTarget, entryTarget, managesTarget, targetOf, workTarget } from './comment-targets.ts';
import { type CommentInput, commentSchema, editCommentSchema } from './comments.schema.ts';
import * as repo from './comments.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** A comment's body through the shared sanitizer (HTML, or plain text made into paragraphs). */
export function commentBody(raw: string): SafeHtml {
  const html = htmlOrText(raw);
  if (html.replace(/<[^>]*>|&nbsp;|\s/g, '') === '' && !/<img\b/i.test(html))
    throw new ValidationError({ body: 'Write a comment.' });
  return html;
}

/** Sets the work's "Comments" counter from its rows, in the caller's transaction (after every change). */
export async function recountWork(db: DB, workId: number | null): Promise<void> {
  if (workId === null) return;
  await setWorkCounterFrom(db, workId, 'comment_count', (trx) =>
    repo.publicOfWorkCount(trx, workId).$asScalar(),
  );
}

export interface PostedComment {
  id: number;
  state: 'visible' | 'screened' | 'pending';
  /** What was saved, so the caller can answer without reading the comment back. */
  parentId: number | null;
  rootId: number;
  depth: number;
  chapterId: number | null;
  body: SafeHtml;
  createdAt: string;
}

const refuse = (message: string, status = 403) => new QuireError('cannot_comment', status, message, 'form');

/** A comment the viewer may see, or not found. */
export async function visibleComment(ctx: Ctx, viewer: Viewer | null, id: number): Promise<repo.CommentRow> {
  const comment = Number.isInteger(id) && id > 0 ? await repo.findComment(ctx.db, id) : undefined;
  if (!comment || !(await canSeeComment(ctx.db, viewer, comment.id))) throw notFound('Comment');
  return comment;
}

/**
 * Posts a comment or a reply on a work or an entry. Refused, with nothing saved: where comments are
 * off or limited, on a frozen or deleted comment, by someone a creator/owner or the parent's author
 * has blocked, and on anything the viewer may not see (not found).
 */
export async function postComment(
  ctx: Ctx,
  viewer: Viewer | null,
  on: { kind: 'work' | 'entry'; id: number },
  raw: unknown,
): Promise<PostedComment> {
  const input: CommentInput = validate(commentSchema, raw);
  const target =
    on.kind === 'work' ? await workTarget(ctx.db, viewer, on.id) : await entryTarget(ctx.db, viewer, on.id);
  if (target.refusal) throw refuse(target.refusal);
  if (!viewer && input.name === '') throw new ValidationError({ name: 'Give a name to comment as a guest.' });
  const body = commentBody(input.body);

  let parent: repo.CommentRow | undefined;
  if (input.parentId !== undefined) {
    parent = await visibleComment(ctx, viewer, input.parentId).catch(() => {
      throw new ValidationError({ parentId: 'The comment you are replying to is not there any more.' });
    });
    const sameTarget = target.kind === 'work' ? parent.work_id === target.id : parent.entry_id === target.id;
    if (!sameTarget) throw new ValidationError({ parentId: 'That comment is not on this page.' });
    if (parent.deleted_at) throw refuse('That comment was deleted: it cannot be replied to.', 409);
    if (parent.frozen) throw refuse('This thread is frozen: nobody can reply in it.', 409);
    if (viewer && parent.user_id !== null && parent.user_id !== viewer.id)
      if (await isBlockedByAny(ctx.db, [parent.user_id], viewer.id))
        throw refuse('You cannot reply to this comment: its author has blocked you.');
  }
  const chapterId = chapterFor(target, parent, input.chapterId);
  const manages = managesTarget(viewer, target);
  // A reply to a screened comment stays screened, unless the owner replies (which unscreens it).
  const state =
    parent && parent.state !== 'visible' && !manages && target.initialState === 'visible'
      ? parent.state
      : target.initialState;
  const now = nowIso();
  return inTransaction(ctx.db, async (trx) => {
    if (parent) {
      // Taken again inside the transaction: a thread frozen or deleted meanwhile refuses.
      const fresh = await repo.findComment(trx, parent.id);
      if (!fresh || fresh.deleted_at) throw refuse('That comment was deleted: it cannot be replied to.', 409);
      if (fresh.frozen) throw refuse('This thread is frozen: nobody can reply in it.', 409);
      if (manages && fresh.state !== 'visible') await reveal(trx, fresh);
    }
    const rootId = parent ? (parent.root_id ?? parent.id) : null;
    const depth = parent ? parent.depth + 1 : 0;
    const id = await repo.insertComment(trx, {
      work_id: target.kind === 'work' ? target.id : null,
      chapter_id: chapterId,
      entry_id: target.kind === 'entry' ? target.id : null,
      parent_id: parent?.id ?? null,
      root_id: rootId,
      depth,
      user_id: viewer?.id ?? null,
      guest_name: viewer ? null : input.name,
      guest_email: viewer || input.email === '' ? null : input.email,
      body,
      state,
      created_at: now,
    });
    await notify(trx, { kind: 'comment.posted', commentId: id });
    await recountWork(trx, target.kind === 'work' ? target.id : null);
    return {
      id,
      state,
      parentId: parent?.id ?? null,
      rootId: rootId ?? id,
      depth,
      chapterId,
      body,
      createdAt: now,
    };
  });
}

function chapterFor(target: CommentTarget, parent: repo.CommentRow | undefined, chapterId?: number) {
  if (target.kind !== 'work') return null;
  if (parent) return parent.chapter_id;
  if (chapterId === undefined) return null;
  if (!target.chapterIds.includes(chapterId))
    throw new ValidationError({ chapterId: 'That chapter is not part of this work.' });
  return chapterId;
}

/** Makes a screened or held comment visible, and tells whoever may now see it. */
async function reveal(db: DB, comment: Pick<repo.CommentRow, 'id'>) {
  await db.updateTable('comments').set({ state: 'visible' }).where('id', '=', comment.id).execute();
  await notify(db, { kind: 'comment.posted', commentId: comment.id });
}

/** A comment with its target, for an action by this viewer on it. */
async function forAction(ctx: Ctx, viewer: Viewer, id: number) {
  const comment = await visibleComment(ctx, viewer, id);
  const target = await targetOf(ctx.db, viewer, comment);
  return { comment, target, manages: managesTarget(viewer, target) };
}

/** Edits one's own comment: it is marked "Edited at" with the time. */
export async function editComment(ctx: Ctx, viewer: Viewer, id: number, raw: unknown) {
  const input = validate(editCommentSchema, raw);
  const { comment } = await forAction(ctx, viewer, id);
  if (comment.user_id !== viewer.id) throw forbidden('Only the person who wrote a comment can edit it.');
  if (comment.deleted_at) throw refuse('A deleted comment cannot be edited.', 409);
  const body = commentBody(input.body);
  if (body === comment.body) return comment;
  await inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('comments').set({ body, edited_at: nowIso() }).where('id', '=', id).execute();
    await recountWork(trx, comment.work_id);
  });
  return comment;
}

/**
 * Deletes a comment (its author, the owners of what it is on, or staff). A comment with replies
 * stays as a stub ("Previous comment deleted."); one without goes, and so does a stub above it
 * left with no replies.
 */
export async function deleteComment(ctx: Ctx, viewer: Viewer, id: number) {
  const { comment, manages } = await forAction(ctx, viewer, id);
  if (comment.user_id !== viewer.id && !manages)
    throw forbidden('Only the commenter, or the owner of what it is on, can delete a comment.');
  await inTransaction(ctx.db, async (trx) => {
    if (await repo.hasReplies(trx, comment.id)) {
      await trx
        .updateTable('comments')
        .set({ body: '', deleted_at: nowIso() })
        .where('id', '=', comment.id)
        .execute();
    } else {
      await trx.deleteFrom('comments').where('id', '=', comment.id).execute();
      let parentId = comment.parent_id;
      while (parentId !== null) {
        const parent = await repo.findComment(trx, parentId);
        if (!parent?.deleted_at || (await repo.hasReplies(trx, parent.id))) break;
        await trx.deleteFrom('comments').where('id', '=', parent.id).execute();
        parentId = parent.parent_id;
      }
    }
    await recountWork(trx, comment.work_id);
  });
  return comment;
}

/** Deletes a comment and every reply below it (the owners of what it is on, or staff). */
export async function deleteThread(ctx: Ctx, viewer: Viewer, id: number) {
  const { comment, manages } = await forAction(ctx, viewer, id);
  if (!manages) throw forbidden('Only the owner of what a thread is on can delete the whole thread.');
  await inTransaction(ctx.db, async (trx) => {
    await repo.deleteIds(trx, await repo.subtreeIds(trx, comment));
    await recountWork(trx, comment.work_id);
  });
  return comment;
}

/** Screens or unscreens a comment (the owners of what it is on, or staff). */
export async function setScreened(ctx: Ctx, viewer: Viewer, id: number, screened: boolean) {
  const { comment, manages } = await forAction(ctx, viewer, id);
  if (!manages) throw forbidden('Only the owner of what a comment is on can screen or unscreen it.');
  if (comment.state === 'pending') throw refuse('This comment awaits approval: approve it instead.', 409);
  await inTransaction(ctx.db, async (trx) => {
    if (screened)
      await trx.updateTable('comments').set({ state: 'screened' }).where('id', '=', comment.id).execute();
    else if (comment.state === 'screened') await reveal(trx, comment);
    await recountWork(trx, comment.work_id);
  });
  return comment;
}

/** Approves a comment held in a moderated work's queue (its creators, or staff). */
export async function approveComment(ctx: Ctx, viewer: Viewer, id: number) {
  const { comment, manages } = await forAction(ctx, viewer, id);
  if (!manages) throw forbidden('Only the work’s creators can approve its comments.');
  if (comment.state !== 'pending') return comment;
  await inTransaction(ctx.db, async (trx) => {
    await reveal(trx, comment);
    await recountWork(trx, comment.work_id);
  });
  return comment;
}

/** Freezes or unfreezes a thread from this comment down: no replies anywhere in it while frozen. */
export async function setFrozen(ctx: Ctx, viewer: Viewer, id: number, frozen: boolean) {
  const { comment, manages } = await forAction(ctx, viewer, id);
  if (!manages) throw forbidden('Only the owner of what a thread is on can freeze it.');
  await inTransaction(ctx.db, async (trx) => {
    const ids = await repo.subtreeIds(trx, comment);
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .updateTable('comments')
        .set({ frozen: frozen ? 1 : 0 })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    await recountWork(trx, comment.work_id);
  });
  return comment;
}
