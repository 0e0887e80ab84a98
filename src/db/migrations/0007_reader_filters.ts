import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * A reader's own filters: a permanent blocklist of tags (`blocked_tags`, canonical tags, so their
 * synonyms and subtags go too) and creators (`blocked_creators`, accounts), applied by the server
 * to every listing, search and count; and named saved filters (`saved_filters.query` is a listing's
 * path and query string). See features/reader-filters.
 */
export function readerFilters(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('blocked_tags')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('blocked_tags_pk', ['user_id', 'tag_id'])
        .execute();
      await db.schema
        .createTable('blocked_creators')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('creator_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('blocked_creators_pk', ['user_id', 'creator_id'])
        .execute();
      await id(db.schema.createTable('saved_filters'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addUniqueConstraint('saved_filters_user_name_unique', ['user_id', 'name'])
        .execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('saved_filters').execute();
      await db.schema.dropTable('blocked_creators').execute();
      await db.schema.dropTable('blocked_tags').execute();
    },
  };
}
