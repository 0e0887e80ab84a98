import type { DB } from '../../db/connect.ts';
import type { ModeratorAction } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/** Writes one moderator action to the audit log (in the action's transaction). */
export async function logModeratorAction(
  db: DB,
  moderator: Viewer,
  entry: {
    action: ModeratorAction;
    targetType: string;
    targetId: number;
    targetLabel: string;
    reason: string;
  },
): Promise<void> {
  await db
    .insertInto('moderator_actions')
    .values({
      moderator_id: moderator.id,
      moderator_name: moderator.username,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      target_label: entry.targetLabel.slice(0, 300),
      reason: entry.reason,
      created_at: nowIso(),
    })
    .execute();
}

export interface AuditFilter {
  moderator?: string;
  action?: ModeratorAction;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, a page at a time (one more row than a page says there is a next). */
export async function auditLog(db: DB, filter: AuditFilter) {
  let query = db
    .selectFrom('moderator_actions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  if (filter.moderator) query = query.where('moderator_name', '=', filter.moderator);
  if (filter.action) query = query.where('action', '=', filter.action);
  const rows = await query.execute();
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The moderators who appear in the log (the filter's choices). */
export async function auditModerators(db: DB): Promise<string[]> {
  const rows = await db
    .selectFrom('moderator_actions')
    .select('moderator_name')
    .distinct()
    .orderBy('moderator_name')
    .execute();
  return rows.map((r) => r.moderator_name);
}
