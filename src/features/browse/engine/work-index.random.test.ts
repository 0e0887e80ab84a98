// Randomized agreement test: seeded random archives, updates and queries (including bad input), with
// every result compared against the naive reference (naive-reference.ts). Deterministic: fixed seeds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { naiveQuery, naiveTagCount } from './naive-reference.ts';
import { FACET_TYPES, type FacetType, type WorkDoc, type WorkQuery } from './types.ts';
import { WorkIndex } from './work-index.ts';

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, items: readonly T[]): T => items[int(r, items.length)]!;
/** Skewed towards the front: a few popular items, a long tail. */
const skewed = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(items.length * r() ** 2.5)]!;

function distinctIds(r: Rng, n: number, max: number): number[] {
  const ids = new Set<number>();
  while (ids.size < n) ids.add(r() < 0.7 ? 1 + int(r, n * 3) : 1 + int(r, max));
  return [...ids];
}

const CHARS = 'abcdeABCDE  éÉ文🙂-';
const text = (r: Rng) =>
  Array.from({ length: r() < 0.1 ? 40 + int(r, 40) : 1 + int(r, 8) }, () => pick(r, [...CHARS])).join('');

function makeDoc(r: Rng, id: number, tags: number[], creators: number[]): WorkDoc {
  return {
    id,
    tags: Array.from({ length: 2 + int(r, 9) }, () => skewed(r, tags)),
    fandomCount: pick(r, [0, 1, 1, 1, 2, 3]),
    creators: Array.from({ length: 1 + (r() < 0.2 ? 1 : 0) }, () => skewed(r, creators)),
    complete: r() < 0.6,
    restricted: r() < 0.2,
    words: int(r, 5) * 1000 + int(r, 3),
    revisedAt: 1000 + int(r, 50),
    publishedAt: 500 + int(r, 50),
    language: pick(r, ['en', 'en', 'EN', 'pt-BR', 'es', '']),
    hits: int(r, 20),
    kudos: int(r, 10),
    comments: int(r, 5),
    bookmarks: int(r, 5),
    title: text(r),
    creatorName: text(r),
  };
}

function randomQuery(r: Rng, tags: number[], creators: number[], ids: number[]): WorkQuery {
  const q: WorkQuery = {};
  const some = (pool: number[], max: number) =>
    Array.from({ length: 1 + int(r, max) }, () => skewed(r, pool));
  if (r() < 0.6) q.include = some(tags, 2);
  if (r() < 0.4) q.exclude = r() < 0.1 ? some([...tags, 77, 0, -3], 40) : some(tags, 3);
  if (r() < 0.15) q.creators = some(creators, 2);
  if (r() < 0.15) q.excludeCreators = some(creators, 2);
  if (r() < 0.3) q.crossover = pick(r, ['include', 'exclude', 'only'] as const);
  if (r() < 0.3) q.complete = r() < 0.5;
  if (r() < 0.2) q.wordsFrom = pick(r, [0, 1000, 2500, NaN, -5]);
  if (r() < 0.2) q.wordsTo = pick(r, [1000, 3001, 4002, NaN, Infinity]);
  if (r() < 0.2) q.updatedFrom = 1000 + int(r, 50);
  if (r() < 0.2) q.updatedTo = r() < 0.1 ? NaN : 1000 + int(r, 50);
  if (r() < 0.2) q.language = pick(r, ['en', 'pt-br', 'ES', 'fr', '']);
  if (r() < 0.5) q.guest = true;
  if (r() < 0.2) {
    const within = Array.from({ length: int(r, 300) }, () => (r() < 0.9 ? pick(r, ids) : int(r, 1e9)));
    q.within = r() < 0.6 ? { ids: within, scores: within.map(() => int(r, 20) / 4) } : { ids: within };
  }
  if (r() < 0.8) {
    const sorts = [
      'updated',
      'posted',
      'title',
      'creator',
      'words',
      'hits',
      'kudos',
      'comments',
      'bookmarks',
    ];
    q.sort = pick(r, [...sorts, 'relevance', 'relevance'] as const) as WorkQuery['sort'];
  }
  if (r() < 0.4) q.direction = r() < 0.5 ? 'asc' : 'desc';
  if (r() < 0.5) q.page = pick(r, [1, 2, 3, 7, 0, -2, 2.5, NaN, 1e9]);
  if (r() < 0.5) q.perPage = pick(r, [1, 5, 20, 100, 0, 10_000]);
  if (r() < 0.1) [q.page, q.perPage] = [1 + int(r, 40), 100]; // deep pages: past the heap, quickselect
  if (r() < 0.4) q.facetLimit = pick(r, [0, 1, 3, 10, 1000]);
  return q;
}

