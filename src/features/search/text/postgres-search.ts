import { sql } from 'kysely';
import type { DB } from '../../../db/connect.ts';
import {
  alignScores,
  hasRequiredText,
  MAX_TEXT_MATCHES,
  noHits,
  RANKING,
  type SearchHits,
  type SearchOptions,
  textPlan,
} from './search-plan.ts';
import type { SearchProvider } from './search-provider.ts';
import { tsvectorTexts } from './postgres-tsvector.ts';

/**
 * PostgreSQL: `work_search` (migration 0006) holds per work a weighted tsvector `document`
 * (A title, B tags and creators, C summary and notes, D body; GIN-indexed) and plain tsvectors
 * of the tags and of the creators, which tell tag: from creator: (both are B in `document`).
 * The 'simple' configuration: no stemming or stop words, since works are in any language;
 * words arrive already folded (search-text.ts) so PostgreSQL's locale plays no part.
 * Ranked with ts_rank_cd (weights 0.1 D, 0.2 C, 0.4 B, 1.0 A). `head` (migration 0013) is
 * `document` without the body (A, B and C), GIN-indexed too, for ranking large results (RANKING in
 * search-plan.ts): ts_rank_cd reads and de-TOASTs each document it scores, ~40 µs a work here.
 */
const EXACT_UP_TO = 1_000;

/** A phrase as a tsquery operand: quoted (search words hold only letters and digits). */
export const tsqueryOperand = (words: string[], weight = '') =>
  `'${words.join(' ').replaceAll('\\', '\\\\').replaceAll("'", "''")}'${weight}`;

const both = (parts: string[]) => parts.join(' & ');

/**
 * The tsquery texts (passed as parameters to to_tsquery) for `document`, `tags` and `creators`, and
 * `head`: any required part, for ranking by the head fields.
 */
export function tsqueries(plan: ReturnType<typeof textPlan>) {
  const required = [
    ...plan.anywhere.map((w) => tsqueryOperand(w)),
    ...plan.title.map((w) => tsqueryOperand(w, ':A')),
    ...plan.tags.map((w) => tsqueryOperand(w, ':B')),
    ...plan.creators.map((w) => tsqueryOperand(w, ':B')),
  ];
  const document = [...required, ...plan.excluded.map((w) => `!${tsqueryOperand(w)}`)];
  return {
    document: both(document),
    head: required.join(' | '),
    tags: plan.tags.length ? both(plan.tags.map((w) => tsqueryOperand(w))) : null,
    creators: plan.creators.length ? both(plan.creators.map((w) => tsqueryOperand(w))) : null,
  };
}

/**
 * Runs a match through the GIN indexes. For a word in most works the planner prefers a sequential
 * scan of `work_search`, whose cost model does not count reading each TOASTed document to test
 * `@@` (1.7 s for "know" at 100,000 works, 549,376 buffers); the GIN index answers a plain-term
 * match without reading any document. `set local` lasts only for this transaction; inside a
 * caller's transaction the planner is left to choose.
 */
async function throughIndexes<T>(db: DB, run: (db: DB) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return run(trx);
  });
}

export const postgresSearch: SearchProvider = {
  async upsert(db, doc) {
    const text = tsvectorTexts(doc);
    await sql`
      insert into work_search (work_id, document, tags, creators, head)
      select ${doc.workId},
        head || setweight(to_tsvector('simple', ${text.body}), 'D'),
        to_tsvector('simple', ${text.tags}),
        to_tsvector('simple', ${text.creators}),
        head
      from (select setweight(to_tsvector('simple', ${text.title}), 'A')
          || setweight(to_tsvector('simple', ${text.tagsAndCreators}), 'B')
          || setweight(to_tsvector('simple', ${text.summaryAndNotes}), 'C') as head) as parts
      where exists (select 1 from works where id = ${doc.workId})
      on conflict (work_id) do update
        set document = excluded.document, tags = excluded.tags, creators = excluded.creators,
          head = excluded.head
    `.execute(db);
  },

  async remove(db, workId) {
    await sql`delete from work_search where work_id = ${workId}`.execute(db);
  },

  async search(db: DB, query, options: SearchOptions = {}): Promise<SearchHits> {
    const plan = textPlan(query);
    if (plan.impossible) return noHits(options);
    if (!hasRequiredText(plan) && plan.excluded.length === 0) return noHits(options);
    const q = tsqueries(plan);
    const conditions = [sql`document @@ to_tsquery('simple', ${q.document})`];
    if (q.tags) conditions.push(sql`tags @@ to_tsquery('simple', ${q.tags})`);
    if (q.creators) conditions.push(sql`creators @@ to_tsquery('simple', ${q.creators})`);
    // One JSON array rather than a row per id (tens of thousands of them).
    const matched = await throughIndexes(db, (trx) =>
      sql<{ ids: number[] }>`
        select coalesce(json_agg(work_id), '[]'::json) as ids from (
          select work_id from work_search where ${sql.join(conditions, sql` and `)}
          limit ${MAX_TEXT_MATCHES}) as found`.execute(trx),
    );
    const ids = matched.rows[0]?.ids ?? [];
    if (!options.rank) return { ids };
    if (!hasRequiredText(plan) || ids.length === 0) return { ids, scores: ids.map(() => 0) };
    const exact = ids.length <= (options.exactUpTo ?? EXACT_UP_TO);
    const headLimit = options.headScoredUpTo ?? RANKING.headScoredUpTo;
    // Head matches are among `ids`: only more matches than the limit can mean too many head ones.
    if (!exact && ids.length > headLimit) {
      const heads = await throughIndexes(db, (trx) =>
        sql<{ n: string }>`
          select count(*) as n from work_search where head @@ to_tsquery('simple', ${q.head})`.execute(trx),
      );
      if (Number(heads.rows[0]?.n ?? 0) > headLimit) return { ids, scores: ids.map(() => 0) };
    }
    const scored = exact
      ? sql<{ id: number; score: number }>`
          select work_id as id, ts_rank_cd(document, to_tsquery('simple', ${q.document}))::float8 as score
          from work_search where work_id = any(${ids}::integer[])`
      : sql<{ id: number; score: number }>`
          select work_id as id, ts_rank_cd(head, to_tsquery('simple', ${q.head}))::float8 as score
          from work_search where head @@ to_tsquery('simple', ${q.head})`;
    const scores = new Map((await scored.execute(db)).rows.map((r) => [r.id, r.score]));
    return { ids, scores: alignScores(ids, scores) };
  },

  async prune(db) {
    await sql`
      delete from work_search where not exists (
        select 1 from works where works.id = work_search.work_id and posted = 1 and hidden_at is null)
    `.execute(db);
  },
};
