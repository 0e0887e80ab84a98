/**
 * Ids a statement for look-ups by a list of ids (`where id in (…)`): well under the most either
 * database takes in one statement (SQLite 32,766 variables, PostgreSQL 65,535 parameters).
 */
export const IDS_PER_STATEMENT = 1000;

/** The distinct ids, in their first order, in batches of at most `size`: one statement each. */
export function idBatches(ids: Iterable<number>, size = IDS_PER_STATEMENT): number[][] {
  const distinct = [...new Set(ids)];
  const batches: number[][] = [];
  for (let i = 0; i < distinct.length; i += size) batches.push(distinct.slice(i, i + size));
  return batches;
}
