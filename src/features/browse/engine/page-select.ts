// Page selection without sorting every match: the page is ranks [offset, offset + count) of the order.
// With k = offset + count small (≤ 2048, i.e. the first ~20 pages of 100) a bounded max-heap keeps the k
// best while one pass rejects almost every work with a single comparison against its root; beyond that,
// two quickselects (random pivots from a fixed-seed generator, so results are deterministic) isolate the
// page in O(n), and only the page itself is sorted. Ties fall to work id, descending, so the order is total.

import { BIG, type CountColumn } from './columns.ts';

const HEAP_MAX = 2048;

export interface Order {
  /** Numeric sort column (ignored when `text` is given). */
  key: Float64Array | Int32Array | Uint32Array | Uint16Array;
  /** For a counter column (key = its order codes): where equal big codes find their exact values. */
  counter: CountColumn | null;
  /** Title or creator keys. */
  text: TextOrder | null;
  desc: boolean;
  ids: Int32Array;
}

/** Title or creator keys: a full comparison, and a number whose order agrees with it where they differ. */
export interface TextOrder {
  compare(a: number, b: number): number;
  /** The key's first bytes as a number: a smaller prefix means an earlier key; equal prefixes say nothing. */
  prefixOf(slot: number): number;
}

type Before = (a: number, b: number) => boolean;

/** "a comes before b" for `order`. */
function comparator(order: Order): Before {
  const { key, text, desc, ids, counter } = order;
  if (text) {
    return (a, b) => {
      const c = text.compare(a, b);
      if (c !== 0) return desc ? c > 0 : c < 0;
      return ids[a]! > ids[b]!;
    };
  }
  if (counter) {
    return (a, b) => {
      let x = key[a]!;
      let y = key[b]!;
      if (x === y && x >= BIG) [x, y] = [counter.value(a), counter.value(b)];
      if (x !== y) return desc ? x > y : x < y;
      return ids[a]! > ids[b]!;
    };
  }
  if (desc) {
    return (a, b) => {
      const x = key[a]!;
      const y = key[b]!;
      return x !== y ? x > y : ids[a]! > ids[b]!;
    };
  }
  return (a, b) => {
    const x = key[a]!;
    const y = key[b]!;
    return x !== y ? x < y : ids[a]! > ids[b]!;
  };
}

/** The slots at ranks [offset, offset + count) of matches[0..n) in `order`. May reorder `matches`. */
export function selectPage(
  matches: Int32Array,
  n: number,
  offset: number,
  count: number,
  order: Order,
): number[] {
  if (offset >= n || count <= 0) return [];
  const k = Math.min(n, offset + count);
  const before = comparator(order);
  if (k <= HEAP_MAX) {
    const top = order.text ? topKText(matches, n, k, before, order) : topK(matches, n, k, before, order);
    return top.slice(offset);
  }
  select(matches, 0, n - 1, offset, before);
  if (k < n) select(matches, offset, n - 1, k - 1, before);
  return Array.from(matches.subarray(offset, k)).sort((a, b) => (before(a, b) ? -1 : 1));
}

/**
 * The k first of matches[0..n), in order. With a numeric order the root's key and id are kept in locals,
 * so rejecting a work (nearly every work, once the heap is full) is one comparison, not a call.
 */
function topK(matches: Int32Array, n: number, k: number, before: Before, numeric: Order): number[] {
  // Max-heap by order: heap[0] is the LAST of the k kept so far.
  const heap = new Int32Array(k);
  const key = numeric.key;
  // Equal big counter codes need the exact values: such ties go through `before`.
  const tieLimit = numeric.counter ? BIG : Infinity;
  const ids = numeric.ids;
  const sign = numeric.desc ? 1 : -1;
  let rootKey = 0;
  let rootId = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = matches[i]!;
    if (size === k) {
      // Keep s only if it comes before the root: a higher key (by direction), or an equal key and a higher id.
      const x = sign * key[s]!;
      if (x < rootKey || (x === rootKey && key[s]! < tieLimit && ids[s]! < rootId)) continue;
    }
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!before(heap[p]!, s)) break;
        heap[c] = heap[p]!;
        c = p;
      }
      heap[c] = s;
    } else if (before(s, heap[0]!)) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && before(heap[l]!, heap[r]!) ? r : l;
        if (!before(s, heap[m]!)) break;
        heap[c] = heap[m]!;
        c = m;
      }
      heap[c] = s;
    }
    if (size === k) {
      rootKey = sign * key[heap[0]!]!;
      rootId = ids[heap[0]!]!;
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => (before(a, b) ? -1 : 1));
}

/** topK for a text order: a work whose key prefix is strictly behind the root's is rejected unread. */
function topKText(matches: Int32Array, n: number, k: number, before: Before, order: Order): number[] {
  const text = order.text!;
  const sign = order.desc ? 1 : -1;
  const heap = new Int32Array(k);
  let rootPrefix = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = matches[i]!;
    if (size === k) {
      if (sign * text.prefixOf(s) < rootPrefix) continue;
      if (!before(s, heap[0]!)) continue;
      siftDown(heap, size, s, before);
    } else siftUp(heap, size++, s, before);
    if (size === k) rootPrefix = sign * text.prefixOf(heap[0]!);
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => (before(a, b) ? -1 : 1));
}

/** Adds s to a max-heap (by `before`: the root is the last in order) of `size` elements. */
function siftUp(heap: Int32Array, size: number, s: number, before: Before): void {
  let c = size;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (!before(heap[p]!, s)) break;
    heap[c] = heap[p]!;
    c = p;
  }
  heap[c] = s;
}

/** Replaces the root of a full heap of `size` elements with s (which comes before it). */
function siftDown(heap: Int32Array, size: number, s: number, before: Before): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && before(heap[l]!, heap[r]!) ? r : l;
    if (!before(s, heap[m]!)) break;
    heap[c] = heap[m]!;
    c = m;
  }
  heap[c] = s;
}

let seed = 0x2545f491;
function random(bound: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % bound;
}

/** Reorders a[lo..hi] so a[nth] holds the element of that rank, earlier ones before it, later ones after. */
function select(a: Int32Array, lo: number, hi: number, nth: number, before: Before): void {
  while (hi > lo) {
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i]!;
        let j = i - 1;
        while (j >= lo && before(v, a[j]!)) {
          a[j + 1] = a[j]!;
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    const pivot = a[lo + random(hi - lo + 1)]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(a[i]!, pivot)) i++;
      while (before(pivot, a[j]!)) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
