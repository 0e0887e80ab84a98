// Reusable per-index buffers for queries, sized to the store and reallocated only when it has grown, so a
// query allocates almost nothing. Queries are synchronous, so one set per index is enough. Invariants
// between queries: tagFlag, creatorFlag and counts are all zero.

import { isIndexableId, type WorkQuery } from './types.ts';
import type { WorkStore } from './work-store.ts';

/** Longest `within` list looked at (ids past it are ignored). */
const MAX_WITHIN = 1 << 24;

export class QueryScratch {
  /** Candidate slots, then (filtered in place) matching slots, ascending; reordered by page selection. */
  matches = new Int32Array(0);
  /** `within` slots, ascending. */
  within = new Int32Array(0);
  /** mark[slot] = 1: the slot is in the current `within` (cleared at the next prepareWithin). */
  mark = new Uint8Array(0);
  private marked = 0;
  /** Relevance score per slot (valid for `within` slots only). */
  score = new Float64Array(0);
  /** Per dense tag: 1 include, 2 exclude. */
  tagFlag = new Uint8Array(0);
  /** Per dense creator: 1 wanted, 2 excluded. */
  creatorFlag = new Uint8Array(0);
  /** Per dense tag facet counters. */
  counts = new Int32Array(0);
  /** Tags whose counter became non-zero (sparse counting); grown on demand. */
  touched = new Int32Array(1024);

  get byteLength(): number {
    return [
      this.matches,
      this.within,
      this.mark,
      this.score,
      this.tagFlag,
      this.creatorFlag,
      this.counts,
      this.touched,
    ].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Grows the buffers to the store's current sizes. */
  fit(store: WorkStore): void {
    this.ensureMatches(store.cols.capacity);
    const tags = store.tags.extOf.length;
    if (this.tagFlag.length < tags) {
      this.tagFlag = new Uint8Array(tags);
      this.counts = new Int32Array(tags);
    }
    const creators = store.creators.extOf.length;
    if (this.creatorFlag.length < creators) this.creatorFlag = new Uint8Array(creators);
  }

  ensureTouched(size: number): Int32Array {
    if (this.touched.length < size) this.touched = new Int32Array(size);
    return this.touched;
  }

  ensureMatches(size: number): Int32Array {
    if (this.matches.length < size) this.matches = new Int32Array(size);
    return this.matches;
  }

  /**
   * Resolves `within` into ascending distinct slots (this.within) and marks them; with `scores`, fills
   * this.score (a work named twice keeps its best score; without scores, earlier ids rank higher; a
   * missing or NaN score ranks last). Returns how many slots.
   */
  prepareWithin(store: WorkStore, within: NonNullable<WorkQuery['within']>, scores: boolean): number {
    const capacity = store.cols.capacity;
    if (this.mark.length < capacity) {
      this.mark = new Uint8Array(capacity);
      this.within = new Int32Array(capacity);
      this.marked = 0;
    }
    if (scores && this.score.length < capacity) this.score = new Float64Array(capacity);
    for (let i = 0; i < this.marked; i++) this.mark[this.within[i]!] = 0;
    const ids = within.ids;
    const given = within.scores;
    const length = ids && typeof ids.length === 'number' ? Math.min(ids.length, MAX_WITHIN) : 0;
    const { mark, score } = this;
    let n = 0;
    for (let i = 0; i < length; i++) {
      const id = ids[i];
      if (!isIndexableId(id)) continue;
      const slot = store.cols.slotOf(id);
      if (slot < 0) continue;
      let value = 0;
      if (scores) {
        value = given ? Number(given[i]) : length - i;
        if (Number.isNaN(value)) value = -Infinity;
      }
      if (mark[slot] === 0) {
        mark[slot] = 1;
        this.within[n++] = slot;
        if (scores) score[slot] = value;
      } else if (scores && value > score[slot]!) score[slot] = value;
    }
    this.within.subarray(0, n).sort();
    this.marked = n;
    return n;
  }
}
