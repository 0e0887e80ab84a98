import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { best } from './best.ts';

describe('best (the first few in order, without sorting everything)', () => {
  it('gives what sorting and slicing gives, for random lists, limits and ties', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1;
    const order = (a: { k: number; i: number }, b: { k: number; i: number }) => a.k - b.k;
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: Math.floor(random() * 60) }, (_, i) => ({
        k: Math.floor(random() * 12),
        i,
      }));
      const limit = Math.floor(random() * 15);
      assert.deepEqual(best(items, limit, order), [...items].sort(order).slice(0, limit));
    }
  });

  it('keeps nothing for a limit of 0 and everything for a long limit', () => {
    const up = (a: number, b: number) => a - b;
    assert.deepEqual(best([3, 1, 2], 0, up), []);
    assert.deepEqual(best([3, 1, 2], 10, up), [1, 2, 3]);
  });
});
