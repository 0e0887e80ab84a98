import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type FieldErrors, notFound } from '../../lib/errors.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { canSeeComment, commentViewer } from '../visibility/comment-visibility.ts';
import { type CommentTarget, entryTarget, managesTarget, targetOf, workTarget } from './comment-targets.ts';
import { CommentFormPage, EditCommentPage, ModerationQueuePage } from './comment-pages.views.tsx';
import { buildTrees } from './comments.read.ts';
import * as repo from './comments.repository.ts';
import { commentSchema, editCommentSchema, HONEYPOT } from './comments.schema.ts';
import * as comments from './comments.service.ts';

const PLURAL = { work: 'works', entry: 'entries' } as const;

type IdParams = { Params: { id: string } };
type Kind = 'work' | 'entry';
export interface RateLimit {
  max: number;
  timeWindow: string;
}

const idOf = (value: string | undefined, what = 'Comment') => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound(what);
  return id;
};
const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string | undefined>;
const targetFor = (ctx: AppContext, request: FastifyRequest, kind: Kind, id: number) =>
  kind === 'work' ? workTarget(ctx.db, request.viewer, id) : entryTarget(ctx.db, request.viewer, id);

/** Where a comment's permalink leads: its thread on its page (a chapter's page for chapter comments). */
export async function permalink(ctx: AppContext, comment: repo.CommentRow, target: CommentTarget) {
  const page =
    comment.work_id !== null && comment.chapter_id !== null
      ? `/works/${comment.work_id}/chapters/${comment.chapter_id}`
      : target.url;
  return `${page}?thread=${comment.root_id ?? comment.id}#comment-${comment.id}`;
}

