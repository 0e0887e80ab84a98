import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { EntrySearchIndex } from './entry-search.ts';
import { tsqueryOperand } from './postgres-search.ts';
import { type EntrySearchPlan, entrySearchTexts } from './entry-search-plan.ts';

/**
 * PostgreSQL: `entry_search` (migration 0012) holds per entry one weighted tsvector `document`
 * (A subject, B tags, C journal name, D body; GIN-indexed), removed with the entry. The 'simple'
 * configuration (no stemming or stop words: entries are in any language); words arrive folded
 * (search-text.ts). title: and tag: are the A and B weights.
 */

/** The tsquery texts (passed as parameters to to_tsquery) of the required parts and the exclusions. */
export function entryTsqueries(plan: EntrySearchPlan) {
  const required = [
    ...plan.anywhere.map((w) => tsqueryOperand(w)),
    ...plan.subject.map((w) => tsqueryOperand(w, ':A')),
    ...plan.tags.map((w) => tsqueryOperand(w, ':B')),
  ];
  return {
    required: required.length ? required.join(' & ') : null,
    excluded: plan.excluded.length ? plan.excluded.map((w) => tsqueryOperand(w)).join(' | ') : null,
  };
}

const ids = (query: string) =>
  sql`(select entry_id from entry_search where document @@ to_tsquery('simple', ${query}))`;

export const postgresEntrySearch: EntrySearchIndex = {
  async upsert(db, doc) {
    const text = entrySearchTexts(doc);
    await sql`
      insert into entry_search (entry_id, document)
      select ${doc.entryId},
        setweight(to_tsvector('simple', ${text.subject}), 'A')
          || setweight(to_tsvector('simple', ${text.tags}), 'B')
          || setweight(to_tsvector('simple', ${text.journal}), 'C')
          || setweight(to_tsvector('simple', ${text.body}), 'D')
      where exists (select 1 from entries where id = ${doc.entryId})
      on conflict (entry_id) do update set document = excluded.document
    `.execute(db);
  },

  async remove(db, entryId) {
    await sql`delete from entry_search where entry_id = ${entryId}`.execute(db);
  },

  matches(plan) {
    const { required, excluded } = entryTsqueries(plan);
    if (plan.impossible || (!required && !excluded)) return sql<SqlBool>`1 = 0`;
    const conditions: RawBuilder<unknown>[] = [];
    if (required) conditions.push(sql`${sql.ref('entries.id')} in ${ids(required)}`);
    if (excluded) conditions.push(sql`${sql.ref('entries.id')} not in ${ids(excluded)}`);
    return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
  },
};
