import type { Expression, SqlBool } from 'kysely';
import type { DB, Dialect } from '../../../db/connect.ts';
import { postgresEntrySearch } from './entry-search-postgres.ts';
import type { EntrySearchDoc, EntrySearchPlan } from './entry-search-plan.ts';
import { sqliteEntrySearch } from './entry-search-sqlite.ts';

export * from './entry-search-plan.ts';

/**
 * The full-text index of journal entries (migration 0012), one implementation per database:
 * FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL. Both hold the same words
 * (search-text.ts), so both match the same entries. The index holds every entry, locked ones
 * too; it only answers "which entry ids match these words", as a condition on `entries.id`, and
 * the caller applies visibility (visibility/entry-visibility.ts) in the same query, so a change
 * of security or of someone's access takes effect at once, whatever the index holds.
 */
export interface EntrySearchIndex {
  upsert(db: DB, doc: EntrySearchDoc): Promise<void>;
  remove(db: DB, entryId: number): Promise<void>;
  /** A condition on `entries.id`: the entry's indexed words match the plan. */
  matches(plan: EntrySearchPlan): Expression<SqlBool>;
}

export function entrySearchIndex(dialect: Dialect): EntrySearchIndex {
  return dialect === 'postgres' ? postgresEntrySearch : sqliteEntrySearch;
}
