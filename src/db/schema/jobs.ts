import type { Generated } from 'kysely';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** One e-mail job's delivery: recorded before the SMTP send, stamped when the server accepts it. */
export interface MailDeliveriesTable {
  job_id: number;
  message_id: string;
  attempts: Generated<number>;
  started_at: string;
  sent_at: string | null;
}

export interface JobsDatabase {
  jobs: JobsTable;
  mail_deliveries: MailDeliveriesTable;
}
