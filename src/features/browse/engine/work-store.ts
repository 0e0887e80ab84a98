// WorkStore: the mutable state of the index and its mutations (upsert, remove, bulk load). Queries only
// read it (query-plan.ts, facets.ts, page-select.ts).
//
// Per slot: scalar columns (columns.ts), the work's tags and creators as ascending dense indexes
// (slot-lists.ts: the "doc → tags" lists that facet counting and per-candidate tag checks scan;
// creator-lists.ts: one inline creator, or a short list), and sort keys (sort-keys.ts, shared-sort-keys.ts). Per tag /
// creator: a posting list (posting-lists.ts) and, for tags, live counts. A bulk load regroups the slots
// by primary fandom and renumbers the tags once, at endLoad(). An upsert diffs the old and new sorted
// tag lists, so only tags that really changed touch posting lists and counts.

import { RESTRICTED, WorkColumns } from './columns.ts';
import { CreatorLists } from './creator-lists.ts';
import { Dictionary, popularityOrder, TagDictionary } from './dictionary.ts';
import { PostingLists } from './posting-lists.ts';
import { MAX_LIST, SlotLists } from './slot-lists.ts';
import { SharedSortKeys } from './shared-sort-keys.ts';
import { SortKeys } from './sort-keys.ts';
import { FACET_TYPES, isIndexableId, type WorkDoc } from './types.ts';

const END = 0x7fffffff;
const NO_STEPS: Iterator<void> = { next: () => ({ done: true, value: undefined }) };
const FANDOM = FACET_TYPES.indexOf('fandom') + 1;

function badId(doc: WorkDoc | undefined): RangeError {
  return new RangeError(`work id must be an integer in 1…2^31-1: ${doc?.id}`);
}

export class WorkStore {
  readonly cols = new WorkColumns();
  readonly tags = new TagDictionary();
  readonly creators = new Dictionary();
  readonly docTags = new SlotLists();
  readonly docCreators = new CreatorLists();
  readonly tagPosts: PostingLists;
  readonly creatorPosts: PostingLists;
  readonly titles = new SortKeys();
  readonly names = new SharedSortKeys();
  /** Sum over live works of their number of tags. */
  tagEntries = 0;
  /** Tags [0, tagHead) are the popular head (see facets.ts); 0 until a bulk load numbers them. */
  tagHead = 0;
  /** No tag at or past tagHead is carried by more live works than this (an upper bound). */
  tailMax = 0;
  /** Bit (1 << type code) for each facet type held by some tag at or past tagHead, or not indexed yet. */
  tailTypes = 0;
  /** The new list being written, and the old one it replaces. */
  private buf = new Int32Array(MAX_LIST);
  private old = new Int32Array(MAX_LIST);
  private slotCapacity = 0;
  /** A streaming load into the empty store is under way (beginLoad … endLoad). */
  private loading = false;
  /** The rest of a load's end, while a caller drives endLoadSteps(). */
  private ending: Iterator<void> | null = null;

  /** `denseAfter`: posting lists longer than this (and than 1/16 of the slots) become bitsets. */
  constructor(denseAfter?: number) {
    this.tagPosts = new PostingLists(denseAfter);
    this.creatorPosts = new PostingLists(denseAfter);
  }

  get byteLength(): number {
    return (
      this.cols.byteLength +
      this.tags.byteLength +
      this.creators.byteLength +
      this.docTags.byteLength +
      this.docCreators.byteLength +
      this.tagPosts.byteLength +
      this.creatorPosts.byteLength +
      this.titles.byteLength +
      this.names.byteLength +
      this.buf.byteLength +
      this.old.byteLength
    );
  }

  /** byteLength by part (the keys of WorkIndex.memoryBreakdown()). */
  memoryParts(): Record<string, number> {
    return {
      columns: this.cols.byteLength,
      tagDictionary: this.tags.byteLength,
      creatorDictionary: this.creators.byteLength,
      docTags: this.docTags.byteLength + this.buf.byteLength + this.old.byteLength,
      docCreators: this.docCreators.byteLength,
      tagPostings: this.tagPosts.byteLength,
      creatorPostings: this.creatorPosts.byteLength,
      titles: this.titles.byteLength,
      creatorNames: this.names.byteLength,
    };
  }

