// Exact facet counts: for every typed tag, how many matching works carry it; then the top `limit` per type
// (count desc, tag id asc). The strategy depends on the size of the match set M against the set B of works
// the reader may see (all live works, or the guest-visible ones):
//   M = B          the maintained per-tag counts ARE the answer (no counting at all);
//   |M| > |B| / 2  complement: count the tags of B \ M (B's bitset minus M, which is ascending) and
//                  subtract from the maintained counts: never more than half of B is counted;
//   large M        count M's tags into a per-tag Int32Array, offer every tag, zero the array;
//   otherwise      the same, but list the counters touched and visit / reset only those.
// Head/tail pruning (the two big-M strategies): tags are numbered by popularity at bulk load, so each
// work's list starts with its popular "head" tags (index < store.tagHead). Only those are counted first;
// every tail tag has at most store.tailMax works overall, so if each type with tail tags already has
// `limit` head tags counted above that, no tail tag can place and the tail (the long, costly part of
// each list) is skipped. Otherwise a second pass counts the tail too: the answer is exact either way.

import { countHead, countTail, countTouched, entryBound, writeComplement } from './facet-counting.ts';
import { wordsFor } from './bitset.ts';
import type { QueryScratch } from './query-scratch.ts';
import { FACET_TYPES, type FacetCount, type FacetType } from './types.ts';
import type { WorkStore } from './work-store.ts';

/** The best `limit` (count, tag) pairs offered: count desc, then tag id asc. */
class TopK {
  readonly counts: Int32Array;
  readonly tags: Int32Array;
  n = 0;

  constructor(readonly limit: number) {
    this.counts = new Int32Array(limit);
    this.tags = new Int32Array(limit);
  }

  offer(count: number, tag: number): void {
    const { counts, tags } = this;
    let i = this.n;
    if (i === this.limit) {
      const last = counts[i - 1]!;
      if (count < last || (count === last && tag > tags[i - 1]!)) return;
      i--;
    } else this.n++;
    while (i > 0) {
      const c = counts[i - 1]!;
      if (c > count || (c === count && tags[i - 1]! < tag)) break;
      counts[i] = c;
      tags[i] = tags[i - 1]!;
      i--;
    }
    counts[i] = count;
    tags[i] = tag;
  }

  /** The k-th best count, or 0 while fewer than k are kept. */
  get floor(): number {
    return this.n === this.limit ? this.counts[this.n - 1]! : 0;
  }

  result(): FacetCount[] {
    const out: FacetCount[] = [];
    for (let i = 0; i < this.n; i++) out.push({ tag: this.tags[i]!, count: this.counts[i]! });
    return out;
  }
}

export function computeFacets(
  store: WorkStore,
  scratch: QueryScratch,
  matches: Int32Array,
  n: number,
  guest: boolean,
  limit: number,
): Record<FacetType, FacetCount[]> {
  const { cols, tags } = store;
  const top = FACET_TYPES.map(() => new TopK(limit));
  const base = guest ? tags.publicCount : store.tagPosts.count;
  const baseSize = guest ? cols.publicCount : cols.liveCount;
  const counts = scratch.counts;
  const tagCount = tags.size;
  const offer = (from: number, to: number, plus: Int32Array, minus: Int32Array | null) =>
    offerRange(top, tags.type, tags.extOf, from, to, plus, minus);

  if (n === baseSize) {
    offer(0, tagCount, base, null);
  } else if (n * 2 <= baseSize && n * (store.tagEntries / Math.max(1, cols.liveCount)) <= tagCount * 2) {
    // The touched list goes in the unused tail of `matches` when it fits (it nearly always does).
    const bound = Math.min(tagCount, entryBound(store, matches, n));
    const touched = matches.length - n >= bound ? matches.subarray(n) : scratch.ensureTouched(bound);
    const m = countTouched(store, matches, n, counts, touched);
    for (let i = 0; i < m; i++) {
      const t = touched[i]!;
      const type = tags.type[t]!;
      if (type !== 0) top[type - 1]!.offer(counts[t]!, tags.extOf[t]!);
      counts[t] = 0;
    }
  } else {
    // Count M itself, or B \ M written after it in `matches` (and subtract from the base counts).
    const complement = n * 2 > baseSize;
    const bits = guest ? cols.visible : cols.live;
    const slots = complement ? matches.subarray(n) : matches;
    const size = complement ? writeComplement(bits, wordsFor(cols.hi), matches, n) : n;
    const [plus, minus] = complement ? [base, counts] : [counts, null];
    const head = Math.min(store.tagHead, tagCount);
    countHead(store, slots, size, counts, head > 0 ? head : tagCount);
    offer(0, head > 0 ? head : tagCount, plus, minus);
    if (head > 0 && !tailCannotPlace(top, store.tailTypes, store.tailMax)) {
      countTail(store, slots, size, counts, head);
      offer(head, tagCount, plus, minus);
    }
    counts.fill(0, 0, tagCount);
  }
  const out = {} as Record<FacetType, FacetCount[]>;
  FACET_TYPES.forEach((type, i) => (out[type] = top[i]!.result()));
  return out;
}

/** True when every type that has tail tags already holds `limit` counts above any tail tag's total. */
function tailCannotPlace(top: TopK[], tailTypes: number, tailMax: number): boolean {
  for (let i = 0; i < top.length; i++) {
    if ((tailTypes & (1 << (i + 1))) !== 0 && top[i]!.floor <= tailMax) return false;
  }
  return true;
}

/** Offers every typed tag in [from, to) with count plus[t] - minus[t] > 0, skipping below each type's floor. */
function offerRange(
  top: TopK[],
  type: Uint8Array,
  extOf: Int32Array,
  from: number,
  to: number,
  plus: Int32Array,
  minus: Int32Array | null,
): void {
  // floor[ty]: the k-th best count so far once that type's list is full (1 until then).
  const floor = new Int32Array(top.length + 1).fill(1);
  for (let i = 0; i < top.length; i++) floor[i + 1] = Math.max(1, top[i]!.floor);
  for (let t = from; t < to; t++) {
    const c = minus === null ? plus[t]! : plus[t]! - minus[t]!;
    const ty = type[t]!;
    if (c < floor[ty]! || ty === 0) continue;
    const k = top[ty - 1]!;
    k.offer(c, extOf[t]!);
    if (k.n === k.limit) floor[ty] = k.counts[k.n - 1]!;
  }
}
