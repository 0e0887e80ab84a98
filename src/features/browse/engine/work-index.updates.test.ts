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
});
