import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * Bookmarks ([interactions]): one per account per work or series (`work_id` xor `series_id`), with
 * sanitized notes, a private flag and a "rec" flag; the bookmarker's own tags are plain labels in
 * `bookmark_tags` (not wrangled tags: they belong to the bookmarker), matched case-insensitively
 * through `name_key`.
 */
export function bookmarks(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('bookmarks'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
        .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rec', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addColumn('updated_at', instant, (c) => c.notNull())
        .addCheckConstraint('bookmarks_item_check', sql`(work_id is null) <> (series_id is null)`)
        .execute();
      await db.schema
        .createIndex('bookmarks_user_work_idx')
        .on('bookmarks')
        .columns(['user_id', 'work_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('bookmarks_user_series_idx')
        .on('bookmarks')
        .columns(['user_id', 'series_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('bookmarks_work_idx')
        .on('bookmarks')
        .columns(['work_id', 'private'])
        .execute();
      await db.schema.createIndex('bookmarks_series_idx').on('bookmarks').column('series_id').execute();
      await db.schema
        .createTable('bookmark_tags')
        .addColumn('bookmark_id', 'integer', (c) =>
          c.notNull().references('bookmarks.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bookmark_tags_pk', ['bookmark_id', 'name_key'])
        .execute();
      await db.schema.createIndex('bookmark_tags_key_idx').on('bookmark_tags').column('name_key').execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('bookmark_tags').execute();
      await db.schema.dropTable('bookmarks').execute();
    },
  };
}
