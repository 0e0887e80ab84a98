import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound, ValidationError } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import {
  editPostSchema,
  mergeSchema,
  movePostsSchema,
  moveThreadSchema,
  reportSchema,
  splitSchema,
} from './forums.schema.ts';
import { idOf, showThread } from './forums.routes.tsx';
import * as mod from './moderation.service.ts';
import { EditPostPage, PostHistoryPage, ReportPostPage, ReportsPage } from './moderation.views.tsx';
import { editPost, postFor } from './posting.service.ts';
import { dismissReport, openReports, reportPost } from './reports.service.ts';
import { postAnchor } from './thread-page.ts';

type IdParams = { Params: { id: string } };
type Failed = { errors: FieldErrors; status: number };
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** Moderators' tools (pin, lock, move, merge, split, hide…), editing and reporting posts, the report queue. */
export function moderationRoutes(app: FastifyInstance, ctx: AppContext) {
  const back = (reply: FastifyReply, threadId: number, message: string) =>
    reply.flash(message).redirect(`/forums/threads/${threadId}`, 303);

  /** Runs a thread form; a refusal shows the thread again with the message beside the form. */
  async function threadForm<R>(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    schema: Parameters<typeof submitForm>[0],
    action: (threadId: number) => Promise<R>,
    done: (result: R, threadId: number) => FastifyReply,
  ) {
    const threadId = idOf(request.params.id);
    requireViewer(request);
    const outcome = await submitForm(schema, request.body, () => action(threadId));
    if (!outcome.ok) return showThread(ctx, request, reply, threadId, { values: {}, failed: outcome });
    return done(outcome.result as R, threadId);
  }

  for (const [path, change, on, off] of [
    ['pin', mod.setPinned, 'Thread pinned.', 'Thread unpinned.'],
    ['lock', mod.setLocked, 'Thread locked.', 'Thread unlocked.'],
  ] as const) {
    app.post<IdParams>(`/forums/threads/:id/${path}`, async (request, reply) => {
      const viewer = requireViewer(request);
      const threadId = idOf(request.params.id);
      const wanted = body(request).on === '1';
      await change(ctx, viewer, threadId, wanted);
      return back(reply, threadId, wanted ? on : off);
    });
  }

  app.post<IdParams>('/forums/threads/:id/move', (request, reply) =>
    threadForm(
      request,
      reply,
      moveThreadSchema,
      (id) => mod.moveThread(ctx, request.viewer!, id, request.body),
      (_r, id) => back(reply, id, 'Thread moved.'),
    ),
  );

  app.post<IdParams>('/forums/threads/:id/merge', (request, reply) =>
    threadForm(
      request,
      reply,
      mergeSchema,
      (id) => mod.mergeThread(ctx, request.viewer!, id, request.body),
      (into) => back(reply, into, 'Threads merged.'),
    ),
  );

  app.post<IdParams>('/forums/threads/:id/posts', (request, reply) => {
    const fields = body(request);
    if (fields.action === 'split')
      return threadForm(
        request,
        reply,
        splitSchema,
        (id) => mod.splitThread(ctx, request.viewer!, id, fields),
        (newId) => back(reply, newId, 'The posts are a thread of their own now.'),
      );
    const input = { posts: fields.posts, into: fields.target };
    return threadForm(
      request,
      reply,
      movePostsSchema.omit({ into: true }),
      (id) =>
        mod.movePosts(ctx, request.viewer!, id, input).catch((error: unknown) => {
          // The form calls the destination "target" (the merge form has "into").
          if (error instanceof ValidationError && error.fields.into)
            throw new ValidationError({ target: error.fields.into });
          throw error;
        }),
      (to) => back(reply, to, 'Posts moved.'),
    );
  });

  for (const [path, change, message] of [
    ['hide', mod.hidePost, 'Post hidden.'],
    ['unhide', mod.unhidePost, 'Post shown again.'],
    ['approve', mod.approvePost, 'Post approved.'],
    ['delete', mod.deletePost, 'Post deleted.'],
  ] as const) {
    app.post<IdParams>(`/forums/posts/:id/${path}`, async (request, reply) => {
      const viewer = requireViewer(request);
      const post = await change(ctx, viewer, idOf(request.params.id));
      return reply.flash(message).redirect(postAnchor(post.thread_id, post.number), 303);
    });
  }

  const head = (found: Awaited<ReturnType<typeof postFor>>) => ({
    id: found.post.id,
    number: found.post.number,
    thread: { id: found.thread.id, title: found.thread.title },
    board: { id: found.board.id, name: found.board.name },
  });

  async function editForm(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values?: Record<string, string>,
    failed?: Failed,
  ) {
    const viewer = requireViewer(request);
    const found = await postFor(ctx, viewer, idOf(request.params.id));
    if (found.post.author_id !== viewer.id && !found.rights.moderate) throw notFound('Post');
    return sendPage(
      reply,
      <EditPostPage
        page={pageContext(request, reply)}
        head={head(found)}
        values={values ?? { body: found.post.body }}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get<IdParams>('/forums/posts/:id/edit', (request, reply) => editForm(request, reply));
  app.post<IdParams>('/forums/posts/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = idOf(request.params.id);
    const outcome = await submitForm(editPostSchema, request.body, () =>
      editPost(ctx, viewer, id, request.body),
    );
    if (!outcome.ok) return editForm(request, reply, keptValues(request.body), outcome);
    return reply.flash('Post saved.').redirect(`/forums/posts/${id}`, 303);
  });

  app.get<IdParams>('/forums/posts/:id/history', async (request, reply) => {
    const viewer = requireViewer(request);
    const found = await mod.postHistory(ctx, viewer, idOf(request.params.id));
    return sendPage(
      reply,
      <PostHistoryPage
        page={pageContext(request, reply)}
        head={head(found)}
        current={found.post.body as SafeHtml}
        revisions={found.revisions}
      />,
    );
  });

  async function reportForm(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values: Record<string, string> = {},
    failed?: Failed,
  ) {
    const viewer = requireViewer(request);
    const found = await postFor(ctx, viewer, idOf(request.params.id));
    return sendPage(
      reply,
      <ReportPostPage
        page={pageContext(request, reply)}
        head={head(found)}
        values={values}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get<IdParams>('/forums/posts/:id/report', (request, reply) => reportForm(request, reply));
  app.post<IdParams>('/forums/posts/:id/report', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = idOf(request.params.id);
    const outcome = await submitForm(reportSchema, request.body, () =>
      reportPost(ctx, viewer, id, request.body),
    );
    if (!outcome.ok) return reportForm(request, reply, keptValues(request.body), outcome);
    return reply
      .flash('Thank you: the moderators will look at the post.')
      .redirect(`/forums/posts/${id}`, 303);
  });

  app.get('/forums/reports', async (request, reply) => {
    const viewer = requireViewer(request);
    return sendPage(
      reply,
      <ReportsPage page={pageContext(request, reply)} reports={await openReports(ctx, viewer)} />,
    );
  });

  app.post<IdParams>('/forums/reports/:id/dismiss', async (request, reply) => {
    const viewer = requireViewer(request);
    await dismissReport(ctx, viewer, idOf(request.params.id));
    return reply.flash('Report dismissed.').redirect('/forums/reports', 303);
  });
}