/** Comment forms and actions; the sections themselves are drawn by the work and entry pages. */
export function commentRoutes(app: FastifyInstance, ctx: AppContext, limit: RateLimit) {
  const limited = { config: { rateLimit: limit } };

  /** The parent comment, as this viewer sees it, for a reply form. */
  async function parentShown(request: FastifyRequest, parentId: number | undefined) {
    if (!parentId) return undefined;
    const parent = await comments.visibleComment(ctx, request.viewer, parentId);
    const rows = await repo.threadsOf(ctx.db, await commentViewer(ctx.db, request.viewer), [
      parent.root_id ?? parent.id,
    ]);
    return buildTrees(
      rows.filter((r) => r.id === parent.id).map((r) => ({ ...r, parent_id: null })),
      request.viewer,
      [parent.id],
    )[0];
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: Kind,
    id: number,
    options: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
    const target = await targetFor(ctx, request, kind, id);
    const values = options.values ?? {};
    const parentId = Number(values.parentId ?? query(request).reply) || undefined;
    const chapterId = Number(values.chapterId ?? query(request).chapter) || undefined;
    const parent = await parentShown(request, parentId).catch(() => undefined);
    return sendPage(
      reply,
      <CommentFormPage
        page={pageContext(request, reply)}
        target={target}
        action={`/${PLURAL[kind]}/${id}/comments`}
        chapterId={chapterId}
        parent={parent}
        values={values}
        errors={options.errors}
      />,
      options.status ?? 200,
    );
  }

  for (const kind of ['work', 'entry'] as const) {
    app.get<IdParams>(`/${PLURAL[kind]}/:id/comments/new`, (request, reply) =>
      showForm(request, reply, kind, idOf(request.params.id, kind === 'work' ? 'Work' : 'Entry')),
    );

    app.post<IdParams>(`/${PLURAL[kind]}/:id/comments`, limited, async (request, reply) => {
      const id = idOf(request.params.id, kind === 'work' ? 'Work' : 'Entry');
      const form = (request.body ?? {}) as Record<string, unknown>;
      if (typeof form[HONEYPOT] === 'string' && form[HONEYPOT] !== '') {
        // A robot filled the hidden field: nothing is saved, and nothing tells it so.
        const target = await targetFor(ctx, request, kind, id);
        return reply.redirect(`${target.url}#comments`, 303);
      }
      const outcome = await submitForm(commentSchema, form, () =>
        comments.postComment(ctx, request.viewer, { kind, id }, form),
      );
      if (!outcome.ok)
        return showForm(request, reply, kind, id, {
          values: keptValues(form),
          errors: outcome.errors,
          status: outcome.status,
        });
      const { state } = outcome.result;
      if (state === 'screened')
        reply.flash('Your comment was posted. It is screened: the owner sees it first.');
      else if (state === 'pending')
        reply.flash('Your comment was posted. It shows once a creator approves it.');
      else reply.flash('Your comment was posted.');
      // Straight to the comment's thread (a redirect in between would take the flash with it); a
      // comment its guest author may no longer see (screened, held) leads back to the comments.
      const target = await targetFor(ctx, request, kind, id);
      const row = await repo.findComment(ctx.db, outcome.result.id);
      const seen = row && (await canSeeComment(ctx.db, request.viewer, row.id));
      return reply.redirect(seen ? await permalink(ctx, row, target) : `${target.url}#comments`, 303);
    });
  }

  app.get<IdParams>('/comments/:id', async (request, reply) => {
    const comment = await comments.visibleComment(ctx, request.viewer, idOf(request.params.id));
    const target = await targetOf(ctx.db, request.viewer, comment);
    return reply.redirect(await permalink(ctx, comment, target), 303);
  });

  async function showEdit(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values?: Record<string, string>,
    failed?: { errors: FieldErrors; status: number },
  ) {
    const viewer = requireViewer(request);
    const comment = await comments.visibleComment(ctx, viewer, idOf(request.params.id));
    if (comment.user_id !== viewer.id || comment.deleted_at) throw notFound('Comment');
    const target = await targetOf(ctx.db, viewer, comment);
    return sendPage(
      reply,
      <EditCommentPage
        page={pageContext(request, reply)}
        comment={comment}
        target={target}
        values={values ?? { body: comment.body }}
        errors={failed?.errors}
      />,
      failed?.status ?? 200,
    );
  }

  app.get<IdParams>('/comments/:id/edit', (request, reply) => showEdit(request, reply));
  app.post<IdParams>('/comments/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const id = idOf(request.params.id);
    const outcome = await submitForm(editCommentSchema, request.body, () =>
      comments.editComment(ctx, viewer, id, request.body),
    );
    if (!outcome.ok) return showEdit(request, reply, keptValues(request.body), outcome);
    return reply.flash('Your comment was saved.').redirect(`/comments/${id}`, 303);
  });

  const actions = {
    delete: { run: comments.deleteComment, flash: 'The comment was deleted.' },
    'delete-thread': { run: comments.deleteThread, flash: 'The thread was deleted.' },
    screen: { run: (c, v, id) => comments.setScreened(c, v, id, true), flash: 'The comment is screened.' },
    unscreen: {
      run: (c, v, id) => comments.setScreened(c, v, id, false),
      flash: 'The comment is unscreened.',
    },
    freeze: { run: (c, v, id) => comments.setFrozen(c, v, id, true), flash: 'The thread is frozen.' },
    unfreeze: { run: (c, v, id) => comments.setFrozen(c, v, id, false), flash: 'The thread is unfrozen.' },
    approve: { run: comments.approveComment, flash: 'The comment is approved.' },
  } satisfies Record<
    string,
    {
      run: (c: AppContext, v: NonNullable<FastifyRequest['viewer']>, id: number) => Promise<repo.CommentRow>;
      flash: string;
    }
  >;

  for (const [name, action] of Object.entries(actions)) {
    app.post<IdParams>(`/comments/:id/${name}`, async (request, reply) => {
      const viewer = requireViewer(request);
      const comment = await action.run(ctx, viewer, idOf(request.params.id));
      reply.flash(action.flash);
      const target = await targetOf(ctx.db, viewer, comment);
      const back = ((request.body ?? {}) as Record<string, unknown>).back;
      if (back === 'queue') return reply.redirect(`/works/${target.id}/comments/moderation`, 303);
      const still = await repo.findComment(ctx.db, comment.id);
      if (still) return reply.redirect(await permalink(ctx, still, target), 303);
      const parent =
        comment.parent_id !== null ? await repo.findComment(ctx.db, comment.parent_id) : undefined;
      if (parent) return reply.redirect(await permalink(ctx, parent, target), 303);
      return reply.redirect(`${target.url}#comments`, 303);
    });
  }

  app.get<IdParams>('/works/:id/comments/moderation', async (request, reply) => {
    const viewer = requireViewer(request);
    const target = await workTarget(ctx.db, viewer, idOf(request.params.id, 'Work'));
    if (!managesTarget(viewer, target)) throw notFound('Page');
    const rows = await repo.pendingOfWork(ctx.db, target.id);
    const shown = buildTrees(
      rows.map((r) => ({ ...r, parent_id: null })),
      viewer,
      rows.map((r) => r.id),
    );
    return sendPage(
      reply,
      <ModerationQueuePage page={pageContext(request, reply)} target={target} comments={shown} />,
    );
  });
}
