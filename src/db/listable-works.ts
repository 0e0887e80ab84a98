import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, SqliteAdapter } from 'kysely';
import type { DB } from './connect.ts';

// The listable works (visibility.ts, listableWorks: posted and not hidden) counted and listed
// through their partial index, `works_listable_idx` (migration 0014). SQLite's planner does not
// pick a partial index for a plain count (it weighs a scan of the index like a scan of the table,
// and the statistics `PRAGMA optimize` samples can make `works_revised_idx` look selective for
// `posted = 1`): at a million works that read every row, 1–3.6 s with the process held. So SQLite is
// told which index to use; PostgreSQL's planner needs no hint. The condition is written as literals,
// the partial index's own terms, so either planner can prove the index applies.

const LISTABLE = sql`posted = 1 and hidden_at is null`;

function listable(db: DB) {
  return db.getExecutor().adapter instanceof SqliteAdapter
    ? sql`works indexed by works_listable_idx`
    : sql`works`;
}

/** How many works are listable. */
export async function countListableWorks(db: DB): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*) as n from ${listable(db)} where ${LISTABLE}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The listable works' ids, ascending, read `page` at a time with a turn of the event loop between
 * pages: in one read, a million rows held ~150 MB and the process for ~2 s. Pages are not one
 * snapshot: a work may change between them (the caller checks what it concludes from the list).
 */
export async function listableWorkIds(db: DB, page = 50_000): Promise<Int32Array> {
  const pages: number[][] = [];
  let total = 0;
  for (let after = 0; ;) {
    const ids = await listableIdsAfter(db, after, page);
    pages.push(ids);
    total += ids.length;
    if (ids.length < page) break;
    after = ids[ids.length - 1]!;
    await nextTurn();
  }
  const all = new Int32Array(total);
  let at = 0;
  for (const ids of pages) {
    all.set(ids, at);
    at += ids.length;
  }
  return all;
}

/** Up to `limit` listable works' ids above `after`, ascending: a range of the partial index. */
export async function listableIdsAfter(db: DB, after: number, limit: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select id from ${listable(db)} where ${LISTABLE} and id > ${after} order by id limit ${limit}`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

/** Which of these works are listable, ascending (`ids` ascending). */
export async function listableAmong(db: DB, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    select id from ${listable(db)} where ${LISTABLE} and id in (${sql.join(ids)}) order by id`.execute(db);
  return rows.map((r) => r.id);
}
