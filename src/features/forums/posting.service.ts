import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { htmlOrText } from '../../lib/sanitize.ts';
import { validate } from '../../lib/validation.ts';
import { refuseIfBlocked } from '../blocking/blocking.service.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { type BoardRights, boardRights, replyRefusal } from '../visibility/forum-visibility.ts';
import type { BoardRow } from './boards.repository.ts';
import { findBoard } from './boards.repository.ts';
import { visibleBoard } from './boards.service.ts';
import { rebump } from './bump.ts';
import { editPostSchema, POST_LIMIT, replySchema, threadSchema, titleSchema } from './forums.schema.ts';
import * as repo from './threads.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

export interface ThreadAccess {
  thread: repo.ThreadRow;
  board: BoardRow;
  rights: BoardRights;
}

/**
 * A thread this viewer may see, with their rights on its board; otherwise not found. A thread with
 * no visible post yet (its opening post awaits approval) is its starter's and the moderators' only.
 */
export async function threadFor(ctx: Ctx, viewer: Viewer | null, threadId: number): Promise<ThreadAccess> {
  const thread =
    Number.isInteger(threadId) && threadId > 0 ? await repo.findThread(ctx.db, threadId) : undefined;
  if (!thread) throw notFound('Thread');
  const board = await findBoard(ctx.db, thread.board_id);
  if (!board) throw notFound('Thread');
  const rights = await boardRights(ctx.db, viewer, board);
  if (!rights.see) throw notFound('Thread');
  if (thread.last_post_number === 0 && !rights.moderate && thread.starter_id !== viewer?.id)
    throw notFound('Thread');
  return { thread, board, rights };
}

/** A post's body through the shared sanitizer: refused when empty or over the limit. */
export function postBody(raw: string): SafeHtml {
  const html = htmlOrText(raw);
  if (html.replace(/<[^>]*>|&nbsp;|\s/g, '') === '' && !/<img\b/i.test(html))
    throw new ValidationError({ body: 'Write something.' });
  if (html.length > POST_LIMIT)
    throw new ValidationError({
      body: `A post can hold at most ${POST_LIMIT.toLocaleString('en')} characters; this one has ${html.length.toLocaleString('en')}.`,
    });
  return html;
}

export interface NewPost {
  body: SafeHtml;
  bumps: boolean;
  kind: 'reply' | 'chapter';
  workId?: number;
  chapterId?: number;
}

export interface AddedPost {
  id: number;
  threadId: number;
  number: number;
  status: 'visible' | 'pending';
  /** What was saved, so the caller can answer without reading the post back. */
  body: SafeHtml;
  createdAt: string;
}

/**
 * Adds a post to a thread inside the caller's transaction: takes the next number under the thread's
 * row lock, checks the lock again there (a thread locked meanwhile refuses), saves, and bumps.
 */
export async function addPost(
  trx: DB,
  access: { thread: Pick<repo.ThreadRow, 'id'>; rights: BoardRights },
  author: Viewer,
  post: NewPost,
): Promise<AddedPost> {
  const taken = await repo.allocateNumber(trx, access.thread.id);
  if (!taken || taken.merged_into !== null) throw notFound('Thread');
  const refusal = replyRefusal(access.rights, taken);
  if (refusal) throw new QuireError('cannot_post', 409, refusal, 'form');
  const now = nowIso();
  const status = access.rights.waits ? 'pending' : 'visible';
  const id = await repo.insertPost(trx, {
    thread_id: access.thread.id,
    number: taken.post_count,
    author_id: author.id,
    kind: post.kind,
    body: post.body,
    status,
    bumps: post.bumps ? 1 : 0,
    work_id: post.workId ?? null,
    chapter_id: post.chapterId ?? null,
    created_at: now,
    visible_at: status === 'visible' ? now : null,
  });
  const event = post.kind === 'chapter' ? 'chapter-replied' : taken.post_count === 1 ? 'started' : 'replied';
  await rebump(trx, access.thread.id, event, taken);
  if (status === 'visible') await notify(trx, { kind: 'forum.posted', postId: id });
  return {
    id,
    threadId: access.thread.id,
    number: taken.post_count,
    status,
    body: post.body,
    createdAt: now,
  };
}

