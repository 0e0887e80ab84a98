import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * Full-text search of works (src/features/search/text). SQLite: an FTS5 table, rowid = work id,
 * one column per field, plus a trigger removing a deleted work's entry. PostgreSQL: a weighted
 * tsvector per work (GIN-indexed) and plain tsvectors of its tags and creators, removed with the
 * work. Entries are written by search-index.ts, never by triggers on text: the indexed text is
 * derived (HTML → plain text, folded words) in the application.
 */
export function search(dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      if (dialect === 'sqlite') {
        await sql`
          create virtual table work_search using fts5(
            title, summary, notes, tags, creators, body,
            tokenize = 'unicode61 remove_diacritics 2'
          )`.execute(db);
        await sql`
          create trigger works_search_delete after delete on works for each row
          begin
            delete from work_search where rowid = old.id;
          end`.execute(db);
        return;
      }
      await db.schema
        .createTable('work_search')
        .addColumn('work_id', 'integer', (c) => c.primaryKey().references('works.id').onDelete('cascade'))
        .addColumn('document', sql`tsvector`, (c) => c.notNull())
        .addColumn('tags', sql`tsvector`, (c) => c.notNull())
        .addColumn('creators', sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`create index work_search_document_idx on work_search using gin (document)`.execute(db);
    },
    async down(db: MigrationDb) {
      if (dialect === 'sqlite') await sql`drop trigger if exists works_search_delete`.execute(db);
      await db.schema.dropTable('work_search').ifExists().execute();
    },
  };
}
