// Query planning: a WorkQuery is normalized into a Plan (bad input clamped or dropped, external ids
// turned into dense indexes), then findMatches() writes every matching slot, ascending, into
// scratch.matches.
//
// The candidate source is the smallest of: each include tag's posting list, the union of the `creators`
// lists, the `within` slots, or every slot the reader may see. Candidates then go through the scalar
// pass (flags, ranges, language, `within`) and the tag pass (other includes, excludes, creators) of
// filters.ts, each only when it has something to test; the source's own guarantee is not re-tested.

import { COMPLETE, CROSSOVER, LIVE, RESTRICTED } from './columns.ts';
import { extractBits, wordsFor } from './bitset.ts';
import { scalarPass, tagPass, type ScalarChecks, type TagChecks } from './filters.ts';
import type { QueryScratch } from './query-scratch.ts';
import { isIndexableId, WORK_SORTS, type WorkQuery, type WorkSort } from './types.ts';
import type { WorkStore } from './work-store.ts';

const SORTS = new Set<WorkSort>(WORK_SORTS);

export interface Plan {
  /** Nothing can match (an unknown include tag, language or creator set; an empty `within`). */
  impossible: boolean;
  include: number[];
  exclude: number[];
  /** Dense creator indexes, or null for no creator filter. */
  creators: number[] | null;
  excludeCreators: number[];
  flagMask: number;
  flagWant: number;
  wordsFrom: number;
  wordsTo: number;
  updatedFrom: number;
  updatedTo: number;
  /** Language code, -1 for any. */
  language: number;
  guest: boolean;
  /** How many slots `within` names (in scratch.within), -1 without `within`. */
  within: number;
  sort: WorkSort;
  desc: boolean;
  page: number;
  perPage: number;
  facetLimit: number;
}

const validIds = (v: unknown): number[] => (Array.isArray(v) ? v.filter(isIndexableId) : []);
const bound = (v: unknown, fallback: number): number =>
  typeof v === 'number' && !Number.isNaN(v) ? v : fallback;
const clampInt = (v: unknown, lo: number, hi: number, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.floor(v))) : fallback;

/** Dense indexes of `ids` known to `lookup`, without repeats; `missing` counts the unknown ones. */
function resolve(ids: number[], lookup: (id: number) => number): { found: number[]; missing: number } {
  const found = new Set<number>();
  let missing = 0;
  for (const id of ids) {
    const index = lookup(id);
    if (index < 0) missing++;
    else found.add(index);
  }
  return { found: [...found], missing };
}

export function planQuery(store: WorkStore, query: WorkQuery | undefined, scratch: QueryScratch): Plan {
  const q: WorkQuery = query && typeof query === 'object' ? query : {};
  const tags = (id: number) => store.tags.lookup(id);
  const creatorsOf = (id: number) => store.creators.lookup(id);
  const include = resolve(validIds(q.include), tags);
  const wanted = validIds(q.creators);
  const creators = resolve(wanted, creatorsOf);
  let flagMask = 0;
  let flagWant = 0;
  if (q.crossover === 'exclude' || q.crossover === 'only') flagMask |= CROSSOVER;
  if (q.crossover === 'only') flagWant |= CROSSOVER;
  if (q.complete === true || q.complete === false) flagMask |= COMPLETE;
  if (q.complete === true) flagWant |= COMPLETE;
  const guest = q.guest === true;
  if (guest) flagMask |= RESTRICTED;
  let language = -1;
  if (typeof q.language === 'string' && q.language.trim() !== '') {
    language = store.cols.languageCode(q.language, false);
  }
  let sort: WorkSort = SORTS.has(q.sort as WorkSort) ? (q.sort as WorkSort) : 'updated';
  const hasWithin = q.within != null && typeof q.within === 'object';
  if (sort === 'relevance' && !hasWithin) sort = 'updated';
  const ascending = sort === 'title' || sort === 'creator';
  const plan: Plan = {
    impossible: include.missing > 0 || (wanted.length > 0 && creators.found.length === 0),
    include: include.found,
    exclude: resolve(validIds(q.exclude), tags).found,
    creators: wanted.length > 0 ? creators.found : null,
    excludeCreators: resolve(validIds(q.excludeCreators), creatorsOf).found,
    flagMask,
    flagWant,
    wordsFrom: bound(q.wordsFrom, -Infinity),
    wordsTo: bound(q.wordsTo, Infinity),
    updatedFrom: bound(q.updatedFrom, -Infinity),
    updatedTo: bound(q.updatedTo, Infinity),
    language,
    guest,
    within: hasWithin ? scratch.prepareWithin(store, q.within!, sort === 'relevance') : -1,
    sort,
    desc: q.direction === 'asc' ? false : q.direction === 'desc' ? true : !ascending,
    page: clampInt(q.page, 1, Number.MAX_SAFE_INTEGER, 1),
    perPage: clampInt(q.perPage, 1, 100, 20),
    facetLimit: clampInt(q.facetLimit, 0, 100, 10),
  };
  if (typeof q.language === 'string' && q.language.trim() !== '' && language < 0) plan.impossible = true;
  if (plan.within === 0) plan.impossible = true;
  return plan;
}

