import type { Generated } from 'kysely';

// ---- Statistics and abuse reports (migration 0020; features/stats, features/reports) ----------

/** A work's hits and kudos on one day (UTC), kept after `work_hits` forgets the visits. */
export interface WorkDailyStatsTable {
  work_id: number;
  /** YYYY-MM-DD (UTC). */
  day: string;
  hits: Generated<number>;
  kudos: Generated<number>;
}

export type ReportTargetType = 'work' | 'entry' | 'comment';
export type ReportReason = 'spam' | 'harassment' | 'plagiarism' | 'untagged' | 'other';
export type ReportStatus = 'open' | 'hidden' | 'warned' | 'dismissed';

export interface ReportsTable {
  id: Generated<number>;
  target_type: ReportTargetType;
  target_id: number;
  reporter_id: number;
  reason: ReportReason;
  details: string;
  status: ReportStatus;
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface UserWarningsTable {
  id: Generated<number>;
  user_id: number;
  moderator_id: number | null;
  target_type: string;
  target_id: number;
  reason: string;
  created_at: string;
}

export type ModeratorAction = 'hide' | 'unhide' | 'warn' | 'dismiss';

/** The audit log: every moderator action, kept when the moderator's account goes. */
export interface ModeratorActionsTable {
  id: Generated<number>;
  moderator_id: number | null;
  moderator_name: string;
  action: ModeratorAction;
  target_type: string;
  target_id: number;
  target_label: string;
  reason: string;
  created_at: string;
}

export interface ReportsStatsDatabase {
  work_daily_stats: WorkDailyStatsTable;
  reports: ReportsTable;
  user_warnings: UserWarningsTable;
  moderator_actions: ModeratorActionsTable;
}