function refuseUnlessPosting(rights: BoardRights) {
  if (!rights.post) throw new QuireError('cannot_post', 403, rights.reason, 'form');
}

/** Starts a thread with its opening post; nothing is saved if anything is wrong. */
export async function startThread(ctx: Ctx, viewer: Viewer, boardId: number, raw: unknown) {
  const input = validate(threadSchema, raw);
  const { board, rights } = await visibleBoard(ctx, viewer, boardId);
  refuseUnlessPosting(rights);
  const body = postBody(input.body);
  return inTransaction(ctx.db, async (trx) => {
    const threadId = await repo.insertThread(
      trx,
      { board_id: board.id, title: input.title, starter_id: viewer.id },
      nowIso(),
    );
    const post = await addPost(trx, { thread: { id: threadId }, rights }, viewer, {
      body,
      bumps: true,
      kind: 'reply',
    });
    return { threadId, post };
  });
}

/** Replies to a thread. Only moderators may reply without bumping it. */
export async function replyTo(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown): Promise<AddedPost> {
  const input = validate(replySchema, raw);
  const access = await threadFor(ctx, viewer, threadId);
  const refusal = replyRefusal(access.rights, access.thread);
  if (refusal) throw new QuireError('cannot_post', access.rights.post ? 409 : 403, refusal, 'form');
  if (!input.bump && !access.rights.moderate)
    throw new ValidationError({ bump: 'Only moderators can reply without bumping the thread.' });
  // Someone the thread's starter blocked cannot reply in it (moderators still can: they keep order).
  if (access.thread.starter_id !== null && !access.rights.moderate)
    await refuseIfBlocked(
      ctx,
      [access.thread.starter_id],
      viewer.id,
      'You cannot reply in this thread: the person who started it has blocked you.',
    );
  const body = postBody(input.body);
  return inTransaction(ctx.db, (trx) =>
    addPost(trx, access, viewer, { body, bumps: input.bump, kind: 'reply' }),
  );
}

/** A post this viewer may see in full, with its thread. */
export async function postFor(ctx: Ctx, viewer: Viewer | null, postId: number) {
  const post = Number.isInteger(postId) && postId > 0 ? await repo.findPost(ctx.db, postId) : undefined;
  if (!post) throw notFound('Post');
  const access = await threadFor(ctx, viewer, post.thread_id);
  const own = viewer !== null && post.author_id === viewer.id;
  if (post.status === 'pending' && !own && !access.rights.moderate) throw notFound('Post');
  return { post, ...access };
}

/**
 * Edits a post (its author, or a moderator): the old text is kept as a revision moderators can
 * read, the post says "edited", and the thread does not move.
 */
export async function editPost(ctx: Ctx, viewer: Viewer, postId: number, raw: unknown) {
  const input = validate(editPostSchema, raw);
  const { post, rights } = await postFor(ctx, viewer, postId);
  if (post.author_id !== viewer.id && !rights.moderate)
    throw forbidden('Only the person who wrote a post, or a moderator, can edit it.');
  if (post.status === 'deleted')
    throw new QuireError('deleted', 409, 'A deleted post cannot be edited.', 'form');
  if (post.status === 'hidden' && !rights.moderate) throw notFound('Post');
  const body = postBody(input.body);
  if (body === post.body) return post.id;
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('post_revisions')
      .values({ post_id: post.id, body: post.body, editor_id: viewer.id, created_at: now })
      .execute();
    await trx
      .updateTable('posts')
      .set((eb) => ({ body, edited_at: now, edit_count: eb('edit_count', '+', 1) }))
      .where('id', '=', post.id)
      .execute();
    await rebump(trx, post.thread_id, 'edited');
  });
  return post.id;
}

/** Renames a thread (its starter, or a moderator): never a bump. */
export async function renameThread(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown) {
  const input = validate(titleSchema, raw);
  const { thread, rights } = await threadFor(ctx, viewer, threadId);
  if (thread.starter_id !== viewer.id && !rights.moderate)
    throw forbidden('Only the thread’s starter, or a moderator, can rename it.');
  await inTransaction(ctx.db, async (trx) => {
    await repo.updateThread(trx, thread.id, { title: input.title }, nowIso());
    await rebump(trx, thread.id, 'retitled');
  });
}
