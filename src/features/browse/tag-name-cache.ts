import type { DB } from '../../db/connect.ts';

/**
 * Tag names by id, per database, for the facet lists of listings (seventy names a page) and the
 * tags of listed works. A tag's
 * name never changes once it is created (wrangling makes it canonical or a synonym, links it,
 * gives it a medium; it never renames it) and tags are never deleted, so a name read once stays
 * exact; only ids not seen yet are read, in one query.
 */
const names = new WeakMap<DB, Map<number, string>>();
/** Names kept per database; the oldest go first. */
const KEPT = 50_000;

function keptFor(db: DB): Map<number, string> {
  let kept = names.get(db);
  if (!kept) names.set(db, (kept = new Map()));
  return kept;
}

function trim(kept: Map<number, string>) {
  for (const id of kept.keys()) {
    if (kept.size <= KEPT) break;
    kept.delete(id);
  }
}

/**
 * The kept string for a tag's name just read (keeping it if new), so that what holds tag names
 * for long (listing blurbs' decorations) shares one string per tag instead of one per row read.
 */
export function keptTagName(db: DB, id: number, name: string): string {
  const kept = keptFor(db);
  const found = kept.get(id);
  if (found !== undefined) return found;
  kept.set(id, name);
  trim(kept);
  return name;
}

/** The names of these tags (an id with no tag is left out). */
export async function tagNames(db: DB, ids: readonly number[]): Promise<Map<number, string>> {
  const kept = keptFor(db);
  const result = new Map<number, string>();
  const missing: number[] = [];
  for (const id of ids) {
    const name = kept.get(id);
    if (name === undefined) missing.push(id);
    else result.set(id, name);
  }
  if (missing.length === 0) return result;
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', missing).execute();
  for (const row of rows) {
    result.set(row.id, row.name);
    kept.set(row.id, row.name);
  }
  trim(kept);
  return result;
}
