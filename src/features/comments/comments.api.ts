import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { entryTarget, targetOf, workTarget } from './comment-targets.ts';
import { commentSection, type ShownComment } from './comments.read.ts';
import { commentSchema, editCommentSchema } from './comments.schema.ts';
import * as comments from './comments.service.ts';

const PLURAL = { work: 'works', entry: 'entries' } as const;

const commentOut = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  threadId: z.number(),
  depth: z.number(),
  chapterId: z.number().nullable(),
  author: z.string().nullable().describe('A username; null for a guest or a deleted account'),
  guestName: z.string().nullable(),
  state: z.enum(['visible', 'screened', 'pending']),
  frozen: z.boolean(),
  deleted: z.boolean(),
  body: z.string().describe('Sanitized HTML; empty for a deleted comment'),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  url: z.string(),
});
type CommentOut = z.infer<typeof commentOut>;

const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  chapterId: z.coerce.number().int().min(1).optional(),
});
const listOut = z.object({
  total: z.number().describe('Comments this reader may see (deleted stubs not counted)'),
  page: z.number(),
  pages: z.number(),
  comments: z.array(commentOut).describe('Threads in order, each comment followed by its replies'),
});

const idParam = (value: string | undefined, what: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound(what);
  return id;
};

/** Comments as JSON: the same schemas, services and visibility as the pages. */
export function commentsApi(api: ApiRegistry, ctx: AppContext) {
  const base = ctx.config.baseUrl;
  const present = (c: ShownComment, depth: number): CommentOut[] => [
    {
      id: c.id,
      parentId: c.parentId,
      threadId: c.rootId,
      depth,
      chapterId: c.chapterId,
      author: c.author.kind === 'user' ? c.author.username : null,
      guestName: c.author.kind === 'guest' ? c.author.name : null,
      state: c.state,
      frozen: c.frozen,
      deleted: c.deleted,
      body: c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      url: `${base}/comments/${c.id}`,
    },
    ...c.children.flatMap((child) => present(child, depth + 1)),
  ];
  /** One comment as this viewer now sees it. */
  const one = async (viewer: Viewer | null, id: number): Promise<CommentOut> => {
    const row = await comments.visibleComment(ctx, viewer, id);
    const target = await targetOf(ctx.db, viewer, row);
    const thread = await commentSection(ctx, viewer, target, {
      page: 1,
      view: 'threaded',
      thread: row.id,
    });
    const [shown] = thread.comments;
    if (!shown) throw notFound('Comment');
    return present({ ...shown, children: [] }, row.depth)[0]!;
  };

  for (const kind of ['work', 'entry'] as const) {
    const what = kind === 'work' ? 'Work' : 'Entry';
    api.add({
      method: 'GET',
      path: `/${PLURAL[kind]}/:id/comments`,
      summary: `A ${kind}’s comments this reader may see: 25 threads a page, oldest first${kind === 'work' ? ' (`chapterId`: one chapter’s)' : ''}`,
      tag: 'Comments',
      auth: 'optional',
      query: listQuery,
      response: listOut,
      handler: async ({ viewer, params, query }) => {
        const id = idParam(params.id, what);
        const target =
          kind === 'work' ? await workTarget(ctx.db, viewer, id) : await entryTarget(ctx.db, viewer, id);
        const section = await commentSection(
          ctx,
          viewer,
          target,
          { page: query.page, view: 'threaded' },
          kind === 'work' ? query.chapterId : undefined,
        );
        return {
          total: section.total,
          page: section.page,
          pages: section.pages,
          comments: section.comments.flatMap((c) => present(c, 0)),
        };
      },
    });

    api.add({
      method: 'POST',
      path: `/${PLURAL[kind]}/:id/comments`,
      summary: `Comment on a ${kind}, or reply (\`parentId\`)${kind === 'work' ? '; `chapterId` names a chapter (none: the entire work)' : ''}. \`body\`: HTML or plain text, at most 10,000 characters`,
      tag: 'Comments',
      auth: 'token',
      body: commentSchema.omit({ name: true, email: true }),
      status: 201,
      response: commentOut,
      handler: async ({ viewer, params, body }) => {
        const posted = await comments.postComment(ctx, viewer, { kind, id: idParam(params.id, what) }, body);
        // Its author may see a new comment, whatever its state (comment-visibility.ts), and its
        // parent was checked as visible to them: answered from what was saved, not read back.
        return present(
          {
            id: posted.id,
            parentId: posted.parentId,
            rootId: posted.rootId,
            chapterId: posted.chapterId,
            author: { kind: 'user', username: viewer!.username },
            body: posted.body,
            state: posted.state,
            frozen: false,
            deleted: false,
            createdAt: posted.createdAt,
            editedAt: null,
            mine: true,
            children: [],
          },
          posted.depth,
        )[0]!;
      },
    });
  }

  api.add({
    method: 'GET',
    path: '/comments/:id',
    summary: 'One comment, if this reader may see it',
    tag: 'Comments',
    auth: 'optional',
    response: commentOut,
    handler: ({ viewer, params }) => one(viewer, idParam(params.id, 'Comment')),
  });

  api.add({
    method: 'PATCH',
    path: '/comments/:id',
    summary: 'Edit your comment (it is marked as edited)',
    tag: 'Comments',
    auth: 'token',
    body: editCommentSchema,
    response: commentOut,
    handler: async ({ viewer, params, body }) => {
      const id = idParam(params.id, 'Comment');
      await comments.editComment(ctx, viewer!, id, body);
      return one(viewer, id);
    },
  });

  api.add({
    method: 'DELETE',
    path: '/comments/:id',
    summary:
      'Delete a comment (yours, or one on your work or entry); one with replies stays as a stub. `thread=true`: the whole subtree (owners only)',
    tag: 'Comments',
    auth: 'token',
    query: z.object({ thread: z.enum(['true', 'false']).default('false') }),
    response: z.object({ deleted: z.boolean() }),
    handler: async ({ viewer, params, query }) => {
      const id = idParam(params.id, 'Comment');
      if (query.thread === 'true') await comments.deleteThread(ctx, viewer!, id);
      else await comments.deleteComment(ctx, viewer!, id);
      return { deleted: true };
    },
  });
}
