import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idBatches } from './id-batches.ts';

describe('idBatches', () => {
  it('splits the distinct ids, in their first order, into statements of at most the size', () => {
    assert.deepEqual(idBatches([5, 3, 5, 9, 1, 3, 7], 2), [[5, 3], [9, 1], [7]]);
    assert.deepEqual(idBatches([]), []);
    const many = idBatches(Array.from({ length: 2500 }, (_, i) => i));
    assert.deepEqual(
      many.map((b) => b.length),
      [1000, 1000, 500],
    );
    assert.equal(many[2]![0], 2000);
  });
});
