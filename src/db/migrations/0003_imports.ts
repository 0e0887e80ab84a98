import type { Dialect } from '../connect.ts';
import { columns, type MigrationDb } from './helpers.ts';

/**
 * What was imported from where, so imports are idempotent and resumable: one `imports` row per
 * source item (a journal entry, a posted file, an AO3 download) per account, written in the same
 * transaction as the works it created (`import_works`). A journal entry's own data (dates, security,
 * mood, music, tags) is kept in `entry` so [journals] can turn it into an entry later.
 */
export function imports(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  return {
    async up(db: MigrationDb) {
      await id(db.schema.createTable('imports'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('source_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entry', 'text')
        .addColumn('created_at', instant, (c) => c.notNull())
        .addUniqueConstraint('imports_user_source_unique', ['user_id', 'source_key'])
        .execute();

      await db.schema
        .createTable('import_works')
        .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('import_works_pk', ['import_id', 'work_id'])
        .execute();
      await db.schema.createIndex('import_works_work_idx').on('import_works').column('work_id').execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('import_works').execute();
      await db.schema.dropTable('imports').execute();
    },
  };
}
