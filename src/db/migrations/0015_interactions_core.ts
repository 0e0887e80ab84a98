import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * What the interaction features ([interactions]) share:
 * - `works.kudos_count`, `comment_count`, `bookmark_count`: what listings show and sort by, written
 *   only by works/work-counters.ts (recounted from the rows, never incremented blindly);
 * - `user_blocks` and `user_mutes` (features/blocking): a block keeps someone from commenting on,
 *   replying to, leaving kudos on or gifting to what is yours; a mute hides someone's works,
 *   bookmarks and comments from everything you see.
 */
export function interactionsCore(dialect: Dialect) {
  const instant = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: MigrationDb) {
      for (const column of ['kudos_count', 'comment_count', 'bookmark_count'])
        await db.schema
          .alterTable('works')
          .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      for (const table of ['user_blocks', 'user_mutes']) {
        await db.schema
          .createTable(table)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('target_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', instant, (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['user_id', 'target_id'])
          .execute();
        await db.schema.createIndex(`${table}_target_idx`).on(table).column('target_id').execute();
      }
    },
    async down(db: MigrationDb) {
      for (const table of ['user_mutes', 'user_blocks']) await db.schema.dropTable(table).execute();
      for (const column of ['bookmark_count', 'comment_count', 'kudos_count'])
        await db.schema.alterTable('works').dropColumn(column).execute();
    },
  };
}
