import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/connect.ts';
import type { Report } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, ValidationError } from '../../lib/errors.ts';
import { reportPost } from '../forums/reports.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { reportTarget, type TargetFacts } from './report-targets.ts';
import { REPORT_REASONS, type ReportInput } from './reports.schema.ts';

type Ctx = Pick<AppContext, 'db'>;

/**
 * The thing a reader would report, as they may see it. Something they may not see cannot be
 * reported (and is not found: its existence is not confirmed); nor can your own.
 */
export async function reportableTarget(ctx: Ctx, viewer: Viewer, type: ReportInput['type'], id: number) {
  const kind = reportTarget(type);
  const facts = kind ? await kind.find(ctx.db, viewer, id) : null;
  if (!facts) throw notFound(type === 'entry' ? 'Entry' : type === 'comment' ? 'Comment' : 'Work');
  if (facts.authorIds.includes(viewer.id))
    throw new ValidationError({ reason: `You cannot report your own ${type}.` });
  return facts;
}

function openReportOf(ctx: Ctx, viewer: Viewer, type: ReportInput['type'], id: number) {
  return ctx.db
    .selectFrom('reports')
    .selectAll()
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('reporter_id', '=', viewer.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export interface Filed {
  report: Report;
  /** false: this reader's open report on it was there already (reporting twice is one report). */
  created: boolean;
  target: TargetFacts;
}

/** Files a report for the moderators' queue; a second report of the same thing while open is the first. */
export async function fileReport(ctx: Ctx, viewer: Viewer, input: ReportInput): Promise<Filed> {
  const target = await reportableTarget(ctx, viewer, input.type, input.id);
  const existing = await openReportOf(ctx, viewer, input.type, input.id);
  if (existing) return { report: existing, created: false, target };
  try {
    const report = await ctx.db
      .insertInto('reports')
      .values({
        target_type: input.type,
        target_id: input.id,
        reporter_id: viewer.id,
        reason: input.reason,
        details: input.details,
        status: 'open',
        created_at: nowIso(),
        resolved_by: null,
        resolved_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { report, created: true, target };
  } catch (error) {
    // Two submissions at once: the unique index kept one; this one is that one.
    const raced = isUniqueViolation(error)
      ? await openReportOf(ctx, viewer, input.type, input.id)
      : undefined;
    if (!raced) throw error;
    return { report: raced, created: false, target };
  }
}

/**
 * A forum post, reported through the API: it goes to the forum's own report queue (the board's
 * moderators), idempotently like the others.
 */
export async function filePostReport(
  ctx: Ctx,
  viewer: Viewer,
  input: { id: number; reason: keyof typeof REPORT_REASONS; details: string },
): Promise<{ id: number; created: boolean }> {
  const open = () =>
    ctx.db
      .selectFrom('post_reports')
      .select('id')
      .where('post_id', '=', input.id)
      .where('reporter_id', '=', viewer.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
  const existing = await open();
  if (existing) return { id: existing.id, created: false };
  const text = `${REPORT_REASONS[input.reason]}${input.details ? `: ${input.details}` : ''}`;
  await reportPost(ctx, viewer, input.id, { reason: text.slice(0, 1000) });
  const filed = await open();
  if (!filed) throw notFound('Post');
  return { id: filed.id, created: true };
}
