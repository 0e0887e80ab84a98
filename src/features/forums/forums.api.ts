import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { BoardRow } from './boards.repository.ts';
import { boardPage, createBoard } from './boards.service.ts';
import {
  boardSchema,
  editPostSchema,
  linkThreadsSchema,
  pageSchema,
  replySchema,
  threadSchema,
} from './forums.schema.ts';
import { hidePost, unhidePost } from './moderation.service.ts';
import { editPost, replyTo, startThread } from './posting.service.ts';
import { type ShownPost, threadPage } from './thread-page.ts';
import { linkWorkToThreads } from './work-links.ts';

const boardOut = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  access: z.string(),
  moderated: z.boolean(),
  community: z.string().nullable(),
  url: z.string(),
});
const threadOut = z.object({
  id: z.number(),
  title: z.string(),
  starter: z.string().nullable(),
  replies: z.number(),
  views: z.number(),
  pinned: z.boolean(),
  locked: z.boolean(),
  bumpedAt: z.string(),
  lastPostedAt: z.string(),
  lastPoster: z.string().nullable(),
  url: z.string(),
});
const postOut = z.object({
  id: z.number(),
  threadId: z.number(),
  number: z.number(),
  author: z.string().nullable(),
  status: z.string(),
  body: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  url: z.string(),
});
const idParam = (value: string | undefined) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  return id;
};

