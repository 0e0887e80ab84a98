import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

const ACTIONS = (list: string[]) => sql.raw(`action in (${list.map((a) => `'${a}'`).join(', ')})`);

/**
 * The audit log learns `unhide`: a moderator may give back a work they (or a report) hid.
 * PostgreSQL swaps the check constraint; SQLite cannot alter one, so the table is rebuilt with
 * its rows, ids and indexes.
 */
export function moderatorUnhide(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  const withActions = async (db: MigrationDb, list: string[]) => {
    if (dialect === 'postgres') {
      await db.schema
        .alterTable('moderator_actions')
        .dropConstraint('moderator_actions_action_check')
        .execute();
      await db.schema
        .alterTable('moderator_actions')
        .addCheckConstraint('moderator_actions_action_check', ACTIONS(list))
        .execute();
      return;
    }
    await id(db.schema.createTable('moderator_actions_next'))
      .addColumn('moderator_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('moderator_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'integer', (c) => c.notNull())
      .addColumn('target_label', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addCheckConstraint('moderator_actions_action_check', ACTIONS(list))
      .execute();
    await sql`insert into moderator_actions_next select id, moderator_id, moderator_name, action, target_type,
      target_id, target_label, reason, created_at from moderator_actions`.execute(db);
    await db.schema.dropTable('moderator_actions').execute();
    await db.schema.alterTable('moderator_actions_next').renameTo('moderator_actions').execute();
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
  };
  return {
    up: (db: MigrationDb) => withActions(db, ['hide', 'unhide', 'warn', 'dismiss']),
    async down(db: MigrationDb) {
      await db.deleteFrom('moderator_actions').where('action', '=', 'unhide').execute();
      await withActions(db, ['hide', 'warn', 'dismiss']);
    },
  };
}
