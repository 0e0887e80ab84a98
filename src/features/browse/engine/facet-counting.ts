// The counting loops behind facets.ts. Each walks the tag lists (slot-lists.ts delta varints, decoded inline)
// of a list of slots and bumps a per-tag Int32Array counter. They use no imported constants: V8 does not
// constant-fold an imported binding, and reading one per entry made counting several times slower.

import type { WorkStore } from './work-store.ts';

/** Counts, over slots[0..n), the tags below `head` (lists are ascending: stop at the first one above). */
export function countHead(
  store: WorkStore,
  slots: Int32Array,
  n: number,
  counts: Int32Array,
  head: number,
): void {
  const { data, start, len } = store.docTags;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    const e = start[s]! + len[s]!;
    let t = -1;
    for (let p = start[s]!; p < e;) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      t += v + 1;
      if (t >= head) break;
      counts[t]!++;
    }
  }
}

/** Counts, over slots[0..n), the tags at or above `head`. */
export function countTail(
  store: WorkStore,
  slots: Int32Array,
  n: number,
  counts: Int32Array,
  head: number,
): void {
  const { data, start, len } = store.docTags;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    const e = start[s]! + len[s]!;
    let t = -1;
    for (let p = start[s]!; p < e;) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      t += v + 1;
      if (t >= head) counts[t]!++;
    }
  }
}

/** Counts every tag over slots[0..n), listing each tag once in `touched`; returns how many were listed. */
export function countTouched(
  store: WorkStore,
  slots: Int32Array,
  n: number,
  counts: Int32Array,
  touched: Int32Array,
): number {
  const { data, start, len } = store.docTags;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i]!;
    const e = start[s]! + len[s]!;
    let t = -1;
    for (let p = start[s]!; p < e;) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      t += v + 1;
      if (counts[t]!++ === 0) touched[m++] = t;
    }
  }
  return m;
}

/** Upper bound on the tag entries of slots[0..n) (a byte each at least). */
export function entryBound(store: WorkStore, slots: Int32Array, n: number): number {
  const len = store.docTags.len;
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += len[slots[i]!]!;
  return bytes;
}

/**
 * Writes the slots set in bits[0..words) but absent from the ascending `matches[0..n)` (a subset of the
 * bits) into matches[n..]; returns how many.
 */
export function writeComplement(bits: Uint32Array, words: number, matches: Int32Array, n: number): number {
  let j = 0;
  let next = n > 0 ? matches[0]! : -1;
  let out = n;
  for (let wi = 0; wi < words; wi++) {
    let w = bits[wi]!;
    const base = wi << 5;
    while (w !== 0) {
      const low = w & -w;
      w ^= low;
      const s = base + 31 - Math.clz32(low);
      if (s === next) next = ++j < n ? matches[j]! : -1;
      else matches[out++] = s;
    }
  }
  return out - n;
}
