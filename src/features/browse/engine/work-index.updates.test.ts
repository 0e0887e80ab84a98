// Updates: upsert replacing a work (tags, visibility, sort keys), remove, slot reuse, bulk load, bad input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkDoc, WorkQuery } from './types.ts';
import { WorkIndex } from './work-index.ts';

function work(id: number, tags: number[], extra: Partial<WorkDoc> = {}): WorkDoc {
  return {
    id,
    tags,
    fandomCount: 1,
    creators: [1],
    complete: true,
    restricted: false,
    words: 1000,
    revisedAt: id * 10,
    publishedAt: id,
    language: 'en',
    hits: 0,
    kudos: 0,
    comments: 0,
    bookmarks: 0,
    title: `Work ${id}`,
    creatorName: 'writer',
    ...extra,
  };
}

/** Fandoms 101, 102 · freeforms 401, 402 · rating 1. */
function small(): WorkIndex {
  const index = new WorkIndex();
  index.setTagType(1, 'rating');
  index.setTagType(101, 'fandom');
  index.setTagType(102, 'fandom');
  index.setTagType(401, 'freeform');
  index.setTagType(402, 'freeform');
  index.bulkLoad([work(1, [1, 101, 401]), work(2, [1, 101]), work(3, [1, 102, 402]), work(4, [102])]);
  return index;
}
const ids = (index: WorkIndex, q: WorkQuery = {}) => index.query(q).ids;

