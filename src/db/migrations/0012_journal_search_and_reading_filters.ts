import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { type ColumnBuilder, columns, type MigrationDb } from './helpers.ts';

/** The job that fills the entry index from the entries already there (features/journals/entry-index.ts). */
const REINDEX_ENTRIES = 'search.index-entries';

/**
 * Journal entries in full-text search, and reading filters (features/journals).
 *
 * `entry_search` mirrors `work_search` (0006). SQLite: an FTS5 table, rowid = entry id, columns
 * subject, body, tags and journal, plus a trigger removing a deleted entry's row (cascades from a
 * deleted journal or account included). PostgreSQL: one weighted tsvector per entry (A subject,
 * B tags, C journal name, D body), GIN-indexed, removed with the entry. The index holds every
 * entry, locked ones too: who may see what is decided at query time by joining `entries`.
 * Entries already posted are indexed by a job enqueued here, so migrating stays quick.
 *
 * `reading_filters`: a reader's named subsets of the journals they subscribe to
 * (`reading_filter_journals`), for viewing the reading page through one.
 */
export function journalSearchAndReadingFilters(dialect: Dialect) {
  const { id, instant } = columns(dialect);
  const user: ColumnBuilder = (c) => c.notNull().references('users.id').onDelete('cascade');
  return {
    async up(db: MigrationDb) {
      if (dialect === 'sqlite') {
        await sql`
          create virtual table entry_search using fts5(
            subject, body, tags, journal,
            tokenize = 'unicode61 remove_diacritics 2'
          )`.execute(db);
        await sql`
          create trigger entries_search_delete after delete on entries for each row
          begin
            delete from entry_search where rowid = old.id;
          end`.execute(db);
      } else {
        await db.schema
          .createTable('entry_search')
          .addColumn('entry_id', 'integer', (c) =>
            c.primaryKey().references('entries.id').onDelete('cascade'),
          )
          .addColumn('document', sql`tsvector`, (c) => c.notNull())
          .execute();
        await sql`create index entry_search_document_idx on entry_search using gin (document)`.execute(db);
      }

      await id(db.schema.createTable('reading_filters'))
        .addColumn('owner_id', 'integer', user)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('created_at', instant, (c) => c.notNull())
        .addUniqueConstraint('reading_filters_owner_name_unique', ['owner_id', 'name_key'])
        .execute();
      await db.schema
        .createTable('reading_filter_journals')
        .addColumn('filter_id', 'integer', (c) =>
          c.notNull().references('reading_filters.id').onDelete('cascade'),
        )
        .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('reading_filter_journals_pk', ['filter_id', 'journal_id'])
        .execute();

      const existing = await db.selectFrom('entries').select('id').limit(1).executeTakeFirst();
      if (existing) {
        const now = new Date().toISOString();
        await db
          .insertInto('jobs')
          .values({
            kind: REINDEX_ENTRIES,
            payload: JSON.stringify({ all: true }),
            status: 'pending',
            attempts: 0,
            max_attempts: 8,
            run_at: now,
            created_at: now,
          })
          .execute();
      }
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('reading_filter_journals').execute();
      await db.schema.dropTable('reading_filters').execute();
      if (dialect === 'sqlite') await sql`drop trigger if exists entries_search_delete`.execute(db);
      await db.schema.dropTable('entry_search').ifExists().execute();
    },
  };
}
