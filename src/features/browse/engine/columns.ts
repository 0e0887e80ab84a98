// Per-work columns. Every live work owns a dense slot 0..hi-1 (work id → slot in an IdMap; freed slots are
// reused, newest freed first); each scalar the filters and sorts read lives in a typed array indexed by
// slot, grown geometrically. Two bitsets mark live slots and slots guests may see.

import { clearBit, growBits, setBit, wordsFor } from './bitset.ts';
import { IdMap } from './id-map.ts';
import type { WorkDoc } from './types.ts';

export const COMPLETE = 1;
export const RESTRICTED = 2;
export const CROSSOVER = 4;
/** Set on live slots only (so a scan over all slots can test liveness with the other flags). */
export const LIVE = 8;

const INT_MAX = 0x7fffffff;

/** A count or word total as a non-negative int32 (garbage becomes 0). */
export const toCount = (v: number): number => (v > 0 ? (v < INT_MAX ? Math.round(v) : INT_MAX) : 0);
/** A timestamp as a finite number (garbage becomes 0). */
export const toTime = (v: number): number => (Number.isFinite(v) ? v : 0);

function grow<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

export class WorkColumns {
  capacity = 0;
  /** Slots ever handed out: every live slot is below this. */
  hi = 0;
  liveCount = 0;
  publicCount = 0;
  private readonly slots = new IdMap();
  private free = new Int32Array(64);
  private freeCount = 0;
  private readonly languages = new Map<string, number>([['', 0]]);

  ids = new Int32Array(0);
  revisedAt = new Float64Array(0);
  publishedAt = new Float64Array(0);
  words = new Int32Array(0);
  hits = new Int32Array(0);
  kudos = new Int32Array(0);
  comments = new Int32Array(0);
  bookmarks = new Int32Array(0);
  /** LIVE | COMPLETE | RESTRICTED | CROSSOVER. */
  flags = new Uint8Array(0);
  /** Language code (0 = none). */
  lang = new Uint16Array(0);
  live: Uint32Array = new Uint32Array(0);
  /** Live and not restricted. */
  visible: Uint32Array = new Uint32Array(0);

  get byteLength(): number {
    return (
      this.slots.byteLength +
      this.free.byteLength +
      this.ids.byteLength +
      this.revisedAt.byteLength +
      this.publishedAt.byteLength +
      this.words.byteLength +
      this.hits.byteLength +
      this.kudos.byteLength +
      this.comments.byteLength +
      this.bookmarks.byteLength +
      this.flags.byteLength +
      this.lang.byteLength +
      this.live.byteLength +
      this.visible.byteLength
    );
  }

  slotOf(id: number): number {
    return this.slots.get(id);
  }

  /** A slot for the new work `id` (marked live); may grow `capacity`. */
  alloc(id: number): number {
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.hi++;
    // Double while small; past 64K slots grow by a quarter (a million works leave ~12 MB of slack, not 25).
    if (slot >= this.capacity)
      this.growTo(Math.max(1024, Math.ceil(this.capacity * (this.capacity < 65_536 ? 2 : 1.25))));
    this.slots.set(id, slot);
    this.ids[slot] = id;
    setBit(this.live, slot);
    this.liveCount++;
    return slot;
  }

  /** Frees a live slot for reuse. */
  release(slot: number): void {
    if (!(this.flags[slot]! & RESTRICTED)) this.publicCount--;
    clearBit(this.live, slot);
    clearBit(this.visible, slot);
    this.slots.delete(this.ids[slot]!);
    this.ids[slot] = 0;
    this.flags[slot] = RESTRICTED;
    this.liveCount--;
    if (this.freeCount === this.free.length) this.free = grow(this.free, this.free.length * 2);
    this.free[this.freeCount++] = slot;
  }

  /** Makes room for at least `capacity` slots. */
  growTo(capacity: number): void {
    if (capacity <= this.capacity) return;
    const previous = this.capacity;
    this.capacity = capacity;
    this.ids = grow(this.ids, capacity);
    this.revisedAt = grow(this.revisedAt, capacity);
    this.publishedAt = grow(this.publishedAt, capacity);
    this.words = grow(this.words, capacity);
    this.hits = grow(this.hits, capacity);
    this.kudos = grow(this.kudos, capacity);
    this.comments = grow(this.comments, capacity);
    this.bookmarks = grow(this.bookmarks, capacity);
    this.flags = grow(this.flags, capacity);
    // A slot that was never written counts as restricted until write(), so publicCount stays exact.
    this.flags.fill(RESTRICTED, previous);
    this.lang = grow(this.lang, capacity);
    this.live = growBits(this.live, wordsFor(capacity));
    this.visible = growBits(this.visible, wordsFor(capacity));
  }

  /** The code of a language tag (case-insensitive); -1 when `create` is false and it is unknown. */
  languageCode(language: string, create: boolean): number {
    const key = String(language ?? '')
      .trim()
      .toLowerCase();
    const found = this.languages.get(key);
    if (found !== undefined) return found;
    if (!create || this.languages.size > 0xffff) return -1;
    this.languages.set(key, this.languages.size);
    return this.languages.size - 1;
  }

  /** Writes the scalar columns of `doc` into a live slot. */
  write(slot: number, doc: WorkDoc): void {
    const wasPublic = !(this.flags[slot]! & RESTRICTED);
    const flags =
      LIVE |
      (doc.complete ? COMPLETE : 0) |
      (doc.restricted ? RESTRICTED : 0) |
      (doc.fandomCount > 1 ? CROSSOVER : 0);
    this.flags[slot] = flags;
    const isPublic = !doc.restricted;
    if (isPublic !== wasPublic) {
      this.publicCount += isPublic ? 1 : -1;
      if (isPublic) setBit(this.visible, slot);
      else clearBit(this.visible, slot);
    }
    this.revisedAt[slot] = toTime(doc.revisedAt);
    this.publishedAt[slot] = toTime(doc.publishedAt);
    this.words[slot] = toCount(doc.words);
    this.hits[slot] = toCount(doc.hits);
    this.kudos[slot] = toCount(doc.kudos);
    this.comments[slot] = toCount(doc.comments);
    this.bookmarks[slot] = toCount(doc.bookmarks);
    this.lang[slot] = Math.max(0, this.languageCode(doc.language, true));
  }
}
