// The building blocks under WorkIndex, each against a plain JS model with seeded random operations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsFor } from './bitset.ts';
import { IdMap } from './id-map.ts';
import { PostingLists } from './posting-lists.ts';
import { SlotLists } from './slot-lists.ts';
import { normalizeKey, SortKeys } from './sort-keys.ts';
import { readVarint, varintLength, writeVarint } from './varint.ts';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('engine structures', () => {
  it('IdMap matches a Map through direct-table and hash modes, deletes included', () => {
    const r = prng(1);
    for (const spread of [5_000, 0x7fffffff]) {
      const map = new IdMap();
      const model = new Map<number, number>();
      for (let i = 0; i < 20_000; i++) {
        const key = 1 + Math.floor(r() * spread);
        if (r() < 0.3) assert.equal(map.delete(key), model.delete(key));
        else {
          const value = r() < 0.1 ? -2 - Math.floor(r() * 7) : Math.floor(r() * 1e6);
          map.set(key, value);
          model.set(key, value);
        }
      }
      assert.equal(map.size, model.size);
      for (const [key, value] of model) assert.equal(map.get(key), value);
      for (let i = 0; i < 2000; i++) {
        const key = 1 + Math.floor(r() * spread);
        assert.equal(map.get(key), model.get(key) ?? -1);
      }
      const seen = new Map<number, number>();
      map.forEach((key, value) => seen.set(key, value));
      assert.deepEqual(seen, model);
      assert.equal(map.get(0), -1);
      assert.equal(map.get(-5), -1);
      assert.equal(map.get(1.5), -1);
    }
  });

  it('IdMap goes back from hash to pages when dense ids come to dominate', () => {
    const map = new IdMap();
    const model = new Map<number, number>();
    const put = (key: number, value: number) => {
      map.set(key, value);
      model.set(key, value);
    };
    for (let i = 1; i <= 50; i++) put(i * 100_000, i); // one a page: a hash
    const hashed = map.byteLength;
    for (let key = 1; key <= 200_000; key++) put(key, key * 3); // dense: pages again
    assert.ok(hashed < 4096 && map.byteLength < 200_000 * 6, `${map.byteLength} bytes (hash was ${hashed})`);
    map.delete(7);
    model.delete(7);
    assert.equal(map.size, model.size);
    for (const [key, value] of model) assert.equal(map.get(key), value);
    assert.equal(map.get(7), -1);
    assert.equal(map.get(1.5), -1);
  });

  it('varints round-trip at every length boundary', () => {
    const data = new Uint8Array(64);
    const cursor = { value: 0, next: 0 };
    for (const v of [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, (1 << 28) - 1]) {
      const end = writeVarint(data, 3, v);
      assert.equal(end - 3, varintLength(v));
      readVarint(data, 3, cursor);
      assert.deepEqual(cursor, { value: v, next: end });
    }
  });

  const postingModel = (seed: number, minDense: number, slots = 3000, ops = 15_000, removal = 0.4) => {
    const r = prng(seed);
    const lists = new PostingLists(minDense);
    lists.growSlots(slots);
    const model = Array.from({ length: 60 }, () => new Set<number>());
    for (let i = 0; i < ops; i++) {
      const key = Math.floor(r() ** 4 * model.length);
      const slot = Math.floor(r() * slots);
      if (r() < removal) {
        lists.remove(key, slot);
        model[key]!.delete(slot);
      } else {
        lists.add(key, slot, slots);
        model[key]!.add(slot);
      }
    }
    const out = new Int32Array(slots + 10);
    let dense = 0;
    model.forEach((set, key) => {
      assert.equal(lists.size(key), set.size);
      if (lists.bits(key)) dense++;
      const n = lists.appendSlots(key, out, 5) - 5;
      assert.deepEqual(
        [...out.subarray(5, 5 + n)],
        [...set].sort((a, b) => a - b),
      );
    });
    return dense;
  };

  it('PostingLists matches sets of slots, across list → bitset conversion', () => {
    const dense = postingModel(2, 20);
    assert.ok(dense > 0 && dense < 60, `${dense} dense keys`);
    assert.equal(wordsFor(3000), 94);
  });

  it('PostingLists keep long lists, single slots inline and compaction exact without bitsets', () => {
    for (const seed of [5, 6]) assert.equal(postingModel(seed, 1 << 20), 0);
    assert.equal(postingModel(7, 1 << 20, 30_000, 60_000, 0.5), 0); // churn: the arena compacts
  });

  it('SlotLists keep, shrink, grow, compact and renumber lists', () => {
    const r = prng(3);
    const lists = new SlotLists();
    lists.ensureSlots(500);
    const model: number[][] = Array.from({ length: 500 }, () => []);
    const put = (slot: number, values: number[]) => {
      lists.set(slot, Int32Array.from(values), values.length);
      model[slot] = values;
    };
    for (let i = 0; i < 5000; i++) {
      const slot = Math.floor(r() * 500);
      if (r() < 0.1) {
        lists.clear(slot);
        model[slot] = [];
        continue;
      }
      const values = new Set<number>();
      for (let k = Math.floor(r() * 12); k > 0; k--) values.add(Math.floor(r() ** 3 * 300_000));
      put(
        slot,
        [...values].sort((a, b) => a - b),
      );
    }
    const out = new Int32Array(64);
    const check = (expected: number[][]) =>
      expected.forEach((values, slot) =>
        assert.deepEqual([...out.subarray(0, lists.decode(slot, out))], values),
      );
    check(model);
    lists.compact();
    check(model);
    const perm = Int32Array.from({ length: 300_000 }, (_, i) => 299_999 - i);
    // In steps of 64 slots: the lists stay as they were until the last step.
    const steps = lists.renumberSteps(perm, 500, null, 64);
    let taken = 0;
    while (!steps.next().done) {
      taken++;
      if (taken === 3) check(model);
    }
    assert.equal(taken, 2 * Math.floor(500 / 64));
    check(model.map((values) => values.map((v) => 299_999 - v).sort((a, b) => a - b)));
    lists.renumber(perm, 500);
    check(model);
  });

  it('SortKeys order titles by their normalized bytes through sets, clears, regrouping and compaction', () => {
    const r = prng(9);
    const slots = 700;
    const keys = new SortKeys();
    keys.growSlots(slots);
    const model: string[] = Array.from({ length: slots }, () => '');
    const pieces = ['a', 'B', ' ', 'é', 'the ', 'zz', '文', '🙂'];
    const text = () =>
      Array.from({ length: Math.floor(r() ** 2 * 40) }, () => pieces[Math.floor(r() * pieces.length)]).join(
        '',
      );
    const bytes = (t: string) => {
      const b = Buffer.from(normalizeKey(t));
      let end = Math.min(64, b.length);
      while (end < b.length && end > 0 && (b[end]! & 0xc0) === 0x80) end--;
      return b.subarray(0, end);
    };
    const check = () => {
      for (let i = 0; i < 400; i++) {
        const a = Math.floor(r() * slots);
        const b = Math.floor(r() * slots);
        assert.equal(
          Math.sign(keys.compare(a, b)),
          Buffer.compare(bytes(model[a]!), bytes(model[b]!)),
          `${a} ${b}`,
        );
      }
    };
    for (let i = 0; i < 20_000; i++) {
      const slot = Math.floor(r() * slots);
      if (r() < 0.1) {
        keys.clear(slot);
        model[slot] = '';
      } else keys.set(slot, (model[slot] = text()));
      if (i % 2000 === 0) check();
    }
    check();
    const order = Int32Array.from({ length: slots }, (_, i) => (i * 337) % slots);
    keys.permuteSlots(order, slots);
    const moved = Array.from(order, (o) => model[o]!);
    model.splice(0, slots, ...moved);
    check();
    for (let i = 0; i < 5000; i++) {
      const slot = Math.floor(r() * slots);
      keys.set(slot, (model[slot] = text()));
    }
    check();
  });
});