  setTagType(tagId: number, code: number): void {
    this.tags.setType(tagId, code);
    const index = this.tags.lookup(tagId);
    if (index < 0 || index >= this.tagHead) this.tailTypes |= 1 << code;
  }

  upsert(doc: WorkDoc): void {
    this.endLoad();
    if (!isIndexableId(doc?.id)) throw badId(doc);
    let slot = this.cols.slotOf(doc.id);
    if (slot < 0) slot = this.allocSlot(doc.id);
    const wasPublic = !(this.cols.flags[slot]! & RESTRICTED);
    const n = this.internSorted(doc.tags, this.tags);
    this.diffTags(slot, n, wasPublic, !doc.restricted);
    this.docTags.set(slot, this.buf, n);
    const m = this.internSorted(doc.creators, this.creators);
    this.diffCreators(slot, m);
    this.docCreators.set(slot, this.buf, m);
    this.writeScalars(slot, doc);
  }

  remove(id: number): void {
    this.endLoad();
    const slot = isIndexableId(id) ? this.cols.slotOf(id) : -1;
    if (slot < 0) return;
    this.diffTags(slot, 0, !(this.cols.flags[slot]! & RESTRICTED), false);
    this.docTags.clear(slot);
    this.diffCreators(slot, 0);
    this.docCreators.clear(slot);
    this.titles.clear(slot);
    this.names.clear(slot);
    this.cols.release(slot);
  }

  /**
   * Starts a streaming load. Into an empty store, add() only stores each work's lists and columns (no
   * posting lists, no counts: nothing per work is kept but the index's own arrays); endLoad() then
   * renumbers tags by popularity and builds counts and posting lists in one pass each. Into a non-empty
   * store add() is upsert(). `expected` (how many works are coming, if known) sizes the per-work arrays
   * once instead of growing them step by step.
   */
  beginLoad(expected = 0): void {
    if (this.loading || this.cols.hi > 0) return;
    this.loading = true;
    if (expected > 0 && expected < 1 << 30) {
      this.cols.growTo(Math.ceil(expected * 1.02) + 1024);
      this.resizeSlots();
    }
  }

  /** Adds one work of a load begun with beginLoad() (a repeated id replaces the earlier copy). */
  add(doc: WorkDoc): void {
    if (!this.loading) return this.upsert(doc);
    if (!isIndexableId(doc?.id)) throw badId(doc);
    let slot = this.cols.slotOf(doc.id);
    if (slot < 0) slot = this.allocSlot(doc.id);
    this.docTags.set(slot, this.buf, this.internSorted(doc.tags, this.tags));
    this.docCreators.set(slot, this.buf, this.internSorted(doc.creators, this.creators));
    this.writeScalars(slot, doc);
  }

  /**
   * Finishes a load (a no-op when none is under way); queries and updates call it first. Regroups the
   * slots by primary fandom (see groupSlots), numbers the tags (the popular head by popularity, the rest
   * by first appearance in the new slot order: a fandom's tags get neighbouring numbers), rewrites the
   * tag lists, then builds counts and posting lists in one pass each.
   */
  endLoad(): void {
    const steps = this.endLoadSteps();
    while (!steps.next().done);
  }

  /**
   * endLoad() in steps (none longer than about a second at a million works), for a caller that gives
   * other work a turn between them. Until the last step any query, update or count finishes the rest
   * at once, so nothing ever sees a half-finished load.
   */
  endLoadSteps(): Iterator<void> {
    if (!this.ending && this.loading) this.ending = this.finishLoad();
    return this.ending ?? NO_STEPS;
  }