/** Writes the matching slots of `plan`, ascending, into scratch.matches; returns how many. */
export function findMatches(store: WorkStore, plan: Plan, scratch: QueryScratch): number {
  const { cols, tagPosts, creatorPosts } = store;
  scratch.fit(store);
  // ---- Source: the smallest candidate set ----
  let best = plan.guest ? cols.publicCount : cols.liveCount;
  let source: 'all' | 'tag' | 'creators' | 'within' = 'all';
  let sourceTag = -1;
  for (const t of plan.include) {
    const size = tagPosts.size(t);
    if (size < best) [best, source, sourceTag] = [size, 'tag', t];
  }
  if (plan.creators) {
    let size = 0;
    for (const c of plan.creators) size += creatorPosts.size(c);
    if (size < best) [best, source, sourceTag] = [size, 'creators', -1];
  }
  if (plan.within >= 0 && plan.within <= best) [best, source, sourceTag] = [plan.within, 'within', -1];
  if (best === 0) return 0;

  // ---- What the source does not already guarantee ----
  const scalar: ScalarChecks = {
    flagMask: plan.flagMask,
    flagWant: plan.flagWant,
    words: plan.wordsFrom > -Infinity || plan.wordsTo < Infinity,
    updated: plan.updatedFrom > -Infinity || plan.updatedTo < Infinity,
    within: plan.within >= 0 && source !== 'within',
  };
  const tags: TagChecks = {
    includeBits: [],
    excludeBits: [],
    includeList: [],
    excludeList: [],
    creators: source === 'creators' ? null : plan.creators,
    excludeCreators: plan.excludeCreators,
  };
  for (const t of plan.include) {
    const bits = tagPosts.bits(t);
    if (t === sourceTag) continue;
    if (bits) tags.includeBits.push(bits);
    else tags.includeList.push(t);
  }
  for (const t of plan.exclude) {
    const bits = tagPosts.bits(t);
    if (bits) tags.excludeBits.push(bits);
    else tags.excludeList.push(t);
  }
  const tagsNeeded =
    tags.includeBits.length + tags.excludeBits.length + tags.includeList.length + tags.excludeList.length >
      0 ||
    tags.creators !== null ||
    tags.excludeCreators.length > 0;

  // ---- Candidates, ascending, into `matches` (then filtered in place) ----
  let n: number;
  const out = scratch.matches;
  if (source === 'all') {
    // Scan every slot when a scalar test beyond guest visibility applies (the LIVE flag joins the flags
    // test, nothing is materialized first); otherwise list the visible slots from their bitset.
    const scan = scalar.words || scalar.updated || scalar.within || plan.language >= 0;
    if (scan || (scalar.flagMask & ~RESTRICTED) !== 0) {
      scalar.flagMask |= LIVE;
      scalar.flagWant |= LIVE;
      n = scalarPass(store, plan, scratch, null, cols.hi, scalar);
    } else n = extractBits(plan.guest ? cols.visible : cols.live, wordsFor(cols.hi), out);
    return tagsNeeded ? tagPass(store, scratch, n, tags) : n;
  } else if (source === 'tag') {
    n = tagPosts.appendSlots(sourceTag, out, 0);
  } else if (source === 'within') {
    n = plan.within;
    out.set(scratch.within.subarray(0, n));
  } else {
    // Co-authored works appear in several creators' lists: concatenate, sort, drop repeats.
    const merged = scratch.ensureMatches(best);
    n = 0;
    for (const c of plan.creators!) n = creatorPosts.appendSlots(c, merged, n);
    merged.subarray(0, n).sort();
    let m = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) if (merged[i] !== merged[m - 1]) merged[m++] = merged[i]!;
    n = m;
  }
  if (scalar.flagMask !== 0 || scalar.words || scalar.updated || plan.language >= 0 || scalar.within) {
    n = scalarPass(store, plan, scratch, scratch.matches, n, scalar);
  }
  return tagsNeeded ? tagPass(store, scratch, n, tags) : n;
}
