import { type RawBuilder, sql } from 'kysely';
import type { DB } from '../../../db/connect.ts';
import {
  alignScores,
  MAX_TEXT_MATCHES,
  noHits,
  RANKING,
  type SearchDoc,
  type SearchHits,
  type SearchOptions,
  textPlan,
} from './search-plan.ts';
import type { SearchProvider } from './search-provider.ts';
import { searchWords } from './search-text.ts';

/**
 * SQLite: the FTS5 table `work_search` (migration 0006), rowid = work id, holding each field's
 * search words (search-text.ts) so FTS5 sees text already folded exactly as queries are.
 * Ranked by bm25 with per-column weights, in column order below: a title match counts most,
 * then tags and creators, then summary and notes, then the body.
 */
const BM25_WEIGHTS = sql`10.0, 2.0, 2.0, 5.0, 4.0, 1.0`;

/** Matches scored over every field when there are at most this many (bm25 costs ~1 µs a match). */
const EXACT_UP_TO = 10_000;

/** The fields scored when there are more (see RANKING in search-plan.ts). */
const HEAD = `{${RANKING.headFields.join(' ')}}`;

const words = (text: string) => searchWords(text).join(' ');

/**
 * A phrase as an FTS5 string: always quoted, so no user text is ever read as FTS5 syntax
 * (NEAR, OR, *, ^, column filters). Search words hold only letters and digits; quotes are
 * doubled anyway.
 */
export const fts5Phrase = (words: string[]) => `"${words.join(' ').replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expressions of a plan: `match`, the whole query (null when it only excludes);
 * `excluded`, its exclusions (or null); `head`, any of its required parts in the head fields (for
 * ranking large results, see RANKING).
 */
export function matchExpressions(plan: ReturnType<typeof textPlan>) {
  const parts = [
    ...plan.anywhere.map(fts5Phrase),
    ...plan.title.map((w) => `title : ${fts5Phrase(w)}`),
    ...plan.tags.map((w) => `tags : ${fts5Phrase(w)}`),
    ...plan.creators.map((w) => `creators : ${fts5Phrase(w)}`),
  ];
  const required = parts.length ? parts.join(' AND ') : null;
  const excluded = plan.excluded.length ? plan.excluded.map(fts5Phrase).join(' OR ') : null;
  return {
    excluded,
    match: required && excluded ? `(${required}) NOT (${excluded})` : required,
    head: parts.length ? `${HEAD} : (${parts.join(' OR ')})` : null,
  };
}

/** Does a required part have more than one word (a phrase, whose positions must be matched)? */
const hasPhrase = (plan: ReturnType<typeof textPlan>) =>
  [...plan.anywhere, ...plan.title, ...plan.tags, ...plan.creators].some((words) => words.length > 1);

/**
 * The ids a query selects (as `id`), gathered into one JSON array by SQLite: tens of thousands of
 * ids arrive in one string that JSON.parse reads natively, rather than as one row object each
 * (35 → 18 ms for 75,000 ids).
 */
async function idsOf(db: DB, query: RawBuilder<{ id: number }>): Promise<number[]> {
  const { rows } = await sql<{ ids: string }>`select json_group_array(id) as ids from (${query})`.execute(db);
  return JSON.parse(rows[0]?.ids ?? '[]') as number[];
}

const matching = (match: string) =>
  sql<{
    id: number;
  }>`select rowid as id from work_search where work_search match ${match} limit ${MAX_TEXT_MATCHES}`;

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

  async search(db: DB, query, options: SearchOptions = {}): Promise<SearchHits> {
    const plan = textPlan(query);
    if (plan.impossible) return noHits(options);
    const { match, excluded, head } = matchExpressions(plan);
    if (!match) {
      if (!excluded) return noHits(options);
      const ids = await idsOf(
        db,
        sql<{ id: number }>`
        select rowid as id from work_search
        where rowid not in (select rowid from work_search where work_search match ${excluded})
        limit ${MAX_TEXT_MATCHES}`,
      );
      return options.rank ? { ids, scores: ids.map(() => 0) } : { ids };
    }
    if (!options.rank) return { ids: await idsOf(db, matching(match)) };
    const budget = options.exactUpTo ?? EXACT_UP_TO;
    const scored = async (expression: string, limit = MAX_TEXT_MATCHES) => {
      const { rows } = await sql<{ id: number; score: number }>`
        select rowid as id, -bm25(work_search, ${BM25_WEIGHTS}) as score
        from work_search where work_search match ${expression} limit ${limit}`.execute(db);
      return rows;
    };
    const all = (rows: { id: number; score: number }[]) => ({
      ids: rows.map((r) => r.id),
      scores: rows.map((r) => r.score),
    });
    // Counting words walks their doclists (~2 ms); a phrase's positions must be matched, a pass
    // as costly as finding its works, and bm25 makes one more for the phrase's frequency, for the
    // head fields too. So a phrase is found first; with more matches than the budget its works
    // stay unscored (newest first): scoring would cost two more passes, ~80 ms each for "of the".
    if (hasPhrase(plan)) {
      const ids = await idsOf(db, matching(match));
      if (ids.length > budget) return { ids, scores: ids.map(() => 0) };
      return all(await scored(match));
    }
    const count = async (expression: string) => {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from work_search where work_search match ${expression}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    };
    if ((await count(match)) <= budget) return all(await scored(match));
    const ids = await idsOf(db, matching(match));
    // Head matches are among `ids`: only more matches than the limit can mean too many head ones.
    const headLimit = options.headScoredUpTo ?? RANKING.headScoredUpTo;
    if (ids.length > headLimit && (await count(head!)) > headLimit) return { ids, scores: ids.map(() => 0) };
    const heads = new Map((await scored(head!)).map((r) => [r.id, r.score]));
    return { ids, scores: alignScores(ids, heads) };
  },

  async prune(db) {
    await sql`
      delete from work_search where rowid not in (
        select id from works where posted = 1 and hidden_at is null)
    `.execute(db);
  },
};
