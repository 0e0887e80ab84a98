import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkDoc } from './types.ts';
import { WorkIndex } from './work-index.ts';

const doc = (id: number, tags: number[], restricted = false): WorkDoc => ({
  id,
  tags,
  fandomCount: 1,
  creators: [1],
  complete: true,
  restricted,
  words: 100,
  revisedAt: id,
  publishedAt: id,
  language: 'en',
  hits: 0,
  kudos: 0,
  comments: 0,
  bookmarks: 0,
  title: `Work ${id}`,
  creatorName: 'writer',
});

describe('WorkIndex.topTags', () => {
  it('lists the most used tags of one type, most first, for guests without registered-only works', () => {
    const index = new WorkIndex();
    for (const tag of [10, 11, 12, 20]) index.setTagType(tag, tag < 20 ? 'fandom' : 'freeform');
    index.bulkLoad([doc(1, [10, 11, 20]), doc(2, [10, 12]), doc(3, [10, 12], true), doc(4, [12], true)]);
    assert.deepEqual(index.topTags('fandom', 10, false), [10, 12, 11]);
    assert.deepEqual(index.topTags('fandom', 2, false), [10, 12]);
    const guest = index.topTags('fandom', 10, true);
    assert.equal(guest[0], 10, 'two works guests may see');
    assert.deepEqual(guest.slice(1).sort(), [11, 12], 'one each for guests');
    assert.deepEqual(index.topTags('freeform', 10, true), [20]);
    assert.deepEqual(index.topTags('character', 10, false), []);
    index.remove(1);
    index.upsert(doc(5, [11, 11, 12]));
    assert.deepEqual(index.topTags('fandom', 10, false), [12, 10, 11]);
    assert.deepEqual(index.topTags('fandom', 0, false), []);
  });
});
