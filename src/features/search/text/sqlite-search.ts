import { sql } from 'kysely';
import type { DB } from '../../../db/connect.ts';
import { noHits, rowLimit, type SearchDoc, type SearchHits, textPlan } from './search-plan.ts';
import type { SearchProvider } from './search-provider.ts';
import { searchWords } from './search-text.ts';

/**
 * SQLite: the FTS5 table `work_search` (migration 0006), rowid = work id, holding each field's
 * search words (search-text.ts) so FTS5 sees text already folded exactly as queries are.
 * Ranked by bm25 with per-column weights, in column order below: a title match counts most,
 * then tags and creators, then summary and notes, then the body.
 */
const BM25_WEIGHTS = sql`10.0, 2.0, 2.0, 5.0, 4.0, 1.0`;

const words = (text: string) => searchWords(text).join(' ');

/**
 * A phrase as an FTS5 string: always quoted, so no user text is ever read as FTS5 syntax
 * (NEAR, OR, *, ^, column filters). Search words hold only letters and digits; quotes are
 * doubled anyway.
 */
const phrase = (words: string[]) => `"${words.join(' ').replaceAll('"', '""')}"`;

/** The FTS5 MATCH expression of a plan's required parts, and of its exclusions (or null). */
export function matchExpressions(plan: ReturnType<typeof textPlan>) {
  const required = [
    ...plan.anywhere.map(phrase),
    ...plan.title.map((w) => `title : ${phrase(w)}`),
    ...plan.tags.map((w) => `tags : ${phrase(w)}`),
    ...plan.creators.map((w) => `creators : ${phrase(w)}`),
  ];
  return {
    required: required.length ? required.join(' AND ') : null,
    excluded: plan.excluded.length ? plan.excluded.map(phrase).join(' OR ') : null,
  };
}

export const sqliteSearch: SearchProvider = {
  async upsert(db, doc: SearchDoc) {
    await sql`delete from work_search where rowid = ${doc.workId}`.execute(db);
    await sql`
      insert into work_search (rowid, title, summary, notes, tags, creators, body)
      values (${doc.workId}, ${words(doc.title)}, ${words(doc.summary)}, ${words(doc.notes)},
        ${doc.tags.map(words).join(' ')}, ${doc.creators.map(words).join(' ')}, ${words(doc.body)})
    `.execute(db);
  },

  async remove(db, workId) {
    await sql`delete from work_search where rowid = ${workId}`.execute(db);
  },

  async search(db: DB, query, limit): Promise<SearchHits> {
    const plan = textPlan(query);
    const rows = rowLimit(limit);
    if (plan.impossible || rows === 0) return noHits();
    const { required, excluded } = matchExpressions(plan);
    let result;
    if (required) {
      const match = excluded ? `(${required}) NOT (${excluded})` : required;
      result = await sql<{ id: number; score: number }>`
        select rowid as id, -bm25(work_search, ${BM25_WEIGHTS}) as score
        from work_search where work_search match ${match}
        order by score desc, rowid desc limit ${rows}
      `.execute(db);
    } else if (excluded) {
      result = await sql<{ id: number; score: number }>`
        select rowid as id, 0 as score from work_search
        where rowid not in (select rowid from work_search where work_search match ${excluded})
        order by rowid desc limit ${rows}
      `.execute(db);
    } else {
      return noHits();
    }
    return { ids: result.rows.map((r) => r.id), scores: result.rows.map((r) => r.score) };
  },

  async prune(db) {
    await sql`
      delete from work_search where rowid not in (
        select id from works where posted = 1 and hidden_at is null)
    `.execute(db);
  },
};