  private *finishLoad(): Generator<void> {
    try {
      this.loading = false;
      const counts = this.countTags();
      const rank = popularityOrder(counts, this.tags.size);
      const threshold = Math.max(32, Math.floor(this.cols.liveCount / 2048));
      let head = 0;
      for (let t = 0; t < this.tags.size; t++) if (counts[t]! >= threshold) head++;
      yield;
      const order = this.groupSlots(rank);
      yield;
      const perm = this.tagOrder(rank, head, order);
      yield;
      yield* this.docTags.renumberSteps(perm, this.cols.hi, order);
      if (order !== null) {
        const n = this.cols.hi;
        this.cols.permuteSlots(order);
        yield;
        this.docCreators.permuteSlots(order, n);
        this.titles.permuteSlots(order, n);
        yield;
        this.names.permuteSlots(order, n);
      }
      this.splitHead(this.tags.permute(perm, counts), head);
      yield;
      const { cols } = this;
      this.tagPosts.build(this.docTags, cols.live, cols.hi, this.tags.size);
      yield;
      this.creatorPosts.build(this.docCreators, cols.live, cols.hi, this.creators.size);
    } finally {
      this.ending = null;
    }
  }

  /** Loads many works: beginLoad(), add() each, endLoad() (even when a work is rejected). */
  bulkLoad(docs: Iterable<WorkDoc>, expected = 0): void {
    this.beginLoad(expected);
    try {
      for (const doc of docs) this.add(doc);
    } finally {
      this.endLoad();
    }
  }

  /** Head: the `head` tags on at least 1 work in 2,048 (and 32), numbered first (facets.ts prunes with it). */
  private splitHead(counts: Int32Array, head: number): void {
    const { tags } = this;
    this.tagHead = head;
    this.tailMax = 0;
    this.tailTypes = 0;
    for (let t = head; t < tags.size; t++) {
      this.tailTypes |= 1 << tags.type[t]!;
      if (counts[t]! > this.tailMax) this.tailMax = counts[t]!;
    }
    tags.forEachPendingType((code) => (this.tailTypes |= 1 << code));
  }

  /**
   * The new slot order (new slot → old slot) of a load: grouped by each work's primary fandom (its most
   * popular fandom-typed tag; works without one last), in load order within a group. A fandom's works
   * then sit together, so its tags' posting lists have small gaps (or runs) and their tag lists share
   * their numbers. Null when there is nothing to group (no fandom types, or a slot is free).
   */
  private groupSlots(rank: Int32Array): Int32Array | null {
    const { cols, tags, buf } = this;
    const n = cols.hi;
    const none = tags.size;
    if (cols.freeSlots > 0 || n < 2) return null;
    const key = new Int32Array(n);
    let grouped = false;
    for (let slot = 0; slot < n; slot++) {
      const m = this.docTags.decode(slot, buf);
      let best = none;
      for (let i = 0; i < m; i++) {
        const t = buf[i]!;
        if (tags.type[t] === FANDOM && rank[t]! < best) best = rank[t]!;
      }
      key[slot] = best;
      if (best !== none) grouped = true;
    }
    if (!grouped) return null;
    const offset = new Int32Array(none + 2);
    for (let slot = 0; slot < n; slot++) offset[key[slot]! + 1]!++;
    for (let k = 1; k <= none + 1; k++) offset[k]! += offset[k - 1]!;
    const order = new Int32Array(n);
    for (let slot = 0; slot < n; slot++) order[offset[key[slot]!]!++] = slot;
    return order;
  }

  /**
   * perm[old] = new tag index: the `head` most popular tags first, by popularity (rank), then the others by
   * first appearance in slot order (`order`: new slot → old slot), then the ones no work carries.
   */
  private tagOrder(rank: Int32Array, head: number, order: Int32Array | null): Int32Array {
    const { buf } = this;
    const size = this.tags.size;
    const perm = new Int32Array(size);
    for (let t = 0; t < size; t++) perm[t] = rank[t]! < head ? rank[t]! : -1;
    let next = head;
    for (let slot = 0; slot < this.cols.hi; slot++) {
      const m = this.docTags.decode(order === null ? slot : order[slot]!, buf);
      for (let i = 0; i < m; i++) if (perm[buf[i]!]! < 0) perm[buf[i]!] = next++;
    }
    for (let t = 0; t < size; t++) if (perm[t]! < 0) perm[t] = next++;
    return perm;
  }

