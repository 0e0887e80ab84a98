import type { DB, Dialect } from '../../../db/connect.ts';
import { postgresSearch } from './postgres-search.ts';
import type { SearchQuery } from './query-syntax.ts';
import type { SearchDoc, SearchHits, SearchOptions } from './search-plan.ts';
import { sqliteSearch } from './sqlite-search.ts';

export type { SearchDoc, SearchHits, SearchOptions } from './search-plan.ts';
export { hasTextCriteria } from './search-plan.ts';

/**
 * The full-text index of works, one implementation per database: FTS5 on SQLite
 * (sqlite-search.ts), tsvector with a GIN index on PostgreSQL (postgres-search.ts). Both
 * index the same words (search-text.ts), so both match the same works; only scores differ.
 */
export interface SearchProvider {
  upsert(db: DB, doc: SearchDoc): Promise<void>;
  remove(db: DB, workId: number): Promise<void>;
  /**
   * Every work id matching the text part of the query (terms, phrases, excluded, title:/creator:/
   * tag:/fandom: as field-restricted terms), in no particular order, up to MAX_TEXT_MATCHES; with
   * `rank`, a "best match" score for each (RANKING in search-plan.ts). A query that only excludes
   * gives every indexed work without those words (score 0); a query with no text part at all gives
   * nothing (see hasTextCriteria). Visibility, rating, counts and the other fields are the caller's
   * filters, applied to all the matches, so a listing's total is exact.
   */
  search(db: DB, query: SearchQuery, options?: SearchOptions): Promise<SearchHits>;
  /** Removes entries whose work is gone, a draft or hidden (after a rebuild). */
  prune(db: DB): Promise<void>;
}

export function searchProvider(dialect: Dialect): SearchProvider {
  return dialect === 'postgres' ? postgresSearch : sqliteSearch;
}