function scenario(seed: number, denseAfter: number | undefined) {
  const r = prng(seed);
  const index = new WorkIndex(denseAfter === undefined ? {} : { denseAfter });
  const ref = new Map<number, WorkDoc>();
  const types = new Map<number, FacetType>();
  const tags = distinctIds(r, 90, 0x7fffffff);
  const creators = distinctIds(r, 25, 0x7fffffff);
  const setType = (tag: number) => {
    const type = pick(r, FACET_TYPES);
    index.setTagType(tag, type);
    types.set(tag, type);
  };
  for (const tag of tags) if (r() < 0.8) setType(tag);
  const ids = distinctIds(r, 3000, 0x7fffffff);
  const initial = ids.slice(0, 2000).map((id) => makeDoc(r, id, tags, creators));
  index.bulkLoad(initial);
  for (const doc of initial) ref.set(doc.id, doc);
  const check = (q: WorkQuery) =>
    assert.deepEqual(index.query(q), naiveQuery(ref.values(), types, q), JSON.stringify(q));
  const checkCounts = () => {
    for (const tag of [...tags, 77, 0, -3]) {
      for (const guest of [false, true]) {
        assert.equal(index.tagCount(tag, guest), naiveTagCount(ref.values(), tag, guest), `${tag} ${guest}`);
      }
    }
  };
  checkCounts();
  for (let i = 0; i < 150; i++) check(randomQuery(r, tags, creators, ids));
  for (let i = 0; i < 2500; i++) {
    const roll = r();
    const id = pick(r, ids);
    if (roll < 0.55) {
      const doc = makeDoc(r, id, tags, creators);
      index.upsert(doc);
      ref.set(id, doc);
    } else if (roll < 0.95) {
      index.remove(id);
      ref.delete(id);
    } else setType(pick(r, tags));
    if (i % 10 === 0) check(randomQuery(r, tags, creators, ids));
    if (i % 250 === 0) checkCounts();
  }
  checkCounts();
  assert.equal(index.size, ref.size);
  for (const id of ids) assert.equal(index.has(id), ref.has(id));
  for (let i = 0; i < 150; i++) check(randomQuery(r, tags, creators, ids));
}

/** Pages beyond the first 2,048 ranks take the quickselect path instead of the bounded heap. */
function deepPages(seed: number) {
  const r = prng(seed);
  const index = new WorkIndex();
  const tags = distinctIds(r, 12, 1000);
  const creators = distinctIds(r, 5, 1000);
  const docs = distinctIds(r, 6000, 0x7fffffff).map((id) => makeDoc(r, id, tags, creators));
  index.bulkLoad(docs);
  const sorts = ['updated', 'title', 'creator', 'kudos', 'comments'] as const;
  for (let i = 0; i < 40; i++) {
    const q: WorkQuery = {
      sort: pick(r, sorts),
      direction: r() < 0.5 ? 'asc' : 'desc',
      page: 20 + int(r, 45),
      perPage: pick(r, [37, 100]),
      facetLimit: 0,
      guest: r() < 0.3,
    };
    assert.deepEqual(index.query(q), naiveQuery(docs, new Map(), q), JSON.stringify(q));
  }
}

