import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { boardChoices, communityName } from './boards.repository.ts';
import { boardPage, createBoard, forumIndex } from './boards.service.ts';
import { forumFeed } from './forum-feeds.ts';
import { boardSchema, replySchema, threadSchema } from './forums.schema.ts';
import { BoardPageView, ForumIndexPage } from './forums.views.tsx';
import { postFor, replyTo, startThread } from './posting.service.ts';
import { isSubscribed, setSubscribed } from './subscriptions.ts';
import { firstUnread, postAnchor, quoteOf, recordVisit, threadPage } from './thread-page.ts';
import { ThreadPageView } from './thread.views.tsx';
import { bestEffortWrite } from '../../db/unavailable.ts';

type IdParams = { Params: { id: string } };
type Failed = { errors: FieldErrors; status: number };
const ATOM = 'application/atom+xml; charset=utf-8';

export const idOf = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound();
  return id;
};
const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string | undefined>;
const pageParam = (request: FastifyRequest) =>
  Math.max(1, Math.min(100_000, Number(query(request).page) || 1));

/**
 * Shows a thread page (also after a refused reply or moderation form, with its errors). A merged
 * thread's address leads to the thread it was merged into.
 */
export async function showThread(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  threadId: number,
  options: { page?: number; values?: Record<string, string>; failed?: Failed } = {},
) {
  const viewer = request.viewer;
  const data = await threadPage(ctx, viewer, threadId, { page: options.page ?? pageParam(request) });
  if (data.thread.merged_into !== null)
    return reply.redirect(`/forums/threads/${data.thread.merged_into}`, 301);
  const quote = Number(query(request).quote);
  const values = options.values ?? (quote ? { body: await quoteOf(ctx, viewer, data.thread.id, quote) } : {});
  if (!options.failed) {
    const last = data.posts.at(-1)?.number ?? 0;
    await bestEffortWrite(() => recordVisit(ctx, viewer, data.thread.id, last));
  }
  const [subscribed, community, boards] = await Promise.all([
    isSubscribed(ctx, viewer, { thread: data.thread.id }),
    communityName(ctx.db, data.board.community_id),
    data.rights.moderate ? boardChoices(ctx.db, viewer) : Promise.resolve([]),
  ]);
  return sendPage(
    reply,
    <ThreadPageView
      page={pageContext(request, reply)}
      data={data}
      community={community}
      subscribed={subscribed}
      boards={boards}
      values={values}
      errors={options.failed?.errors}
    />,
    options.failed?.status ?? 200,
  );
}

/** Forum pages: the index, boards, threads, post permalinks, read tracking, feeds, subscriptions. */
export function forumRoutes(app: FastifyInstance, ctx: AppContext) {
  async function showIndex(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    failed?: Failed,
  ) {
    const community = query(request).community ?? (failed ? values.community : undefined);
    const index = await forumIndex(ctx, request.viewer, community || undefined);
    return sendPage(
      reply,
      <ForumIndexPage
        page={pageContext(request, reply)}
        index={index}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get('/forums', (request, reply) => showIndex(request, reply, { access: 'public' }));

  app.post('/forums/boards', async (request, reply) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(boardSchema, request.body, () => createBoard(ctx, viewer, request.body));
    if (!outcome.ok) return showIndex(request, reply, keptValues(request.body), outcome);
    return reply
      .flash(`The board ${outcome.result.name} is made.`)
      .redirect(`/forums/boards/${outcome.result.id}`, 303);
  });

  async function showBoard(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values: Record<string, string> = {},
    failed?: Failed,
  ) {
    const data = await boardPage(ctx, request.viewer, idOf(request.params.id), pageParam(request));
    const subscribed = await isSubscribed(ctx, request.viewer, { board: data.board.id });
    return sendPage(
      reply,
      <BoardPageView
        page={pageContext(request, reply)}
        data={data}
        subscribed={subscribed}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get<IdParams>('/forums/boards/:id', (request, reply) => showBoard(request, reply));

  app.post<IdParams>('/forums/boards/:id/threads', async (request, reply) => {
    const viewer = requireViewer(request);
    const boardId = idOf(request.params.id);
    const outcome = await submitForm(threadSchema, request.body, () =>
      startThread(ctx, viewer, boardId, request.body),
    );
    if (!outcome.ok) return showBoard(request, reply, keptValues(request.body), outcome);
    const { threadId, post } = outcome.result;
    if (post.status === 'pending') reply.flash('Your thread waits for a moderator’s approval.');
    return reply.redirect(`/forums/threads/${threadId}`, 303);
  });

  app.get<IdParams>('/forums/threads/:id', (request, reply) =>
    showThread(ctx, request, reply, idOf(request.params.id)),
  );

  app.get<IdParams>('/forums/threads/:id/unread', async (request, reply) => {
    const threadId = idOf(request.params.id);
    const number = await firstUnread(ctx, request.viewer, threadId);
    return reply.redirect(postAnchor(threadId, number), 303);
  });

  app.post<IdParams>('/forums/threads/:id/posts/new', async (request, reply) => {
    const viewer = requireViewer(request);
    const threadId = idOf(request.params.id);
    const outcome = await submitForm(replySchema, request.body, () =>
      replyTo(ctx, viewer, threadId, request.body),
    );
    if (!outcome.ok)
      return showThread(ctx, request, reply, threadId, {
        page: 100_000,
        values: keptValues(request.body),
        failed: outcome,
      });
    const { number, status } = outcome.result;
    if (status === 'pending') reply.flash('Your reply waits for a moderator’s approval.');
    return reply.redirect(postAnchor(threadId, number), 303);
  });

  app.get<IdParams>('/forums/posts/:id', async (request, reply) => {
    const { post } = await postFor(ctx, request.viewer, idOf(request.params.id));
    return reply.redirect(postAnchor(post.thread_id, post.number), 303);
  });

  for (const kind of ['board', 'thread'] as const) {
    app.post<IdParams>(`/forums/${kind}s/:id/subscription`, async (request, reply) => {
      const viewer = requireViewer(request);
      const id = idOf(request.params.id);
      const on = (request.body as Record<string, string> | undefined)?.subscribed === '1';
      await setSubscribed(ctx, viewer, kind === 'board' ? { board: id } : { thread: id }, on);
      return reply
        .flash(on ? `Subscribed to this ${kind}.` : `Unsubscribed from this ${kind}.`)
        .redirect(`/forums/${kind}s/${id}`, 303);
    });

    app.get<IdParams>(`/forums/${kind}s/:id/feed.atom`, async (request, reply) => {
      const id = idOf(request.params.id);
      const xml = await forumFeed(ctx, kind === 'board' ? { board: id } : { thread: id });
      return reply.header('cache-control', 'public, max-age=300').type(ATOM).send(xml);
    });
  }
}
