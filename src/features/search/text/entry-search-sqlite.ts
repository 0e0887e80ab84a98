import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { EntrySearchIndex } from './entry-search.ts';
import { fts5Phrase } from './sqlite-search.ts';
import { type EntrySearchPlan, entrySearchTexts } from './entry-search-plan.ts';

/**
 * SQLite: the FTS5 table `entry_search` (migration 0012), rowid = entry id, columns subject,
 * body, tags and journal holding search words already folded (search-text.ts). A deleted
 * entry's row goes with it (a trigger).
 */

/** The FTS5 MATCH expressions of a plan's required parts and of its exclusions (or null). */
export function entryMatchExpressions(plan: EntrySearchPlan) {
  const required = [
    ...plan.anywhere.map(fts5Phrase),
    ...plan.subject.map((w) => `subject : ${fts5Phrase(w)}`),
    ...plan.tags.map((w) => `tags : ${fts5Phrase(w)}`),
  ];
  return {
    required: required.length ? required.join(' AND ') : null,
    excluded: plan.excluded.length ? plan.excluded.map(fts5Phrase).join(' OR ') : null,
  };
}

const ids = (match: string) => sql`(select rowid from entry_search where entry_search match ${match})`;

export const sqliteEntrySearch: EntrySearchIndex = {
  async upsert(db, doc) {
    const text = entrySearchTexts(doc);
    await sql`delete from entry_search where rowid = ${doc.entryId}`.execute(db);
    await sql`
      insert into entry_search (rowid, subject, body, tags, journal)
      values (${doc.entryId}, ${text.subject}, ${text.body}, ${text.tags}, ${text.journal})
    `.execute(db);
  },

  async remove(db, entryId) {
    await sql`delete from entry_search where rowid = ${entryId}`.execute(db);
  },

  matches(plan) {
    const { required, excluded } = entryMatchExpressions(plan);
    if (plan.impossible || (!required && !excluded)) return sql<SqlBool>`1 = 0`;
    const conditions: RawBuilder<unknown>[] = [];
    if (required) conditions.push(sql`${sql.ref('entries.id')} in ${ids(required)}`);
    if (excluded) conditions.push(sql`${sql.ref('entries.id')} not in ${ids(excluded)}`);
    return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
  },
};
