// WorkIndex: Quire's in-memory filter engine for work listings — AO3-style tag include/exclude, rating,
// warnings, categories, crossovers, completion, word count, dates, language, creators and blocklists,
// text-search restriction, ten sorts, paging, and EXACT facet counts (top tags per type among all the
// works this reader may see that match) — in tens of milliseconds at a million works. One per serving
// process; the caller loads it from the database and feeds it changes. Pure, synchronous, no dependencies.
//
// Layout (typed arrays only; memoryBytes() sums them, memoryBreakdown() by part; ~120 MB at a million works,
// see docs/performance.md):
//   - Each work gets a dense slot (work id → slot in IdMap: a paged direct table while ids are dense, else
//     a hash; freed slots are reused). At the end of a bulk load the slots are regrouped by each work's
//     primary fandom (its most popular fandom-typed tag), so a fandom's works are neighbours. Scalars are
//     columns indexed by slot (columns.ts): dates as Uint32 seconds, the sort-only counters as 16-bit order
//     codes (exact values of the rare big ones aside); one flags byte packs live / complete / restricted /
//     crossover.
//   - Tag and account ids get dense indexes (dictionary.ts). At bulk load the popular head tags are
//     numbered first, by popularity, the rest by first appearance in slot order (a fandom's characters and
//     relationships get neighbouring numbers). Each work's tags are an ascending list of those indexes,
//     delta-coded as varints in one shared byte arena (slot-lists.ts): the "doc → tags" side, ~1.6 bytes
//     per (work, tag), scanned to count facets and to test many includes/excludes at once. A work's
//     creator is inline in one Int32 (creator-lists.ts; co-written works point into a small arena).
//   - Each tag has a posting list of its slots: gaps as varints in one byte arena, the slot itself inline
//     in the header when it is the only one, or a bitset once the tag is on more than 1/16 of the works
//     (posting-lists.ts; 8 bytes of header a tag). Creators likewise.
//   - Per tag, live counts (all / guest-visible) are kept exact on every update: tagCount() reads them,
//     the facets of an unfiltered listing cost nothing, those of a broad one are counted on the
//     complement, and counting can stop at the popular head of each work's list when no tail tag could
//     make the top (facets.ts).
//   - Title / creator order: a 4-byte prefix in a Uint32 plus the rest in a byte arena (titles: in blocks
//     of 16 slots, one offset per block); creator names are stored once per distinct name (shared-sort-keys.ts).
//   - Loading streams: bulkLoad() consumes an iterable, beginLoad()/add()/endLoad() take one work at a
//     time; no work object is kept.
//
// Query (query-plan.ts → filters.ts → facets.ts → page-select.ts): start from the smallest candidate set
// (an include tag, the creators, `within`, or every visible work), filter in slot order (a branch-free
// scalar pass, then a tag/creator pass), so matches come out ascending; count facets over the matches or
// their complement; then pick just the page with a bounded heap or quickselect — never a full sort. All
// per-query buffers are reused (query-scratch.ts). Updates: upsert diffs the old and new tag lists, so
// only changed tags touch posting lists (a short varint splice, or a bit flip); arenas relocate outgrown
// lists and compact themselves when a third is garbage.
//
// Input hygiene: ids that are not integers in 1…2^31−1 are dropped everywhere; a query never throws, and
// its cost is linear in its own size. Unknown exclude tags and blocked creators are ignored; an include
// tag no work carries, a `creators` list none of whom has a work, an unknown language or an empty
// `within` make the result empty (that is what they ask for). NaN bounds are ignored; page, perPage
// (1–100) and facetLimit (0–100) are clamped. Languages compare case-insensitively. `within`: a repeated
// id keeps its best score; without scores earlier ids rank higher; a missing or NaN score ranks last.
// upsert() rejects a bad work id with a RangeError (a caller bug, not reader input).

import { computeFacets } from './facets.ts';
import { selectPage, type Order } from './page-select.ts';
import { findMatches, planQuery, type Plan } from './query-plan.ts';
import { QueryScratch } from './query-scratch.ts';
import { emptyFacets, FACET_TYPES, isIndexableId } from './types.ts';
import type { FacetType, WorkDoc, WorkQuery, WorkResult } from './types.ts';
import { WorkStore } from './work-store.ts';

export { FACET_TYPES } from './types.ts';
export type { FacetCount, FacetType, WorkDoc, WorkQuery, WorkResult, WorkSort } from './types.ts';

export interface WorkIndexOptions {
  /** Posting lists longer than this (and than 1/16 of the slots) become bitsets. Default 4096. */
  denseAfter?: number;
}

export class WorkIndex {
  private readonly store: WorkStore;
  private readonly scratch = new QueryScratch();

  constructor(options: WorkIndexOptions = {}) {
    this.store = new WorkStore(options.denseAfter);
  }

  /** Facets group tags by type; tags without a type are not faceted. */
  setTagType(tagId: number, type: FacetType): void {
    if (!isIndexableId(tagId)) return;
    this.store.setTagType(tagId, FACET_TYPES.indexOf(type) + 1);
  }

  /** Adds or replaces a work. */
  upsert(doc: WorkDoc): void {
    this.store.upsert(doc);
  }

  /** Drops a work (it became invisible to everyone); unknown ids are ignored. */
  remove(id: number): void {
    this.store.remove(id);
  }

  /**
   * Fast initial load (into an empty index; otherwise the same as upserting each). `docs` is consumed as
   * a stream: no work object is kept. `expectedCount`, when the caller knows it (SELECT count(*)), sizes
   * the per-work arrays once: less copying, less memory churn.
   */
  bulkLoad(docs: Iterable<WorkDoc>, expectedCount?: number): void {
    this.store.bulkLoad(docs, expectedCount);
  }

