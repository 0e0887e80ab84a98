import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * Comments (features/comments) on works (a chapter, or the entire work when `chapter_id` is null)
 * and on journal entries, threaded by `parent_id`; `root_id` names the top-level comment of the
 * thread (its own id for a top-level comment) so a page of threads loads in two queries.
 * - `state`: visible, screened (its target's owners, staff and the commenter see it) or pending
 *   (held in a moderated work's queue);
 * - `frozen`: set on a whole subtree: nobody replies anywhere in it;
 * - `deleted_at`: a stub kept where the comment has replies (its body emptied);
 * - `user_id` null: a guest (`guest_name`) or, with no guest name, a deleted account.
 * A deleted chapter's comments move to the entire work (`set null`), never lost with it.
 */
export function comments(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('comments'))
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
        .addColumn('entry_id', 'integer', (c) => c.references('entries.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('root_id', 'integer')
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('guest_name', 'text')
        .addColumn('guest_email', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('visible'))
        .addColumn('frozen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('edited_at', instant)
        .addColumn('deleted_at', instant)
        .addCheckConstraint('comments_target_check', sql`(work_id is null) <> (entry_id is null)`)
        .addCheckConstraint('comments_state_check', sql`state in ('visible', 'screened', 'pending')`)
        .execute();
      await db.schema
        .createIndex('comments_work_idx')
        .on('comments')
        .columns(['work_id', 'root_id'])
        .execute();
      await db.schema
        .createIndex('comments_entry_idx')
        .on('comments')
        .columns(['entry_id', 'root_id'])
        .execute();
      await db.schema.createIndex('comments_parent_idx').on('comments').column('parent_id').execute();
      await db.schema.createIndex('comments_user_idx').on('comments').column('user_id').execute();
      await db.schema.createIndex('comments_chapter_idx').on('comments').column('chapter_id').execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('comments').execute();
    },
  };
}
