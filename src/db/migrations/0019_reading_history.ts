import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * Reading history (features/history), AO3's "History":
 * - `readings`: one row per reader and work: the last visit, how many visits, the furthest chapter
 *   position reached, the work's `major_version` at the last visit (a larger one now means "updated
 *   since you read it") and "marked for later". Written by one upsert per visit.
 * - `reading_history_paused`: a row means the reader switched their history off (nothing is recorded).
 * Both go with the account (cascade); a deleted work takes its readings with it.
 */
export function readingHistory(dialect: Dialect) {
  const { instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('readings')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('last_visited_at', instant, (c) => c.notNull())
        .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('chapter_position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('major_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('later', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('readings_pk', ['user_id', 'work_id'])
        .execute();
      await db.schema
        .createIndex('readings_recent_idx')
        .on('readings')
        .columns(['user_id', 'last_visited_at'])
        .execute();
      await db.schema.createIndex('readings_work_idx').on('readings').column('work_id').execute();
      await db.schema
        .createTable('reading_history_paused')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('reading_history_paused').execute();
      await db.schema.dropTable('readings').execute();
    },
  };
}
