// Per-work columns. Every live work owns a dense slot 0..hi-1 (work id → slot in an IdMap; freed slots are
// reused, newest freed first); each scalar the filters and sorts read lives in a typed array indexed by
// slot, grown geometrically. Two bitsets mark live slots and slots guests may see.
//
// Sizes (bytes per slot): id 4, dates 4 + 4 (whole epoch seconds, Uint32: 1970–2106; fractions are
// floored, anything outside clamped), words 4, flags 1, language 1 (2 past 255 languages), and the four
// sort-only counters (hits, kudos, comments, bookmarks) 2 each: a Uint16 ORDER CODE, exact below 49,152
// and a monotone log-scale bucket above, with the exact value of those rare big counts in a small side
// map (slot + 1 → value). Sorting compares codes and looks at the side map only on a tie of big codes.

import { clearBit, growBits, setBit, wordsFor } from './bitset.ts';
import { permuteInPlace } from './growth.ts';
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
/** A timestamp as whole seconds in 0…2^32−1 (garbage becomes 0). */
export const toTime = (v: number): number => (v > 0 ? (v < 0xffffffff ? Math.floor(v) : 0xffffffff) : 0);

/** Counter values from here up are stored as a log-scale code, exact value in the side map. */
export const BIG = 0xc000;

/** The order code of a count (see the header): monotone, exact below BIG, < 65,536. */
export function countCode(v: number): number {
  if (v < BIG) return v;
  const e = 31 - Math.clz32(v); // 15…30
  return BIG + ((e - 15) << 10) + ((v >>> (e - 10)) & 1023);
}

/** A sort-only counter column: codes per slot, exact values of big counts by slot + 1. */
export class CountColumn {
  codes = new Uint16Array(0);
  exact = new IdMap();

  get byteLength(): number {
    return this.codes.byteLength + this.exact.byteLength;
  }

  grow(capacity: number): void {
    this.codes = grow(this.codes, capacity);
  }

  write(slot: number, v: number): void {
    const code = countCode(v);
    if (code >= BIG) this.exact.set(slot + 1, v);
    else if (this.codes[slot]! >= BIG) this.exact.delete(slot + 1);
    this.codes[slot] = code;
  }

  clear(slot: number): void {
    if (this.codes[slot]! >= BIG) this.exact.delete(slot + 1);
    this.codes[slot] = 0;
  }

  /** The exact count of a slot. */
  value(slot: number): number {
    const code = this.codes[slot]!;
    return code < BIG ? code : this.exact.get(slot + 1);
  }

  /** Slot order[i] becomes slot i, for i < n. */
  permute(order: Int32Array, n: number): void {
    const old = this.exact;
    permuteInPlace([this.codes], order, n);
    this.exact = new IdMap();
    for (let i = 0; i < n; i++) if (this.codes[i]! >= BIG) this.exact.set(i + 1, old.get(order[i]! + 1));
  }
}

function grow<T extends Int32Array | Uint32Array | Uint8Array | Uint16Array>(a: T, size: number): T {
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
  revisedAt = new Uint32Array(0);
  publishedAt = new Uint32Array(0);
  words = new Int32Array(0);
  readonly hits = new CountColumn();
  readonly kudos = new CountColumn();
  readonly comments = new CountColumn();
  readonly bookmarks = new CountColumn();
  /** LIVE | COMPLETE | RESTRICTED | CROSSOVER. */
  flags = new Uint8Array(0);
  /** Language code (0 = none); a Uint16Array once there are more than 256 languages. */
  lang: Uint8Array | Uint16Array = new Uint8Array(0);
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
    for (const c of [this.hits, this.kudos, this.comments, this.bookmarks]) c.clear(slot);
    this.liveCount--;
    if (this.freeCount === this.free.length) this.free = grow(this.free, this.free.length * 2);
    this.free[this.freeCount++] = slot;
  }

  /**
   * Moves slot order[i] to slot i for every i < hi (a bulk load regrouping its works). Only while no slot
   * is free: every slot below hi is live.
   */
  permuteSlots(order: Int32Array): void {
    const n = this.hi;
    permuteInPlace([this.ids, this.revisedAt, this.publishedAt, this.words, this.flags, this.lang], order, n);
    for (const c of [this.hits, this.kudos, this.comments, this.bookmarks]) c.permute(order, n);
    this.live.fill(0);
    this.visible.fill(0);
    for (let i = 0; i < n; i++) {
      const f = this.flags[i]!;
      if (f & LIVE) setBit(this.live, i);
      if ((f & (LIVE | RESTRICTED)) === LIVE) setBit(this.visible, i);
      if (this.ids[i] !== 0) this.slots.set(this.ids[i]!, i);
    }
  }

  /** Slots handed out and freed again (reusable). */
  get freeSlots(): number {
    return this.freeCount;
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
    this.hits.grow(capacity);
    this.kudos.grow(capacity);
    this.comments.grow(capacity);
    this.bookmarks.grow(capacity);
    this.flags = grow(this.flags, capacity);
    // A slot that was never written counts as restricted until write(), so publicCount stays exact.
    this.flags.fill(RESTRICTED, previous);
    this.lang = grow<Uint8Array | Uint16Array>(this.lang, capacity);
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
    if (this.languages.size === 256 && this.lang instanceof Uint8Array)
      this.lang = Uint16Array.from(this.lang);
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
    this.hits.write(slot, toCount(doc.hits));
    this.kudos.write(slot, toCount(doc.kudos));
    this.comments.write(slot, toCount(doc.comments));
    this.bookmarks.write(slot, toCount(doc.bookmarks));
    this.lang[slot] = Math.max(0, this.languageCode(doc.language, true));
  }
}
