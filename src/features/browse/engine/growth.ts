// How the engine's growable arrays grow: geometrically (amortized O(1) appends), by half while small and
// by an eighth past 1M elements: the big byte arenas (tag lists, postings, titles) are sized exactly at
// bulk load, and the first update that outgrows one must not leave megabytes of slack (by half, the
// postings arena alone grew by 6.5 MB after a few thousand updates).

/** The next length for an array of `length` elements that must hold at least `needed`. */
export const grownSize = (length: number, needed: number): number =>
  Math.max(needed, Math.ceil(length * (length < 1 << 20 ? 1.5 : 1.125)));

type Column = Int32Array | Uint32Array | Uint8Array | Uint16Array | Float64Array;

/**
 * Puts a[order[i]] at i for i < n in each array, IN PLACE (following the permutation's cycles, so no
 * copy of any array is made: a bulk load regroups ~15 per-slot arrays without ~40 MB of transient
 * copies that the allocator would keep as fragmentation).
 */
export function permuteInPlace(arrays: Column[], order: Int32Array, n: number): void {
  const done = new Uint32Array((n + 31) >>> 5);
  for (const a of arrays) {
    done.fill(0);
    for (let i = 0; i < n; i++) {
      if (done[i >>> 5]! & (1 << (i & 31))) continue;
      const first = a[i]!;
      let j = i;
      for (;;) {
        done[j >>> 5]! |= 1 << (j & 31);
        const from = order[j]!;
        if (from === i) {
          a[j] = first;
          break;
        }
        a[j] = a[from]!;
        j = from;
      }
    }
  }
}
