import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { hidePost } from '../forums/moderation.service.ts';
import { postFor } from '../forums/posting.service.ts';
import { openReports } from '../forums/reports.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { logModeratorAction } from './audit-log.ts';
import { warnAccounts } from './report-queue.service.ts';
import { type Resolution, resolveSchema } from './reports.schema.ts';

type Ctx = Pick<AppContext, 'db' | 'config' | 'dialect'>;

/**
 * Forum posts keep their own reports (`post_reports`, answered by each board's moderators, who for a
 * community's board are the community's, not the site's). The site queue shows the ones this viewer
 * moderates beside the others, grouped by post, and answers them with the same three actions.
 */
export interface PostGroup {
  /** The oldest open report's id: the group's handle for actions. */
  id: number;
  postId: number;
  label: string;
  url: string;
  excerpt: string;
  author: string;
  reports: { id: number; reporter: string; reason: string; createdAt: string }[];
}

export async function postReportQueue(ctx: Ctx, viewer: Viewer): Promise<PostGroup[]> {
  const groups = new Map<number, PostGroup>();
  for (const r of await openReports(ctx, viewer)) {
    let group = groups.get(r.postId);
    if (!group) {
      group = {
        id: r.id,
        postId: r.postId,
        label: `post #${r.number} in “${r.threadTitle}” (${r.boardName})`,
        url: `/forums/posts/${r.postId}`,
        excerpt: r.excerpt,
        author: r.author,
        reports: [],
      };
      groups.set(r.postId, group);
    }
    group.reports.push({ id: r.id, reporter: r.reporter, reason: r.reason, createdAt: r.createdAt });
  }
  return [...groups.values()];
}

/** Hides the post (the forum's own rule), warns its author, or dismisses its open reports. */
export async function resolvePostReport(ctx: Ctx, viewer: Viewer, reportId: number, raw: unknown) {
  const input = validate(resolveSchema, raw);
  const report = await ctx.db
    .selectFrom('post_reports')
    .select(['id', 'post_id', 'status', 'reason'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report) throw notFound('Report');
  if (report.status !== 'open')
    throw new QuireError('already_resolved', 409, 'This report was answered already.', 'action');
  const { post, thread, rights } = await postFor(ctx, viewer, report.post_id);
  if (!rights.moderate) throw forbidden('Only the board’s moderators can answer reports on its posts.');
  const label = `post #${post.number} in “${thread.title}”`;
  const open = await ctx.db
    .selectFrom('post_reports')
    .select(['id', 'reason'])
    .where('post_id', '=', post.id)
    .where('status', '=', 'open')
    .execute();
  // Hiding answers the post's reports itself (forums/moderation.service.ts), in its transaction.
  if (input.action === 'hide') await hidePost(ctx, viewer, post.id);
  await inTransaction(ctx.db, async (trx) => {
    if (input.action === 'warn')
      await warnAccounts(trx, ctx, viewer, [post.author_id], {
        type: 'post',
        id: post.id,
        label,
        url: `/forums/posts/${post.id}`,
        note: input.note,
        reasons: open.map((r) => r.reason.slice(0, 200)),
      });
    if (input.action !== 'hide')
      await trx
        .updateTable('post_reports')
        .set({
          status: input.action === 'warn' ? 'actioned' : 'dismissed',
          resolved_by: viewer.id,
          resolved_at: nowIso(),
        })
        .where(
          'id',
          'in',
          open.map((r) => r.id),
        )
        .execute();
    await logModeratorAction(trx, viewer, {
      action: input.action,
      targetType: 'post',
      targetId: post.id,
      targetLabel: label,
      reason: input.note,
    });
  });
  return { action: input.action as Resolution, resolved: open.length, label };
}
