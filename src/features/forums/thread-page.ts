import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { PostStatus } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { escapeHtml, type SafeHtml } from '../../lib/safe-html.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeChapterPost, postShown } from '../visibility/forum-visibility.ts';
import type { WorkAccessFacts } from '../visibility/visibility.ts';
import { type ThreadAccess, threadFor } from './posting.service.ts';
import * as repo from './threads.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Posts on a page of a thread. A post's page follows from its number, whoever reads. */
export const POSTS_PER_PAGE = 25;
export const pageOf = (number: number) => Math.max(1, Math.ceil(number / POSTS_PER_PAGE));
/** A post's address on its thread's pages. */
export const postAnchor = (threadId: number, number: number) =>
  `/forums/threads/${threadId}${pageOf(number) > 1 ? `?page=${pageOf(number)}` : ''}#post-${number}`;

export interface ShownPost {
  id: number;
  threadId: number;
  number: number;
  authorId: number;
  author: string;
  kind: 'reply' | 'chapter';
  status: PostStatus;
  /** 'full': the body is shown; 'stub': a line saying why not (the numbering stays). */
  shown: 'full' | 'stub';
  body: SafeHtml | null;
  stub: string | null;
  bumps: boolean;
  createdAt: string;
  editedAt: string | null;
  editCount: number;
}

export interface ThreadPage extends ThreadAccess {
  posts: ShownPost[];
  page: number;
  pages: number;
}

/** What may be known of the works that chapter replies on this page are about. */
export async function workFacts(db: DB, workIds: number[]): Promise<Map<number, WorkAccessFacts>> {
  const ids = [...new Set(workIds)];
  if (ids.length === 0) return new Map();
  const [works, creators] = await Promise.all([
    db
      .selectFrom('works')
      .select(['id', 'posted', 'hidden_at', 'restricted'])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('work_creators')
      .select(['work_id', 'user_id'])
      .where('work_id', 'in', ids)
      .where('accepted', '=', 1)
      .execute(),
  ]);
  return new Map(
    works.map((w) => [
      w.id,
      { ...w, creatorUserIds: creators.filter((c) => c.work_id === w.id).map((c) => c.user_id) },
    ]),
  );
}

const STUBS: Partial<Record<PostStatus, string>> = {
  hidden: 'This post was hidden by a moderator.',
  deleted: 'This post was deleted.',
};

/**
 * One page of a thread as this viewer may see it: `page`, or the page holding post `number`. Posts
 * awaiting approval are left out for all but their author and the moderators; hidden and deleted
 * ones are stubs; a chapter reply whose work the viewer may not see is a neutral stub.
 */
export async function threadPage(
  ctx: Ctx,
  viewer: Viewer | null,
  threadId: number,
  at: { page?: number; number?: number },
): Promise<ThreadPage> {
  const access = await threadFor(ctx, viewer, threadId);
  const { thread, rights } = access;
  const pages = pageOf(thread.post_count);
  const page = Math.min(pages, Math.max(1, at.number ? pageOf(at.number) : (at.page ?? 1)));
  const rows = await repo.postsInRange(
    ctx.db,
    thread.id,
    (page - 1) * POSTS_PER_PAGE + 1,
    page * POSTS_PER_PAGE,
  );
  const works = await workFacts(
    ctx.db,
    rows.flatMap((r) => (r.kind === 'chapter' && r.work_id !== null ? [r.work_id] : [])),
  );
  const posts: ShownPost[] = [];
  for (const row of rows) {
    let shown = postShown(viewer, rights, row);
    if (shown === 'none') continue;
    let stub = shown === 'stub' ? (STUBS[row.status] ?? 'This post is not shown.') : null;
    if (shown === 'full' && row.kind === 'chapter') {
      const work = row.work_id === null ? null : (works.get(row.work_id) ?? null);
      if (!canSeeChapterPost(viewer, work)) {
        shown = 'stub';
        stub = viewer ? 'This post is not available.' : 'Log in to read this post.';
      }
    }
    posts.push({
      id: row.id,
      threadId: row.thread_id,
      number: row.number,
      authorId: row.author_id,
      author: row.author,
      kind: row.kind,
      status: row.status,
      shown,
      body: shown === 'full' ? (row.body as SafeHtml) : null,
      stub,
      bumps: row.bumps === 1,
      createdAt: row.visible_at ?? row.created_at,
      editedAt: row.edited_at,
      editCount: row.edit_count,
    });
  }
  return { ...access, posts, page, pages };
}

/** A thread page was read: one more view, and (signed in) read up to the last post on it. */
export async function recordVisit(ctx: Ctx, viewer: Viewer | null, threadId: number, upTo: number) {
  await repo.countView(ctx.db, threadId);
  if (!viewer || upTo < 1) return;
  const now = nowIso();
  await ctx.db
    .insertInto('thread_reads')
    .values({ user_id: viewer.id, thread_id: threadId, last_read_number: upTo, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'thread_id'])
        .doUpdateSet({ last_read_number: upTo, updated_at: now })
        .where('thread_reads.last_read_number', '<', upTo),
    )
    .execute();
}

/** The number of the first visible post this reader has not read (the last one if none; 1 for guests). */
export async function firstUnread(ctx: Ctx, viewer: Viewer | null, threadId: number): Promise<number> {
  const { thread } = await threadFor(ctx, viewer, threadId);
  if (!viewer) return 1;
  const read = await ctx.db
    .selectFrom('thread_reads')
    .select('last_read_number')
    .where('user_id', '=', viewer.id)
    .where('thread_id', '=', thread.id)
    .executeTakeFirst();
  const next = await ctx.db
    .selectFrom('posts')
    .select('number')
    .where('thread_id', '=', thread.id)
    .where('status', '=', 'visible')
    .where('number', '>', read?.last_read_number ?? 0)
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();
  return next?.number ?? Math.max(1, thread.last_post_number);
}

/** The reply form's opening when quoting a post: a blockquote with attribution, if the viewer sees it. */
export async function quoteOf(ctx: Ctx, viewer: Viewer | null, threadId: number, postId: number) {
  const row = await ctx.db
    .selectFrom('posts')
    .select(['number', 'thread_id'])
    .where('id', '=', postId)
    .executeTakeFirst();
  if (!row || row.thread_id !== threadId) return '';
  const page = await threadPage(ctx, viewer, threadId, { number: row.number });
  const post = page.posts.find((p) => p.id === postId);
  if (!post || post.shown !== 'full' || !post.body) return '';
  return `<blockquote><p><cite>${escapeHtml(post.author)}</cite> wrote (post #${post.number}):</p>\n${post.body}\n</blockquote>\n\n`;
}
