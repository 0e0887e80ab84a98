import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { moderatedBoards } from '../visibility/forum-visibility.ts';
import { reportSchema } from './forums.schema.ts';
import { postFor } from './posting.service.ts';
import { findThread } from './threads.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Reports a post to the board's moderators (once per reader while the report is open). */
export async function reportPost(ctx: Ctx, viewer: Viewer, postId: number, raw: unknown) {
  const input = validate(reportSchema, raw);
  const { post } = await postFor(ctx, viewer, postId);
  if (post.status !== 'visible') throw notFound('Post');
  const open = await ctx.db
    .selectFrom('post_reports')
    .select('id')
    .where('post_id', '=', post.id)
    .where('reporter_id', '=', viewer.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open)
    throw new ValidationError({ reason: 'You have reported this post already; a moderator will look.' });
  await ctx.db
    .insertInto('post_reports')
    .values({
      post_id: post.id,
      reporter_id: viewer.id,
      reason: input.reason,
      status: 'open',
      created_at: nowIso(),
    })
    .execute();
  return post;
}

export interface OpenReport {
  id: number;
  postId: number;
  threadId: number;
  threadTitle: string;
  boardName: string;
  number: number;
  reason: string;
  reporter: string;
  author: string;
  excerpt: string;
  createdAt: string;
}

/** Open reports on the boards this viewer moderates, oldest first. */
export async function openReports(ctx: Ctx, viewer: Viewer): Promise<OpenReport[]> {
  const rows = await ctx.db
    .selectFrom('post_reports')
    .innerJoin('posts', 'posts.id', 'post_reports.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('boards', 'boards.id', 'threads.board_id')
    .innerJoin('users as reporter', 'reporter.id', 'post_reports.reporter_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'post_reports.id',
      'post_reports.reason',
      'post_reports.created_at',
      'posts.id as post_id',
      'posts.number',
      'posts.body',
      'threads.id as thread_id',
      'threads.title',
      'boards.name as board',
      'reporter.username as reporter',
      'author.username as author',
    ])
    .where('post_reports.status', '=', 'open')
    .where((eb) => moderatedBoards(eb, viewer))
    .orderBy('post_reports.created_at')
    .orderBy('post_reports.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    postId: r.post_id,
    threadId: r.thread_id,
    threadTitle: r.title,
    boardName: r.board,
    number: r.number,
    reason: r.reason,
    reporter: r.reporter,
    author: r.author,
    excerpt: r.body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200),
    createdAt: r.created_at,
  }));
}

/** Dismisses a report (the post stays as it is). */
export async function dismissReport(ctx: Ctx, viewer: Viewer, reportId: number) {
  const report = await ctx.db
    .selectFrom('post_reports')
    .innerJoin('posts', 'posts.id', 'post_reports.post_id')
    .select(['post_reports.id', 'posts.id as post_id', 'posts.thread_id'])
    .where('post_reports.id', '=', reportId)
    .where('post_reports.status', '=', 'open')
    .executeTakeFirst();
  if (!report || !(await findThread(ctx.db, report.thread_id))) throw notFound('Report');
  const { rights } = await postFor(ctx, viewer, report.post_id);
  if (!rights.moderate) throw forbidden('Only the board’s moderators can answer reports.');
  await ctx.db
    .updateTable('post_reports')
    .set({ status: 'dismissed', resolved_by: viewer.id, resolved_at: nowIso() })
    .where('id', '=', report.id)
    .execute();
  return report.post_id;
}
