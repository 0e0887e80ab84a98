import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * PostgreSQL's work search gets `head`: a work's weighted tsvector without the body (title A, tags
 * and creators B, summary and notes C), GIN-indexed, so a search matching many works ranks them by
 * those fields without de-TOASTing every document (search-plan.ts, RANKING). Existing entries are
 * filled from their documents (`ts_filter` keeps the A–C lexemes, positions included). SQLite's FTS5
 * table already ranks by any set of its columns, so nothing changes there.
 */
export function searchHead(dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`alter table work_search add column head tsvector not null default ''::tsvector`.execute(db);
      await sql`update work_search set head = ts_filter(document, '{a,b,c}')`.execute(db);
      await sql`create index work_search_head_idx on work_search using gin (head)`.execute(db);
    },
    async down(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`drop index if exists work_search_head_idx`.execute(db);
      await sql`alter table work_search drop column head`.execute(db);
    },
  };
}