  /** Per-tag live counts from the per-slot lists (also sets publicCount and tagEntries). */
  private countTags(): Int32Array {
    const { cols, tags, docTags } = this;
    const count = new Int32Array(tags.size);
    tags.publicCount.fill(0);
    const buf = this.buf;
    let entries = 0;
    for (let slot = 0; slot < cols.hi; slot++) {
      if (cols.ids[slot] === 0) continue;
      const isPublic = !(cols.flags[slot]! & RESTRICTED);
      const n = docTags.decode(slot, buf);
      entries += n;
      for (let i = 0; i < n; i++) {
        count[buf[i]!]!++;
        if (isPublic) tags.publicCount[buf[i]!]!++;
      }
    }
    this.tagEntries = entries;
    return count;
  }

  private allocSlot(id: number): number {
    const slot = this.cols.alloc(id);
    if (this.cols.capacity !== this.slotCapacity) this.resizeSlots();
    return slot;
  }

  /** Brings every per-slot structure to the columns' capacity. */
  private resizeSlots(): void {
    const capacity = this.cols.capacity;
    this.slotCapacity = capacity;
    this.docTags.ensureSlots(capacity);
    this.docCreators.ensureSlots(capacity);
    this.tagPosts.growSlots(capacity);
    this.creatorPosts.growSlots(capacity);
    this.titles.growSlots(capacity);
    this.names.growSlots(capacity);
  }

  private writeScalars(slot: number, doc: WorkDoc): void {
    this.cols.write(slot, doc);
    this.titles.set(slot, doc.title);
    this.names.set(slot, doc.creatorName);
  }

  /** Dense indexes of the valid ids in `values`, ascending, without repeats, into buf; returns count. */
  private internSorted(values: unknown, dict: Dictionary): number {
    const raw: unknown[] = Array.isArray(values) ? values : [];
    const buf = this.buf;
    let n = 0;
    for (let i = 0; i < raw.length && n < MAX_LIST; i++) {
      const v = raw[i];
      if (isIndexableId(v)) buf[n++] = dict.intern(v);
    }
    if (n < 2) return n;
    buf.subarray(0, n).sort();
    let m = 1;
    for (let i = 1; i < n; i++) if (buf[i] !== buf[m - 1]) buf[m++] = buf[i]!;
    return m;
  }

  /** Brings tag postings and counts from the slot's stored tags to buf[0..n). */
  private diffTags(slot: number, n: number, wasPublic: boolean, isPublic: boolean): void {
    const { buf, old } = this;
    const { publicCount } = this.tags;
    const hi = this.cols.hi;
    const e = this.docTags.decode(slot, old);
    this.tagEntries += n - e;
    let i = 0;
    let j = 0;
    while (i < e || j < n) {
      const a = i < e ? old[i]! : END;
      const b = j < n ? buf[j]! : END;
      if (a === b) {
        if (wasPublic !== isPublic) publicCount[a]! += isPublic ? 1 : -1;
        i++;
        j++;
      } else if (a < b) {
        this.tagPosts.remove(a, slot);
        if (wasPublic) publicCount[a]!--;
        i++;
      } else {
        this.tagPosts.add(b, slot, hi);
        if (b >= this.tagHead && this.tagPosts.count[b]! > this.tailMax)
          this.tailMax = this.tagPosts.count[b]!;
        if (isPublic) publicCount[b]!++;
        j++;
      }
    }
  }

  private diffCreators(slot: number, n: number): void {
    const { buf, old } = this;
    const e = this.docCreators.decode(slot, old);
    let i = 0;
    let j = 0;
    while (i < e || j < n) {
      const a = i < e ? old[i]! : END;
      const b = j < n ? buf[j]! : END;
      if (a === b) {
        i++;
        j++;
      } else if (a < b) {
        this.creatorPosts.remove(a, slot);
        i++;
      } else {
        this.creatorPosts.add(b, slot, this.cols.hi);
        j++;
      }
    }
  }
}
