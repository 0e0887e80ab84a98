// The engine's semantics written the obvious way (arrays, filter, sort): the oracle the randomized test
// compares WorkIndex against. Not used at run time.

import { normalizeKey } from './sort-keys.ts';
import { FACET_TYPES, type FacetType, type WorkDoc, type WorkQuery, type WorkResult } from './types.ts';

const valid = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 0x7fffffff;
const num = (v: unknown, fallback: number) => (typeof v === 'number' && !Number.isNaN(v) ? v : fallback);
const clamp = (v: unknown, lo: number, hi: number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.floor(v))) : fallback;

/** The comparison bytes of a title or name: normalized, UTF-8, cut at 64 bytes on a character boundary. */
function keyBytes(text: string): Buffer {
  const bytes = Buffer.from(normalizeKey(text));
  if (bytes.length <= 64) return bytes;
  let end = 64;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

export function naiveQuery(docs: Iterable<WorkDoc>, types: Map<number, FacetType>, q: WorkQuery): WorkResult {
  const include = (q.include ?? []).filter(valid);
  const exclude = (q.exclude ?? []).filter(valid);
  const creators = (q.creators ?? []).filter(valid);
  const blocked = (q.excludeCreators ?? []).filter(valid);
  const [wFrom, wTo] = [num(q.wordsFrom, -Infinity), num(q.wordsTo, Infinity)];
  const [uFrom, uTo] = [num(q.updatedFrom, -Infinity), num(q.updatedTo, Infinity)];
  const language = typeof q.language === 'string' ? q.language.trim().toLowerCase() : '';
  let within: Map<number, number> | null = null;
  if (q.within) {
    within = new Map();
    const ids = q.within.ids;
    for (let i = 0; i < ids.length; i++) {
      let score = q.within.scores ? Number(q.within.scores[i]) : ids.length - i;
      if (Number.isNaN(score)) score = -Infinity;
      within.set(ids[i]!, Math.max(within.get(ids[i]!) ?? -Infinity, score));
    }
  }
  const matches = [...docs].filter((d) => {
    const tags = new Set(d.tags);
    if (!include.every((t) => tags.has(t))) return false;
    if (exclude.some((t) => tags.has(t))) return false;
    if (creators.length > 0 && !d.creators.some((c) => creators.includes(c))) return false;
    if (d.creators.some((c) => blocked.includes(c))) return false;
    if (q.crossover === 'exclude' && d.fandomCount > 1) return false;
    if (q.crossover === 'only' && d.fandomCount <= 1) return false;
    if (q.complete !== undefined && d.complete !== q.complete) return false;
    if (d.words < wFrom || d.words > wTo || d.revisedAt < uFrom || d.revisedAt > uTo) return false;
    if (language && d.language.toLowerCase() !== language) return false;
    if (q.guest === true && d.restricted) return false;
    return within === null || within.has(d.id);
  });

  const sort = q.sort === 'relevance' && !within ? 'updated' : (q.sort ?? 'updated');
  const desc = q.direction ? q.direction === 'desc' : sort !== 'title' && sort !== 'creator';
  const numeric: Record<string, (d: WorkDoc) => number> = {
    updated: (d) => d.revisedAt,
    posted: (d) => d.publishedAt,
    words: (d) => d.words,
    hits: (d) => d.hits,
    kudos: (d) => d.kudos,
    comments: (d) => d.comments,
    bookmarks: (d) => d.bookmarks,
    relevance: (d) => within!.get(d.id)!,
  };
  matches.sort((a, b) => {
    let c: number;
    if (sort === 'title' || sort === 'creator') {
      const field = sort === 'title' ? 'title' : 'creatorName';
      c = Buffer.compare(keyBytes(a[field]), keyBytes(b[field]));
    } else {
      const [x, y] = [numeric[sort]!(a), numeric[sort]!(b)];
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    if (c !== 0) return desc ? -c : c;
    return b.id - a.id;
  });

  const page = clamp(q.page, 1, Number.MAX_SAFE_INTEGER, 1);
  const perPage = clamp(q.perPage, 1, 100, 20);
  const limit = clamp(q.facetLimit, 0, 100, 10);
  const facets = Object.fromEntries(FACET_TYPES.map((t) => [t, [] as { tag: number; count: number }[]]));
  if (limit > 0) {
    const counts = new Map<number, number>();
    for (const d of matches) for (const t of new Set(d.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [tag, count] of counts) {
      const type = types.get(tag);
      if (type) facets[type]!.push({ tag, count });
    }
    for (const type of FACET_TYPES) {
      facets[type] = facets[type]!.sort((a, b) => b.count - a.count || a.tag - b.tag).slice(0, limit);
    }
  }
  const offset = (page - 1) * perPage;
  return {
    total: matches.length,
    page,
    ids: matches.slice(offset, offset + perPage).map((d) => d.id),
    facets: facets as WorkResult['facets'],
  };
}

/** How many of `docs` carry `tag` (guest: and are not restricted): what WorkIndex.tagCount answers. */
export function naiveTagCount(docs: Iterable<WorkDoc>, tag: number, guest: boolean): number {
  let n = 0;
  for (const d of docs) if ((!guest || !d.restricted) && d.tags.filter(valid).includes(tag)) n++;
  return n;
}
