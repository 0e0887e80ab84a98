import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { ReportReason, ReportTargetType } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { isStaff } from '../visibility/visibility.ts';
import { logModeratorAction } from './audit-log.ts';
import { reportTarget, TARGET_NOUNS } from './report-targets.ts';
import { REPORT_REASONS, type Resolution, resolveSchema } from './reports.schema.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** The site's moderators and admins answer reports. */
export function requireModerator(viewer: Viewer): Viewer {
  if (!isStaff(viewer)) throw forbidden('Only moderators can answer reports.');
  return viewer;
}

export interface QueueReport {
  id: number;
  reporter: string;
  reason: ReportReason;
  details: string;
  createdAt: string;
}

/** One reported thing with its open reports. */
export interface QueueGroup {
  /** The oldest open report's id: the group's handle for actions. */
  id: number;
  type: ReportTargetType;
  targetId: number;
  count: number;
  reasons: Partial<Record<ReportReason, number>>;
  reports: QueueReport[];
  /** How the moderator sees it; `exists` false when it was deleted since (only dismissing is left). */
  target: {
    exists: boolean;
    readable: boolean;
    label: string;
    url: string | null;
    excerpt: string;
    hidden: boolean;
  };
  authors: string[];
}

async function usernames(db: DB, ids: number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('id', 'in', ids)
    .orderBy('username')
    .execute();
  return rows.map((r) => r.username);
}

/** How a target reads to this moderator: its text only if they may see it (a locked entry stays locked). */
async function describeTarget(db: DB, viewer: Viewer, type: ReportTargetType, id: number) {
  const kind = reportTarget(type);
  const facts = kind ? await kind.facts(db, id) : null;
  const noun = TARGET_NOUNS[type];
  if (!kind || !facts)
    return {
      facts: null,
      target: {
        exists: false,
        readable: false,
        label: `a deleted ${noun} (#${id})`,
        url: null,
        excerpt: '',
        hidden: false,
      },
    };
  const readable = (await kind.find(db, viewer, id)) !== null;
  return {
    facts,
    target: readable
      ? {
          exists: true,
          readable,
          label: facts.label,
          url: facts.url,
          excerpt: facts.excerpt,
          hidden: facts.hidden,
        }
      : {
          exists: true,
          readable,
          label: `a locked ${noun} (#${id}) that site moderators cannot read`,
          url: null,
          excerpt: '',
          hidden: facts.hidden,
        },
  };
}

/** Open reports grouped by what they report, the longest-waiting first. */
export async function reportQueue(ctx: Ctx, viewer: Viewer): Promise<QueueGroup[]> {
  requireModerator(viewer);
  const rows = await ctx.db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .select([
      'reports.id',
      'reports.target_type',
      'reports.target_id',
      'reports.reason',
      'reports.details',
      'reports.created_at',
      'users.username as reporter',
    ])
    .where('reports.status', '=', 'open')
    .orderBy('reports.created_at')
    .orderBy('reports.id')
    .limit(1000)
    .execute();
  const groups = new Map<string, Omit<QueueGroup, 'target' | 'authors'>>();
  for (const r of rows) {
    const key = `${r.target_type}:${r.target_id}`;
    let group = groups.get(key);
    if (!group) {
      group = { id: r.id, type: r.target_type, targetId: r.target_id, count: 0, reasons: {}, reports: [] };
      groups.set(key, group);
    }
    group.count++;
    group.reasons[r.reason] = (group.reasons[r.reason] ?? 0) + 1;
    group.reports.push({
      id: r.id,
      reporter: r.reporter,
      reason: r.reason,
      details: r.details,
      createdAt: r.created_at,
    });
  }
  const out: QueueGroup[] = [];
  for (const group of groups.values()) {
    const { facts, target } = await describeTarget(ctx.db, viewer, group.type, group.targetId);
    out.push({
      ...group,
      target,
      authors: target.readable ? await usernames(ctx.db, facts?.authorIds ?? []) : [],
    });
  }
  return out;
}

/** Records a warning to each account and e-mails it (through the job queue, in this transaction). */
export async function warnAccounts(
  trx: DB,
  ctx: Ctx,
  moderator: Viewer,
  userIds: number[],
  about: { type: string; id: number; label: string; url: string | null; note: string; reasons: string[] },
): Promise<void> {
  const text = about.note || `It was reported for: ${about.reasons.join(', ').toLowerCase()}.`;
  for (const userId of userIds) {
    const user = await trx
      .selectFrom('users')
      .select(['username', 'email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) continue;
    await trx
      .insertInto('user_warnings')
      .values({
        user_id: userId,
        moderator_id: moderator.id,
        target_type: about.type,
        target_id: about.id,
        reason: text,
        created_at: nowIso(),
      })
      .execute();
    await enqueueEmail(trx, {
      to: user.email,
      subject: `A warning from the moderators of Quire`,
      text:
        `Hi ${user.username},\n\nQuire’s moderators looked at ${about.label}` +
        `${about.url ? ` (${ctx.config.baseUrl}${about.url})` : ''} after readers reported it, and are giving you a warning:\n\n` +
        `${text}\n\nPlease make sure what you post follows the site’s rules. Repeated problems may lead to your content being hidden or your account being disabled.\n`,
    });
  }
}

/**
 * Answers every open report of one thing (named by any of its open reports): hide it, warn its
 * author(s), or dismiss the reports. The action goes to the audit log in the same transaction.
 */
export async function resolveReport(ctx: Ctx, viewer: Viewer, reportId: number, raw: unknown) {
  requireModerator(viewer);
  const input = validate(resolveSchema, raw);
  const report = await ctx.db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!report) throw notFound('Report');
  if (report.status !== 'open')
    throw new QuireError('already_resolved', 409, 'This report was answered already.', 'action');
  const { facts, target } = await describeTarget(ctx.db, viewer, report.target_type, report.target_id);
  if (!facts && input.action !== 'dismiss')
    throw new QuireError('target_gone', 409, 'It was deleted since: only dismissing is left.', 'action');
  const status = ({ hide: 'hidden', warn: 'warned', dismiss: 'dismissed' } as const)[input.action];
  return inTransaction(ctx.db, async (trx) => {
    const open = await trx
      .selectFrom('reports')
      .select(['id', 'reason'])
      .where('target_type', '=', report.target_type)
      .where('target_id', '=', report.target_id)
      .where('status', '=', 'open')
      .execute();
    if (input.action === 'hide') await reportTarget(report.target_type)!.hide(trx, report.target_id);
    if (input.action === 'warn')
      await warnAccounts(trx, ctx, viewer, facts!.authorIds, {
        type: report.target_type,
        id: report.target_id,
        label: target.label,
        url: target.url,
        note: input.note,
        reasons: [...new Set(open.map((r) => REPORT_REASONS[r.reason]))],
      });
    await trx
      .updateTable('reports')
      .set({ status, resolved_by: viewer.id, resolved_at: nowIso() })
      .where(
        'id',
        'in',
        open.map((r) => r.id),
      )
      .execute();
    await logModeratorAction(trx, viewer, {
      action: input.action,
      targetType: report.target_type,
      targetId: report.target_id,
      targetLabel: target.label,
      reason: input.note,
    });
    return { action: input.action as Resolution, resolved: open.length, label: target.label };
  });
}
