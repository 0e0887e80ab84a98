import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * Statistics and abuse reports ([interactions]):
 * - `work_daily_stats`: a work's hits and kudos per day (UTC), kept after `work_hits` forgets the
 *   visits, so the creator's statistics page can draw hits and kudos over time (features/stats);
 * - `reports`: a reader's report of a work, a journal entry or a comment, stored generically as
 *   (target_type, target_id); one open report per reader and target (features/reports);
 * - `user_warnings`: warnings a moderator gave an account;
 * - `moderator_actions`: the audit log of what moderators did (hide, warn, dismiss), kept when the
 *   moderator's account goes (moderator_id set null, the name kept as it was).
 */
export function reportsStats(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('work_daily_stats')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kudos', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('work_daily_stats_pk', ['work_id', 'day'])
        .execute();

      await id(db.schema.createTable('reports'))
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('reporter_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('resolved_at', instant)
        .addCheckConstraint('reports_type_check', sql`target_type in ('work', 'entry', 'comment')`)
        .addCheckConstraint(
          'reports_reason_check',
          sql`reason in ('spam', 'harassment', 'plagiarism', 'untagged', 'other')`,
        )
        .addCheckConstraint('reports_status_check', sql`status in ('open', 'hidden', 'warned', 'dismissed')`)
        .execute();
      await db.schema
        .createIndex('reports_open_unique_idx')
        .on('reports')
        .columns(['target_type', 'target_id', 'reporter_id'])
        .unique()
        .where(sql<boolean>`status = 'open'`)
        .execute();
      await db.schema
        .createIndex('reports_status_idx')
        .on('reports')
        .columns(['status', 'created_at'])
        .execute();
      await db.schema.createIndex('reports_reporter_idx').on('reports').column('reporter_id').execute();

      await id(db.schema.createTable('user_warnings'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('moderator_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_warnings_user_idx').on('user_warnings').column('user_id').execute();

      await id(db.schema.createTable('moderator_actions'))
        .addColumn('moderator_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('moderator_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('target_label', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint('moderator_actions_action_check', sql`action in ('hide', 'warn', 'dismiss')`)
        .execute();
      await db.schema
        .createIndex('moderator_actions_created_idx')
        .on('moderator_actions')
        .columns(['created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('moderator_actions_moderator_idx')
        .on('moderator_actions')
        .columns(['moderator_id', 'created_at'])
        .execute();
    },
    async down(db: MigrationDb) {
      for (const table of ['moderator_actions', 'user_warnings', 'reports', 'work_daily_stats'])
        await db.schema.dropTable(table).execute();
    },
  };
}