describe('WorkIndex updates', () => {
  it('upsert replaces a work: tags, counts, visibility, sort keys', () => {
    const index = small();
    assert.deepEqual(ids(index, { include: [101] }), [2, 1]);
    index.upsert(work(1, [102, 402, 402, 0, -4, 1.5], { restricted: true, title: 'aaa', revisedAt: 1 }));
    assert.deepEqual(ids(index, { include: [101] }), [2]);
    assert.deepEqual(ids(index, { include: [102] }), [4, 3, 1]);
    assert.deepEqual(ids(index, { include: [102], guest: true }), [4, 3]);
    assert.deepEqual(index.query({}).facets.fandom, [
      { tag: 102, count: 3 },
      { tag: 101, count: 1 },
    ]);
    assert.deepEqual(index.query({ guest: true }).facets.freeform, [{ tag: 402, count: 1 }]);
    assert.deepEqual(ids(index, { sort: 'title' }), [1, 2, 3, 4]);
    index.upsert(work(1, [1, 101, 401]));
    assert.deepEqual(ids(index, { include: [101] }), [2, 1]);
    assert.deepEqual(index.query({ guest: true }).facets.rating, [{ tag: 1, count: 3 }]);
    assert.equal(index.size, 4);
  });

  it('upsert adds new works, including tags never seen before', () => {
    const index = small();
    index.upsert(work(10, [101, 777]));
    index.setTagType(777, 'character');
    assert.equal(index.size, 5);
    assert.ok(index.has(10));
    assert.deepEqual(ids(index, { include: [777] }), [10]);
    assert.deepEqual(index.query({ include: [101] }).facets.character, [{ tag: 777, count: 1 }]);
    index.setTagType(777, 'freeform');
    assert.deepEqual(index.query({ include: [777] }).facets.freeform, [{ tag: 777, count: 1 }]);
  });

  it('remove makes a work invisible to every query and count', () => {
    const index = small();
    index.remove(3);
    index.remove(3);
    index.remove(999);
    index.remove(-1);
    assert.equal(index.size, 3);
    assert.equal(index.has(3), false);
    assert.deepEqual(ids(index), [4, 2, 1]);
    assert.deepEqual(ids(index, { include: [402] }), []);
    assert.deepEqual(index.query({}).facets.freeform, [{ tag: 401, count: 1 }]);
    assert.deepEqual(index.query({}).facets.fandom, [
      { tag: 101, count: 2 },
      { tag: 102, count: 1 },
    ]);
  });

  it('reuses freed slots without leaking the old work into the new one', () => {
    const index = small();
    index.remove(3);
    index.upsert(work(50, [101], { fandomCount: 1, restricted: false, complete: false, title: 'zzz' }));
    assert.deepEqual(ids(index, { include: [402] }), []);
    assert.deepEqual(ids(index, { include: [101] }), [50, 2, 1]);
    assert.deepEqual(ids(index, { complete: false }), [50]);
    assert.deepEqual(ids(index, { sort: 'title', direction: 'desc' }), [50, 4, 2, 1]);
    const before = index.memoryBytes();
    for (let round = 0; round < 2000; round++) {
      index.remove(1000 + round - 1);
      index.upsert(work(1000 + round, [101, 401, 2000 + (round % 50)], { title: `t${round}` }));
    }
    assert.equal(index.size, 5);
    assert.ok(index.memoryBytes() < before * 2, `${index.memoryBytes()} bytes after churn, ${before} before`);
    assert.deepEqual(ids(index, { include: [401] }), [2999, 1]);
  });

  it('bulkLoad keeps the last copy of a repeated id and works on a non-empty index', () => {
    const index = new WorkIndex();
    index.bulkLoad([work(1, [5]), work(2, [5]), work(1, [6])], 3);
    assert.equal(index.size, 2);
    assert.deepEqual(ids(index, { include: [5] }), [2]);
    assert.deepEqual(ids(index, { include: [6] }), [1]);
    index.bulkLoad([work(3, [5]), work(2, [6])]);
    assert.deepEqual(ids(index, { include: [5] }), [3]);
    assert.deepEqual(ids(index, { include: [6] }), [2, 1]);
    assert.deepEqual(ids(new WorkIndex()), []);
  });

  it('rejects a bad work id on upsert, and stays consistent when a bulk load fails', () => {
    const index = new WorkIndex();
    assert.throws(() => index.upsert(work(0, [1])), RangeError);
    assert.throws(() => index.upsert(work(2 ** 31, [1])), RangeError);
    assert.throws(() => index.bulkLoad([work(1, [5]), work(-1, [5])]), RangeError);
    assert.deepEqual(ids(index, { include: [5] }), [1]);
  });

  it('survives hostile queries without throwing', () => {
    const index = small();
    const exclude = [...Array.from({ length: 499 }, (_, i) => i * 7919), 401];
    assert.deepEqual(ids(index, { exclude }), [4, 3, 2]);
    assert.deepEqual(ids(index, { wordsFrom: NaN, wordsTo: NaN, updatedFrom: NaN }), [4, 3, 2, 1]);
    assert.deepEqual(ids(index, { include: [NaN, 1.5, -1] as number[] }), [4, 3, 2, 1]);
    assert.deepEqual(
      ids(index, { sort: 'nope' as WorkQuery['sort'], direction: 'up' as 'asc' }),
      [4, 3, 2, 1],
    );
    assert.deepEqual(index.query(undefined as unknown as WorkQuery).total, 4);
    assert.deepEqual(ids(index, { within: { ids: [NaN, -1, 2 ** 40, 2] } }), [2]);
    assert.deepEqual(ids(index, { facetLimit: -5, perPage: Infinity }), [4, 3, 2, 1]);
    assert.deepEqual(index.query({ facetLimit: 1e9 }).facets.fandom.length, 2);
  });

  it('tagCount: exact per-tag counts (all / guest) through load, upserts, restriction changes, removals', () => {
    const index = small();
    const counts = (tag: number) => [index.tagCount(tag, false), index.tagCount(tag, true)];
    assert.deepEqual(counts(1), [3, 3]);
    assert.deepEqual(counts(101), [2, 2]);
    assert.deepEqual(counts(102), [2, 2]);
    assert.deepEqual(counts(999), [0, 0]);
    assert.deepEqual(counts(0), [0, 0]);
    assert.deepEqual(counts(NaN), [0, 0]);
    // Tags change and the work becomes registered-only.
    index.upsert(work(1, [102, 402, 402], { restricted: true }));
    assert.deepEqual(counts(101), [1, 1]);
    assert.deepEqual(counts(102), [3, 2]);
    assert.deepEqual(counts(402), [2, 1]);
    assert.deepEqual(counts(1), [2, 2]);
    // Same tags, visibility back to everyone.
    index.upsert(work(1, [102, 402], { restricted: false }));
    assert.deepEqual(counts(102), [3, 3]);
    assert.deepEqual(counts(402), [2, 2]);
    // Restricted only, tags kept.
    index.upsert(work(3, [1, 102, 402], { restricted: true }));
    assert.deepEqual(counts(402), [2, 1]);
    assert.deepEqual(counts(1), [2, 1]);
    index.remove(3);
    assert.deepEqual(counts(402), [1, 1]);
    assert.deepEqual(counts(1), [1, 1]);
    index.remove(1);
    index.remove(1);
    assert.deepEqual(counts(102), [1, 1]);
    assert.deepEqual(counts(402), [0, 0]);
    // A tag first seen through an upsert, then gone again.
    index.upsert(work(9, [777], { restricted: true }));
    assert.deepEqual(counts(777), [1, 0]);
    index.upsert(work(9, [778]));
    assert.deepEqual(counts(777), [0, 0]);
    assert.deepEqual(counts(778), [1, 1]);
  });

  it('beginLoad / add / endLoad: a streamed load equals bulkLoad, and queries end it', () => {
    const docs = [
      work(1, [1, 101], { restricted: true }),
      work(2, [1, 102]),
      work(3, [101, 401]),
      work(1, [1, 102], { restricted: true }),
    ];
    const bulk = new WorkIndex();
    bulk.bulkLoad(docs);
    const streamed = new WorkIndex();
    streamed.beginLoad(10);
    for (const doc of docs) streamed.add(doc);
    assert.equal(streamed.size, 3);
    assert.equal(streamed.tagCount(102, false), 2); // ends the load
    streamed.add(work(4, [101])); // an upsert now
    streamed.remove(4);
    streamed.endLoad();
    for (const q of [{}, { include: [1] }, { include: [102], guest: true }, { sort: 'title' as const }]) {
      assert.deepEqual(streamed.query(q), bulk.query(q));
    }
    for (const tag of [1, 101, 102, 401]) {
      for (const guest of [false, true])
        assert.equal(streamed.tagCount(tag, guest), bulk.tagCount(tag, guest));
    }
    // Another load into a non-empty index upserts.
    streamed.beginLoad();
    streamed.add(work(5, [401]));
    assert.deepEqual(ids(streamed, { include: [401] }), [5, 3]);
    const pending = new WorkIndex();
    pending.beginLoad();
    pending.add(work(7, [3]));
    assert.deepEqual(ids(pending, { include: [3] }), [7]);
  });

  it('keeps exact order for big counters, clamps dates to whole seconds, grows past 256 languages', () => {
    const index = new WorkIndex();
    const big = [49_151, 49_152, 49_153, 1_000_000, 1_000_001, 1_000_001, 2 ** 31 - 1, 5e12, 70_000];
    index.bulkLoad(big.map((kudos, i) => work(i + 1, [1], { kudos, hits: kudos, bookmarks: 3 })));
    const byKudos = [...big.keys()].sort(
      (a, b) => Math.min(big[b]!, 2 ** 31 - 1) - Math.min(big[a]!, 2 ** 31 - 1) || b - a,
    );
    assert.deepEqual(
      ids(index, { sort: 'kudos' }),
      byKudos.map((i) => i + 1),
    );
    // Ties (5, 6 and 7, 8 after clamping) fall to the higher id in either direction.
    assert.deepEqual(ids(index, { sort: 'hits', direction: 'asc' }), [1, 2, 3, 9, 4, 6, 5, 8, 7]);
    index.upsert(work(6, [1], { kudos: 3 })); // leaves the big range
    index.upsert(work(1, [1], { kudos: 2_000_000 })); // enters it
    assert.deepEqual(ids(index, { sort: 'kudos', perPage: 3 }), [8, 7, 1]);
    assert.deepEqual(ids(index, { sort: 'kudos', direction: 'asc', perPage: 2 }), [6, 2]);
    index.remove(8);
    index.remove(9);
    assert.deepEqual(ids(index, { sort: 'kudos', perPage: 2 }), [7, 1]);

    const dates = new WorkIndex();
    dates.bulkLoad([
      work(1, [1], { revisedAt: -50, publishedAt: NaN }),
      work(2, [1], { revisedAt: 1000.9, publishedAt: 2 ** 40 }),
      work(3, [1], { revisedAt: 4_000_000_000, publishedAt: 7 }),
    ]);
    assert.deepEqual(ids(dates), [3, 2, 1]);
    assert.deepEqual(ids(dates, { updatedFrom: 0, updatedTo: 0 }), [1]);
    assert.deepEqual(ids(dates, { updatedFrom: 1000, updatedTo: 1000 }), [2]);
    assert.deepEqual(ids(dates, { updatedFrom: 4e9 }), [3]);
    assert.deepEqual(ids(dates, { sort: 'posted' }), [2, 3, 1]);

    const langs = new WorkIndex();
    langs.bulkLoad(Array.from({ length: 300 }, (_, i) => work(i + 1, [1], { language: `l${i % 290}` })));
    assert.deepEqual(ids(langs, { language: 'l3' }), [294, 4]);
    assert.deepEqual(ids(langs, { language: 'L289' }), [290]);
    langs.upsert(work(290, [1], { language: 'l3' }));
    assert.deepEqual(ids(langs, { language: 'l3' }), [294, 290, 4]);
  });
});