/** Forums as JSON: the same schemas, services and visibility as the pages. */
export function forumsApi(api: ApiRegistry, ctx: AppContext) {
  const base = ctx.config.baseUrl;
  const presentBoard = (board: BoardRow, community: string | null): z.infer<typeof boardOut> => ({
    id: board.id,
    name: board.name,
    description: board.description,
    access: board.access,
    moderated: board.moderated === 1,
    community,
    url: `${base}/forums/boards/${board.id}`,
  });
  const presentPost = (p: ShownPost): z.infer<typeof postOut> => ({
    id: p.id,
    threadId: p.threadId,
    number: p.number,
    author: p.shown === 'full' ? p.author : null,
    status: p.status,
    body: p.shown === 'full' ? p.body : null,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    url: `${base}/forums/posts/${p.id}`,
  });
  /** The post as this viewer sees it now (after a write: pending, hidden and chapter posts included). */
  const shownPost = async (viewer: Parameters<typeof threadPage>[1], postId: number) => {
    const row = await ctx.db
      .selectFrom('posts')
      .select(['thread_id', 'number'])
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    const page = await threadPage(ctx, viewer, row.thread_id, { number: row.number });
    const post = page.posts.find((p) => p.id === postId);
    if (!post) throw notFound('Post');
    return presentPost(post);
  };

  api.add({
    method: 'POST',
    path: '/boards',
    summary:
      'Make a board (admins; a community’s maintainers with `community`). access: public, members or read-only',
    tag: 'Forums',
    auth: 'token',
    body: boardSchema,
    status: 201,
    response: boardOut,
    handler: async ({ viewer, body }) => {
      const board = await createBoard(ctx, viewer!, body);
      return presentBoard(board, body.community || null);
    },
  });

  api.add({
    method: 'GET',
    path: '/boards/:id/threads',
    summary: 'A board’s threads in display order (pinned first, then by bumpedAt), 30 a page',
    tag: 'Forums',
    auth: 'optional',
    query: pageSchema,
    response: z.object({
      board: boardOut,
      page: z.number(),
      pages: z.number(),
      total: z.number(),
      threads: z.array(threadOut),
    }),
    handler: async ({ viewer, params, query }) => {
      const found = await boardPage(ctx, viewer, idParam(params.id), query.page);
      return {
        board: presentBoard(found.board, found.community),
        page: found.listing.page,
        pages: found.listing.pages,
        total: found.listing.total,
        threads: found.listing.threads.map((t) => ({
          id: t.id,
          title: t.title,
          starter: t.starter,
          replies: t.replies,
          views: t.views,
          pinned: t.pinned,
          locked: t.locked,
          bumpedAt: t.bumpedAt,
          lastPostedAt: t.lastPostedAt,
          lastPoster: t.lastPoster,
          url: `${base}/forums/threads/${t.id}`,
        })),
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/boards/:id/threads',
    summary: 'Start a thread (its opening post: HTML, or plain text made into paragraphs)',
    tag: 'Forums',
    auth: 'token',
    body: threadSchema,
    status: 201,
    response: z.object({ id: z.number(), title: z.string(), url: z.string(), post: postOut }),
    handler: async ({ viewer, params, body }) => {
      const { threadId, post } = await startThread(ctx, viewer!, idParam(params.id), body);
      return {
        id: threadId,
        title: body.title,
        url: `${base}/forums/threads/${threadId}`,
        post: await shownPost(viewer, post.id),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/threads/:id',
    summary: 'A page of a thread’s posts (25 a page); hidden posts are stubs (body null) for non-moderators',
    tag: 'Forums',
    auth: 'optional',
    query: pageSchema,
    response: z.object({
      id: z.number(),
      title: z.string(),
      boardId: z.number(),
      locked: z.boolean(),
      pinned: z.boolean(),
      bumpedAt: z.string(),
      lastPostedAt: z.string(),
      page: z.number(),
      pages: z.number(),
      posts: z.array(postOut),
    }),
    handler: async ({ viewer, params, query }) => {
      const found = await threadPage(ctx, viewer, idParam(params.id), { page: query.page });
      const t = found.thread;
      return {
        id: t.id,
        title: t.title,
        boardId: t.board_id,
        locked: t.locked === 1,
        pinned: t.pinned === 1,
        bumpedAt: t.bumped_at,
        lastPostedAt: t.last_posted_at,
        page: found.page,
        pages: found.pages,
        posts: found.posts.map(presentPost),
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/threads/:id/posts',
    summary: 'Reply to a thread; `bump: false` (moderators only) replies without lifting it',
    tag: 'Forums',
    auth: 'token',
    body: replySchema,
    status: 201,
    response: postOut,
    handler: async ({ viewer, params, body }) => {
      const post = await replyTo(ctx, viewer!, idParam(params.id), body);
      // Its author sees a new reply in full, pending or not (postShown): no need to read it back.
      return presentPost({
        ...post,
        authorId: viewer!.id,
        author: viewer!.username,
        kind: 'reply',
        shown: 'full',
        stub: null,
        bumps: body.bump,
        editedAt: null,
        editCount: 0,
      });
    },
  });

  api.add({
    method: 'PATCH',
    path: '/posts/:id',
    summary: 'Edit a post (its author or a moderator); the thread does not move',
    tag: 'Forums',
    auth: 'token',
    body: editPostSchema,
    response: postOut,
    handler: async ({ viewer, params, body }) =>
      shownPost(viewer, await editPost(ctx, viewer!, idParam(params.id), body)),
  });

  for (const [action, change] of [
    ['hide', hidePost],
    ['unhide', unhidePost],
  ] as const) {
    api.add({
      method: 'POST',
      path: `/posts/:id/${action}`,
      summary: `${action === 'hide' ? 'Hide' : 'Un-hide'} a post (moderators); the thread’s bump follows`,
      tag: 'Forums',
      auth: 'token',
      response: postOut,
      handler: async ({ viewer, params }) => {
        const post = await change(ctx, viewer!, idParam(params.id));
        return shownPost(viewer, post.id);
      },
    });
  }

  api.add({
    method: 'PUT',
    path: '/works/:id/threads',
    summary: 'Link a work to forum threads (its creators): each new posted chapter is replied in them',
    tag: 'Forums',
    auth: 'token',
    body: linkThreadsSchema,
    response: z.object({
      threads: z.array(z.object({ id: z.number(), title: z.string(), url: z.string() })),
      withText: z.boolean(),
    }),
    handler: async ({ viewer, params, body }) => {
      const linked = await linkWorkToThreads(ctx, viewer!, idParam(params.id), body);
      return {
        withText: linked.withText,
        threads: linked.threads.map((t) => ({ ...t, url: `${base}/forums/threads/${t.id}` })),
      };
    },
  });
}
