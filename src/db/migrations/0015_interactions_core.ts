import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * What the interaction features ([interactions]) share:
 * - `works.kudos_count`, `comment_count`, `bookmark_count`: what listings show and sort by, written
 *   only by works/work-counters.ts (recounted from the rows, never incremented blindly);
 * - `user_blocks` and `user_mutes` (features/blocking): a block keeps someone from commenting on,
 *   replying to, leaving kudos on or gifting to what is yours; a mute hides someone's works,
 *   bookmarks and comments from everything you see;
 * - `kudos` (features/kudos): one per account, or per guest (a hashed visitor key) per day;
 * - `subscriptions` (features/notifications) to works, series and creators; journals, threads and
 *   boards keep their own tables (`journal_subscriptions`, `forum_subscriptions`).
 */
export function interactionsCore(dialect: Dialect) {
  const { id, instant } = columns(dialect);
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
      await id(db.schema.createTable('kudos'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_key', 'text')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint('kudos_giver_check', sql`(user_id is null) <> (guest_key is null)`)
        .execute();
      await db.schema
        .createIndex('kudos_user_idx')
        .on('kudos')
        .columns(['work_id', 'user_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('kudos_guest_idx')
        .on('kudos')
        .columns(['work_id', 'guest_key', 'day'])
        .unique()
        .execute();
      await db.schema.createIndex('kudos_giver_idx').on('kudos').column('user_id').execute();
      await id(db.schema.createTable('subscriptions'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addCheckConstraint('subscriptions_type_check', sql`target_type in ('work', 'series', 'user')`)
        .execute();
      await db.schema
        .createIndex('subscriptions_unique_idx')
        .on('subscriptions')
        .columns(['user_id', 'target_type', 'target_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('subscriptions_target_idx')
        .on('subscriptions')
        .columns(['target_type', 'target_id'])
        .execute();
    },
    async down(db: MigrationDb) {
      for (const table of ['subscriptions', 'kudos', 'user_mutes', 'user_blocks'])
        await db.schema.dropTable(table).execute();
      for (const column of ['bookmark_count', 'comment_count', 'kudos_count'])
        await db.schema.alterTable('works').dropColumn(column).execute();
    },
  };
}
