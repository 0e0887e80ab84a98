import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * Notifications ([interactions]; features/notifications):
 * - `notifications`: the inbox, one row per (user, key). A notice whose key is already there
 *   replaces the row (kudos summaries grow that way) and is unread again. `mail` says what e-mail
 *   owes it: 'none' (inbox only, or already covered), 'digest' (waits for the daily digest) or
 *   'sent'.
 * - `notification_preferences`: how each account hears of each event kind (a missing row: the
 *   kind's default, features/notifications/preferences.ts).
 */
export function notifications(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('notifications'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('notified_at', instant, (c) => c.notNull())
        .addColumn('read_at', instant)
        .addColumn('mail', 'text', (c) => c.notNull().defaultTo('none'))
        .execute();
      await db.schema
        .createIndex('notifications_key_idx')
        .on('notifications')
        .columns(['user_id', 'key'])
        .unique()
        .execute();
      await db.schema
        .createIndex('notifications_inbox_idx')
        .on('notifications')
        .columns(['user_id', 'notified_at'])
        .execute();
      await db.schema
        .createIndex('notifications_unread_idx')
        .on('notifications')
        .columns(['user_id', 'read_at'])
        .execute();
      await db.schema
        .createIndex('notifications_mail_idx')
        .on('notifications')
        .columns(['mail', 'user_id'])
        .execute();
      await db.schema
        .createTable('notification_preferences')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('delivery', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('notification_preferences').execute();
      await db.schema.dropTable('notifications').execute();
    },
  };
}
