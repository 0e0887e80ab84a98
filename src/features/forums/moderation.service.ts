import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleBoard } from './boards.service.ts';
import { rebump } from './bump.ts';
import { mergeSchema, movePostsSchema, moveThreadSchema, splitSchema } from './forums.schema.ts';
import { postFor, type ThreadAccess, threadFor } from './posting.service.ts';
import * as repo from './threads.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

const notModerator = () => forbidden('Only the board’s moderators can do that.');

async function moderatedThread(ctx: Ctx, viewer: Viewer, threadId: number): Promise<ThreadAccess> {
  const access = await threadFor(ctx, viewer, threadId);
  if (!access.rights.moderate) throw notModerator();
  if (access.thread.merged_into !== null)
    throw new QuireError('merged', 409, 'This thread was merged into another.', 'form');
  return access;
}

/**
 * Locks the threads' rows in id order (PostgreSQL), so a merge or a move between two threads cannot
 * deadlock with replies or with the opposite move; SQLite has one writer at a time.
 */
async function lockThreads(trx: DB, dialect: Ctx['dialect'], ids: number[]) {
  if (dialect !== 'postgres') return;
  for (const id of [...new Set(ids)].sort((a, b) => a - b))
    await trx.selectFrom('threads').select('id').where('id', '=', id).forUpdate().execute();
}

/** Pins or unpins a thread (pinned threads head their board): not a bump. */
export async function setPinned(ctx: Ctx, viewer: Viewer, threadId: number, pinned: boolean) {
  const { thread } = await moderatedThread(ctx, viewer, threadId);
  await inTransaction(ctx.db, async (trx) => {
    await repo.updateThread(trx, thread.id, { pinned: pinned ? 1 : 0 }, nowIso());
    await rebump(trx, thread.id, 'pinned');
  });
}

/** Locks or unlocks a thread (a locked thread takes replies from moderators only): not a bump. */
export async function setLocked(ctx: Ctx, viewer: Viewer, threadId: number, locked: boolean) {
  const { thread } = await moderatedThread(ctx, viewer, threadId);
  await inTransaction(ctx.db, async (trx) => {
    await repo.updateThread(trx, thread.id, { locked: locked ? 1 : 0 }, nowIso());
    await rebump(trx, thread.id, 'locked');
  });
}

/** Moves a thread to another board the moderator also moderates: not a bump. */
export async function moveThread(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown) {
  const input = validate(moveThreadSchema, raw);
  const { thread } = await moderatedThread(ctx, viewer, threadId);
  const to = await visibleBoard(ctx, viewer, input.board).catch(() => null);
  if (!to) throw new ValidationError({ board: 'There is no such board.' });
  if (!to.rights.moderate)
    throw new ValidationError({ board: 'You can only move threads to boards you moderate.' });
  await inTransaction(ctx.db, async (trx) => {
    await repo.updateThread(trx, thread.id, { board_id: to.board.id }, nowIso());
    await rebump(trx, thread.id, 'moved');
  });
}

/** Changes one post's status (hide, unhide, approve, delete) and applies the bump rule. */
async function changePost(
  ctx: Ctx,
  viewer: Viewer,
  postId: number,
  change: 'hidden' | 'unhidden' | 'approved' | 'deleted',
) {
  const { post, rights } = await postFor(ctx, viewer, postId);
  if (!rights.moderate) throw notModerator();
  const allowed: Record<typeof change, string[]> = {
    hidden: ['visible', 'pending'],
    unhidden: ['hidden'],
    approved: ['pending'],
    deleted: ['visible', 'hidden', 'pending'],
  };
  if (!allowed[change].includes(post.status))
    throw new QuireError('post_state', 409, `This post is ${post.status}: it cannot be ${change}.`, 'form');
  if (change === 'deleted' && post.number === 1)
    throw new QuireError('opening_post', 409, 'The opening post can be hidden, not deleted.', 'form');
  await inTransaction(ctx.db, async (trx) => {
    if (change === 'hidden') await repo.setPostStatus(trx, post.id, 'hidden');
    // A post hidden while it waited was never visible: un-hiding shows it from now.
    if (change === 'unhidden') await repo.setPostStatus(trx, post.id, 'visible', post.visible_at ?? nowIso());
    if (change === 'approved') await repo.setPostStatus(trx, post.id, 'visible', nowIso());
    if (change === 'approved') await notify(trx, { kind: 'forum.posted', postId: post.id });
    if (change === 'deleted') {
      await repo.setPostStatus(trx, post.id, 'deleted');
      await trx.updateTable('posts').set({ body: '' }).where('id', '=', post.id).execute();
      await trx.deleteFrom('post_revisions').where('post_id', '=', post.id).execute();
    }
    await trx
      .updateTable('post_reports')
      .set({ status: 'actioned', resolved_by: viewer.id, resolved_at: nowIso() })
      .where('post_id', '=', post.id)
      .where('status', '=', 'open')
      .execute();
    await rebump(trx, post.thread_id, change);
  });
  return post;
}

