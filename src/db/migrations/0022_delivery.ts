import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * `mail_deliveries`: one row per e-mail job, written BEFORE the message goes to the SMTP server and
 * stamped `sent_at` as soon as the server accepts it (mail/mail.jobs.ts). A job re-run after a crash
 * finds `sent_at` and does not send again; one that finds the row without `sent_at` knows a send
 * was interrupted and re-sends under the same Message-ID (docs/decisions.md, "Never lose data").
 * The row goes with its job when old jobs are cleared.
 */
export function delivery(dialect: Dialect) {
  const { instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('mail_deliveries')
        .addColumn('job_id', 'integer', (c) => c.primaryKey().references('jobs.id').onDelete('cascade'))
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('started_at', instant, (c) => c.notNull())
        .addColumn('sent_at', instant)
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('mail_deliveries').execute();
    },
  };
}