/**
 * Flat tag popularity and long facet lists, so the head/tail pruning of facet counting must count the
 * tail; then one tail tag grows past every head tag through updates.
 */
function headAndTail(seed: number) {
  const r = prng(seed);
  const index = new WorkIndex();
  const types = new Map<number, FacetType>();
  const tags = distinctIds(r, 350, 100_000);
  for (const tag of tags) {
    types.set(tag, pick(r, FACET_TYPES));
    index.setTagType(tag, types.get(tag)!);
  }
  const docs = new Map<number, WorkDoc>();
  for (const id of distinctIds(r, 3000, 0x7fffffff)) {
    docs.set(id, { ...makeDoc(r, id, [1], [1]), tags: Array.from({ length: 6 }, () => pick(r, tags)) });
  }
  index.bulkLoad(docs.values());
  const check = (q: WorkQuery) =>
    assert.deepEqual(index.query(q), naiveQuery(docs.values(), types, q), JSON.stringify(q));
  const broad = (): WorkQuery => ({
    facetLimit: pick(r, [3, 40, 100]),
    guest: r() < 0.5,
    complete: pick(r, [undefined, true, false]),
    wordsFrom: pick(r, [undefined, 1000, 2000]),
  });
  for (let i = 0; i < 30; i++) check(broad());
  const rising = 7; // a tag no work had at load time: numbered after the head
  types.set(rising, 'fandom');
  index.setTagType(rising, 'fandom');
  for (const doc of [...docs.values()].slice(0, 900)) {
    const changed = { ...doc, tags: [...doc.tags, rising] };
    docs.set(doc.id, changed);
    index.upsert(changed);
  }
  for (let i = 0; i < 30; i++) check({ ...broad(), facetLimit: pick(r, [1, 3]) });
}

/** A load ended in steps (browse-index.ts gives other requests a turn between them), and interrupted. */
function steppedLoad(seed: number) {
  const r = prng(seed);
  const tags = distinctIds(r, 40, 1000);
  const creators = distinctIds(r, 8, 1000);
  const ids = distinctIds(r, 2000, 0x7fffffff);
  const docs = ids.map((id) => makeDoc(r, id, tags, creators));
  const loaded = () => {
    const index = new WorkIndex();
    index.beginLoad(docs.length);
    for (const doc of docs) index.add(doc);
    return index;
  };
  const stepped = loaded();
  let steps = 0;
  for (const it = stepped.endLoadSteps(); !it.next().done;) steps++;
  assert.ok(steps >= 5, `the load's end comes in steps (${steps})`);
  for (let i = 0; i < 40; i++) {
    const q = randomQuery(r, tags, creators, ids);
    assert.deepEqual(stepped.query(q), naiveQuery(docs, new Map(), q), JSON.stringify(q));
  }
  // A query (or an update) between two steps finishes the rest first: never a half-finished index.
  const interrupted = loaded();
  const rest = interrupted.endLoadSteps();
  rest.next();
  rest.next();
  const q = randomQuery(r, tags, creators, ids);
  assert.deepEqual(interrupted.query(q), naiveQuery(docs, new Map(), q), JSON.stringify(q));
  assert.equal(rest.next().done, true, 'the query did the rest');
  assert.equal(interrupted.endLoadSteps().next().done, true, 'nothing left to do');
}

describe('WorkIndex agrees with a naive reference', () => {
  it('when its load ends in steps, or is interrupted between them', () => steppedLoad(6));
  it('when facet counting must count the tail, and after a tail tag outgrows the head', () => headAndTail(5));
  it('on deep pages of 6,000 works (quickselect)', () => deepPages(4));
  it('on random archives, updates and queries (default bitset threshold)', () => scenario(1, undefined));
  it('with tiny posting-list → bitset thresholds (bitsets exercised)', () => scenario(2, 8));
  it('on another seed with bitsets', () => scenario(3, 16));
});