export const hidePost = (ctx: Ctx, viewer: Viewer, id: number) => changePost(ctx, viewer, id, 'hidden');
export const unhidePost = (ctx: Ctx, viewer: Viewer, id: number) => changePost(ctx, viewer, id, 'unhidden');
export const approvePost = (ctx: Ctx, viewer: Viewer, id: number) => changePost(ctx, viewer, id, 'approved');
export const deletePost = (ctx: Ctx, viewer: Viewer, id: number) => changePost(ctx, viewer, id, 'deleted');

/** The chosen posts, all of this thread; the opening post may not leave unless everything does. */
async function choosePosts(db: DB, threadId: number, ids: number[]) {
  if (ids.length === 0) throw new ValidationError({ posts: 'Choose the posts to move.' });
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'number'])
    .where('thread_id', '=', threadId)
    .where('id', 'in', ids)
    .execute();
  if (rows.length !== new Set(ids).size)
    throw new ValidationError({ posts: 'Choose posts of this thread only.' });
  if (rows.some((r) => r.number === 1))
    throw new ValidationError({ posts: 'The opening post stays: merge the whole thread instead.' });
  return rows.map((r) => r.id);
}

/**
 * Moves posts into another thread (which the moderator also moderates). The destination is
 * renumbered in the order its posts were written and bumps if they are newer than its last post;
 * the source keeps its other posts' numbers and falls back to what is left.
 */
export async function movePosts(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown) {
  const input = validate(movePostsSchema, raw);
  const from = await moderatedThread(ctx, viewer, threadId);
  const to = await moderatedThread(ctx, viewer, input.into).catch(() => null);
  if (!to || to.thread.id === from.thread.id)
    throw new ValidationError({ into: 'Choose another thread you moderate.' });
  const ids = await choosePosts(ctx.db, from.thread.id, input.posts);
  await inTransaction(ctx.db, async (trx) => {
    await lockThreads(trx, ctx.dialect, [from.thread.id, to.thread.id]);
    await repo.movePostRows(trx, ids, to.thread.id);
    await repo.renumber(trx, to.thread.id);
    await rebump(trx, to.thread.id, 'posts-moved-in');
    await rebump(trx, from.thread.id, 'posts-moved-out');
  });
  return to.thread.id;
}

/** Splits the chosen posts off into a new thread on the same board. */
export async function splitThread(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown) {
  const input = validate(splitSchema, raw);
  const from = await moderatedThread(ctx, viewer, threadId);
  const ids = await choosePosts(ctx.db, from.thread.id, input.posts);
  return inTransaction(ctx.db, async (trx) => {
    await lockThreads(trx, ctx.dialect, [from.thread.id]);
    const first = await trx
      .selectFrom('posts')
      .select(['author_id', 'created_at'])
      .where('id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const newId = await repo.insertThread(
      trx,
      { board_id: from.board.id, title: input.title, starter_id: first.author_id },
      first.created_at,
    );
    await repo.movePostRows(trx, ids, newId);
    await repo.renumber(trx, newId);
    await rebump(trx, newId, 'split');
    await rebump(trx, from.thread.id, 'posts-moved-out');
    return newId;
  });
}

/**
 * Merges a thread into another: all its posts move (renumbered by date), its work links and
 * subscriptions follow, and its address leads to the destination from then on.
 */
export async function mergeThread(ctx: Ctx, viewer: Viewer, threadId: number, raw: unknown) {
  const input = validate(mergeSchema, raw);
  const from = await moderatedThread(ctx, viewer, threadId);
  const to = await moderatedThread(ctx, viewer, input.into).catch(() => null);
  if (!to || to.thread.id === from.thread.id)
    throw new ValidationError({ into: 'Choose another thread you moderate.' });
  await inTransaction(ctx.db, async (trx) => {
    await lockThreads(trx, ctx.dialect, [from.thread.id, to.thread.id]);
    const ids = await trx.selectFrom('posts').select('id').where('thread_id', '=', from.thread.id).execute();
    await repo.movePostRows(
      trx,
      ids.map((r) => r.id),
      to.thread.id,
    );
    await repo.renumber(trx, to.thread.id);
    await trx
      .updateTable('work_threads')
      .set({ thread_id: to.thread.id })
      .where('thread_id', '=', from.thread.id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('work_threads as other')
              .select('other.thread_id')
              .whereRef('other.work_id', '=', 'work_threads.work_id')
              .where('other.thread_id', '=', to.thread.id),
          ),
        ),
      )
      .execute();
    await trx
      .updateTable('forum_subscriptions')
      .set({ thread_id: to.thread.id })
      .where('thread_id', '=', from.thread.id)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('forum_subscriptions as other')
              .select('other.thread_id')
              .whereRef('other.user_id', '=', 'forum_subscriptions.user_id')
              .where('other.thread_id', '=', to.thread.id),
          ),
        ),
      )
      .execute();
    await repo.updateThread(trx, from.thread.id, { merged_into: to.thread.id }, nowIso());
    await rebump(trx, to.thread.id, 'merged');
    await rebump(trx, from.thread.id, 'posts-moved-out');
  });
  return to.thread.id;
}

/** Edit history of a post: moderators only. */
export async function postHistory(ctx: Ctx, viewer: Viewer, postId: number) {
  const found = await postFor(ctx, viewer, postId);
  if (!found.rights.moderate) throw notFound('Post');
  return { ...found, revisions: await repo.revisionsOf(ctx.db, postId) };
}