  /**
   * The same load, fed one work at a time (e.g. from an async database cursor): beginLoad(), add() each
   * work, endLoad(). Until endLoad() the works are stored but not yet queryable; any query, update or
   * count ends the load first. Into a non-empty index add() is upsert().
   */
  beginLoad(expectedCount?: number): void {
    this.store.beginLoad(expectedCount);
  }

  add(doc: WorkDoc): void {
    this.store.add(doc);
  }

  endLoad(): void {
    this.store.endLoad();
  }

  /**
   * endLoad() in steps, for a caller that gives other work a turn between them (a load's end takes
   * seconds at a million works). Any query, update or count before the last step finishes the rest.
   */
  endLoadSteps(): Iterator<void> {
    return this.store.endLoadSteps();
  }

  /**
   * How many indexed works carry `tag` among their filter tags (guest: only those guests may see), in
   * O(1) from the counts kept exact on every update: for tag autocomplete. 0 for an unknown tag.
   */
  tagCount(tag: number, guest: boolean): number {
    if (!isIndexableId(tag)) return 0;
    this.store.endLoad();
    const index = this.store.tags.lookup(tag);
    if (index < 0) return 0;
    return guest ? this.store.tags.publicCount[index]! : this.store.tagPosts.size(index);
  }

  /**
   * The ids of the `limit` tags of one type carried by the most indexed works (guest: counting only
   * works guests may see), most first: the head of the tag autocomplete. O(tags · log limit).
   */
  topTags(type: FacetType, limit: number, guest: boolean): number[] {
    this.store.endLoad();
    const tags = this.store.tags;
    const code = FACET_TYPES.indexOf(type) + 1;
    const k = Math.max(0, Math.min(limit | 0, tags.size));
    // A min-heap of (count, index) holding the best k so far.
    const heapCount = new Int32Array(k);
    const heapIndex = new Int32Array(k);
    let n = 0;
    const sift = (at: number) => {
      for (;;) {
        const l = 2 * at + 1;
        const r = l + 1;
        let least = at;
        if (l < n && heapCount[l]! < heapCount[least]!) least = l;
        if (r < n && heapCount[r]! < heapCount[least]!) least = r;
        if (least === at) return;
        [heapCount[at], heapCount[least]] = [heapCount[least]!, heapCount[at]!];
        [heapIndex[at], heapIndex[least]] = [heapIndex[least]!, heapIndex[at]!];
        at = least;
      }
    };
    for (let i = 0; i < tags.size && k > 0; i++) {
      if (tags.type[i] !== code) continue;
      const count = guest ? tags.publicCount[i]! : this.store.tagPosts.size(i);
      if (count <= 0) continue;
      if (n < k) {
        let at = n++;
        heapCount[at] = count;
        heapIndex[at] = i;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (heapCount[parent]! <= heapCount[at]!) break;
          [heapCount[at], heapCount[parent]] = [heapCount[parent]!, heapCount[at]!];
          [heapIndex[at], heapIndex[parent]] = [heapIndex[parent]!, heapIndex[at]!];
          at = parent;
        }
      } else if (count > heapCount[0]!) {
        heapCount[0] = count;
        heapIndex[0] = i;
        sift(0);
      }
    }
    const order = Array.from({ length: n }, (_, j) => j).sort(
      (a, b) => heapCount[b]! - heapCount[a]! || heapIndex[a]! - heapIndex[b]!,
    );
    return order.map((j) => tags.extOf[heapIndex[j]!]!);
  }

  has(id: number): boolean {
    return isIndexableId(id) && this.store.cols.slotOf(id) >= 0;
  }

  get size(): number {
    return this.store.cols.liveCount;
  }

  /** Approximate bytes held by the typed arrays (index and query buffers). */
  memoryBytes(): number {
    return this.store.byteLength + this.scratch.byteLength;
  }

  /** memoryBytes() by part, in bytes: the index's structures and the query buffers ("queryBuffers"). */
  memoryBreakdown(): Record<string, number> {
    return { ...this.store.memoryParts(), queryBuffers: this.scratch.byteLength };
  }

  query(q: WorkQuery): WorkResult {
    this.store.endLoad();
    const plan = planQuery(this.store, q, this.scratch);
    if (plan.impossible) return { total: 0, page: plan.page, ids: [], facets: emptyFacets() };
    const total = findMatches(this.store, plan, this.scratch);
    const matches = this.scratch.matches;
    const facets =
      plan.facetLimit > 0 && total > 0
        ? computeFacets(this.store, this.scratch, matches, total, plan.guest, plan.facetLimit)
        : emptyFacets();
    const offset = (plan.page - 1) * plan.perPage;
    const slots = selectPage(matches, total, offset, plan.perPage, this.order(plan));
    const ids = this.store.cols.ids;
    return { total, page: plan.page, ids: slots.map((s) => ids[s]!), facets };
  }

  private order(plan: Plan): Order {
    const { cols, titles, names } = this.store;
    const counters = {
      hits: cols.hits,
      kudos: cols.kudos,
      comments: cols.comments,
      bookmarks: cols.bookmarks,
    };
    const counter = plan.sort in counters ? counters[plan.sort as keyof typeof counters] : null;
    const keys = {
      updated: cols.revisedAt,
      posted: cols.publishedAt,
      words: cols.words,
      relevance: this.scratch.score,
      title: cols.revisedAt,
      creator: cols.revisedAt,
    };
    const key = counter ? counter.codes : keys[plan.sort as keyof typeof keys];
    const text = plan.sort === 'title' ? titles : plan.sort === 'creator' ? names : null;
    return { key, counter, text, desc: plan.desc, ids: cols.ids };
  }
}
