// Posting lists: for each key (a dense tag index, or a dense creator index) the set of work slots that
// carry it, always readable in ascending slot order (so every candidate set the query plan builds is
// sorted). A sparse key holds the GAPS between its ascending slots, minus one, as varints (varint.ts) in
// one shared byte arena: a tag on one work in a hundred costs ~1 byte per work instead of 4 (and slots
// are grouped by fandom at bulk load, so a fandom's tags have small gaps). Insert and remove decode the
// list up to the slot and splice one or two gaps (a list is at most slots/16 long, so this stays in the
// tens of microseconds). A key carried by more than 1/16 of the slots (ratings, warnings, the biggest
// fandoms) becomes a bitset: O(1) updates, slots/8 bytes.
//
// Per key, 8 bytes: `count` (how many slots; facets.ts reads it as the per-tag live counts) and `start`,
// which says where the slots are:
//   start ≥ 0              count ≥ 2: byte offset of its segment of gaps in the arena;
//   -1 ≥ start > INLINE    a bitset, number -start - 1;
//   start ≤ INLINE         count = 1: the one slot itself, INLINE - start (a third of all tags, and half
//                          the creators, are on one work: no segment at all);
//   count 0                empty (start unused).
// A segment's length in bytes is not stored for lists of at most SCAN slots (a scan of their count
// varints finds it); longer ones keep it in a small map. Its reserved size is always capacityFor(used)
// (exact for short lists, then a size class at most ~12% over), so a list relocates when it outgrows its
// class; a list that shrinks into a smaller class books the difference as garbage.

import { clearBit, extractBits, growBits, setBit, testBit, wordsFor } from './bitset.ts';
import { grownSize } from './growth.ts';
import { IdMap } from './id-map.ts';
import { readVarint, varintLength, writeVarint } from './varint.ts';

/** Start values at or below this hold a single slot inline. */
const INLINE = -(1 << 24) - 1;
/** Lists of more slots than this keep their byte length in `long`. */
const SCAN = 32;

/** Reserved size of a segment holding `used` bytes: exact up to 16, then steps of max(4, ~size/8). */
export function capacityFor(used: number): number {
  if (used <= 16) return used;
  const step = Math.max(4, 2 ** (31 - Math.clz32(used) - 3));
  return Math.ceil(used / step) * step;
}

export class PostingLists {
  data = new Uint8Array(1 << 16);
  /** Per key: where its slots are (see the header). */
  start = new Int32Array(16);
  /** Per key: how many slots carry it. */
  count = new Int32Array(16);
  /** Key + 1 → bytes in use, for list keys of more than SCAN slots. */
  private long = new IdMap();
  private bitsets: Uint32Array[] = [];
  private end = 0;
  private garbage = 0;
  private words = 0;
  private readonly at = { value: 0, next: 0 };

  /** `minDense`: keys with at most this many slots always stay lists. */
  constructor(private readonly minDense = 4096) {}

  get byteLength(): number {
    let bytes = this.data.byteLength + this.start.byteLength + this.count.byteLength + this.long.byteLength;
    for (const b of this.bitsets) bytes += b.byteLength;
    return bytes;
  }

  /** Bitsets must cover every slot: called whenever the slot capacity grows. */
  growSlots(slotCapacity: number): void {
    this.words = wordsFor(slotCapacity);
    for (let i = 0; i < this.bitsets.length; i++) this.bitsets[i] = growBits(this.bitsets[i]!, this.words);
  }

  private ensureKeys(count: number): void {
    if (count <= this.start.length) return;
    const size = Math.max(count, Math.ceil(this.start.length * 1.5));
    for (const name of ['start', 'count'] as const) {
      const next = new Int32Array(size);
      next.set(this[name]);
      this[name] = next;
    }
  }

  size(key: number): number {
    return key < this.count.length ? this.count[key]! : 0;
  }

  /** The bitset of a dense key, or undefined for a sparse one. */
  bits(key: number): Uint32Array | undefined {
    const s = key < this.start.length ? this.start[key]! : 0;
    return s < 0 && s > INLINE ? this.bitsets[-s - 1] : undefined;
  }

  /** Bytes in use by the segment of list key `key` (count ≥ 2). */
  private usedOf(key: number): number {
    const n = this.count[key]!;
    if (n > SCAN) return this.long.get(key + 1);
    const data = this.data;
    const from = this.start[key]!;
    let p = from;
    for (let i = 0; i < n; i++) while (data[p++]! > 0x7f);
    return p - from;
  }

  /** Records the byte length of a list key that now has `n` slots (it had `before`). */
  private setUsed(key: number, used: number, n: number, before: number): void {
    if (n > SCAN) this.long.set(key + 1, used);
    else if (before > SCAN) this.long.delete(key + 1);
  }

  /** Adds `slot` to `key`; `slotsInUse` (the slot high-water mark) decides when a list turns into bits. */
  add(key: number, slot: number, slotsInUse: number): void {
    this.ensureKeys(key + 1);
    const bits = this.bits(key);
    if (bits) {
      if (!testBit(bits, slot)) {
        setBit(bits, slot);
        this.count[key]!++;
      }
      return;
    }
    const n = this.count[key]!;
    if (n === 0) {
      this.start[key] = INLINE - slot;
      this.count[key] = 1;
      return this.maybeDense(key, slotsInUse);
    }
    if (n === 1) {
      const other = INLINE - this.start[key]!;
      if (other === slot) return;
      const [a, b] = other < slot ? [other, slot] : [slot, other];
      const used = varintLength(a) + varintLength(b - a - 1);
      const s = this.allocate(capacityFor(used));
      writeVarint(this.data, writeVarint(this.data, s, a), b - a - 1);
      this.start[key] = s;
      this.count[key] = 2;
      return this.maybeDense(key, slotsInUse);
    }
    // Find the first slot above `slot`: its gap splits in two.
    const used = this.usedOf(key);
    let p = this.start[key]!;
    const end = p + used;
    let prev = -1;
    let grown = -1;
    while (p < end) {
      this.read(p);
      const value = prev + this.at.value + 1;
      if (value === slot) return;
      if (value > slot) {
        grown = this.splice(key, used, p, this.at.next, slot - prev - 1, value - slot - 1);
        break;
      }
      prev = value;
      p = this.at.next;
    }
    if (grown < 0) grown = this.splice(key, used, end, end, slot - prev - 1, -1);
    this.count[key] = n + 1;
    this.setUsed(key, grown, n + 1, n);
    this.maybeDense(key, slotsInUse);
  }

  remove(key: number, slot: number): void {
    if (key >= this.start.length) return;
    const bits = this.bits(key);
    if (bits) {
      if (testBit(bits, slot)) {
        clearBit(bits, slot);
        this.count[key]!--;
      }
      return;
    }
    const n = this.count[key]!;
    if (n === 0) return;
    if (n === 1) {
      if (INLINE - this.start[key]! !== slot) return;
      this.start[key] = 0;
      this.count[key] = 0;
      return;
    }
    const used = this.usedOf(key);
    let p = this.start[key]!;
    const end = p + used;
    let prev = -1;
    while (p < end) {
      this.read(p);
      const value = prev + this.at.value + 1;
      if (value > slot) return;
      if (value === slot) {
        // Its gap and the next one merge into one.
        const q = this.at.next;
        let left: number;
        if (q === end) left = this.splice(key, used, p, q, -1, -1);
        else {
          const gap = this.at.value;
          this.read(q);
          left = this.splice(key, used, p, this.at.next, gap + this.at.value + 1, -1);
        }
        this.count[key] = n - 1;
        if (n - 1 === 1) {
          // One slot left (the first gap is the slot itself): back inline.
          const s = this.start[key]!;
          this.read(s);
          this.garbage += capacityFor(left);
          this.start[key] = INLINE - this.at.value;
        }
        this.setUsed(key, left, n - 1, n);
        return;
      }
      prev = value;
      p = this.at.next;
    }
  }

  /** Writes the slots of `key` in ascending order into out[at..]; returns the position after them. */
  appendSlots(key: number, out: Int32Array, at: number): number {
    const bits = this.bits(key);
    if (bits) return at + extractBits(bits, this.words, at === 0 ? out : out.subarray(at));
    if (key >= this.start.length) return at;
    const n = this.count[key]!;
    if (n === 0) return at;
    if (n === 1) {
      out[at] = INLINE - this.start[key]!;
      return at + 1;
    }
    const data = this.data;
    let p = this.start[key]!;
    let slot = -1;
    for (let i = 0; i < n; i++) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      out[at++] = slot += v + 1;
    }
    return at;
  }

  private read(p: number): void {
    readVarint(this.data, p, this.at);
  }

  /**
   * Replaces bytes [from, to) of key's segment (`used` bytes) with the gaps g1 and g2 (each only when
   * ≥ 0); returns the segment's new byte length.
   */
  private splice(key: number, used: number, from: number, to: number, g1: number, g2: number): number {
    const size = (g1 >= 0 ? varintLength(g1) : 0) + (g2 >= 0 ? varintLength(g2) : 0);
    const delta = size - (to - from);
    if (used + delta > capacityFor(used)) {
      const offset = this.start[key]!;
      this.relocate(key, used, capacityFor(used + delta));
      from += this.start[key]! - offset;
      to += this.start[key]! - offset;
    } else if (delta < 0) this.garbage += capacityFor(used) - capacityFor(used + delta);
    const end = this.start[key]! + used;
    if (delta !== 0) this.data.copyWithin(to + delta, to, end);
    let p = from;
    if (g1 >= 0) p = writeVarint(this.data, p, g1);
    if (g2 >= 0) writeVarint(this.data, p, g2);
    return used + delta;
  }

  /** Turns a list key into a bitset once it is carried by more than minDense and 1/16 of the slots. */
  private maybeDense(key: number, slotsInUse: number): void {
    const n = this.count[key]!;
    if (n <= this.minDense || n <= slotsInUse >>> 4) return;
    const bits = new Uint32Array(this.words);
    const slots = new Int32Array(n);
    this.appendSlots(key, slots, 0);
    for (const s of slots) setBit(bits, s);
    if (n >= 2) {
      this.garbage += capacityFor(this.usedOf(key));
      if (n > SCAN) this.long.delete(key + 1);
    }
    this.bitsets.push(bits);
    this.start[key] = -this.bitsets.length;
  }

  /** Room for a new segment of `capacity` bytes at the end of the arena; returns its offset. */
  private allocate(capacity: number): number {
    if (this.end + capacity > this.data.length) {
      if (this.garbage > this.end / 3) this.compact(capacity);
      if (this.end + capacity > this.data.length) {
        const next = new Uint8Array(grownSize(this.data.length, this.end + capacity));
        next.set(this.data.subarray(0, this.end));
        this.data = next;
      }
    }
    const at = this.end;
    this.end += capacity;
    return at;
  }

  /** Moves key's segment (`used` bytes) to a fresh one of `capacity` bytes at the end of the arena. */
  private relocate(key: number, used: number, capacity: number): void {
    const to = this.allocate(capacity);
    const s = this.start[key]!;
    this.data.copyWithin(to, s, s + used);
    this.garbage += capacityFor(used);
    this.start[key] = to;
  }

  /** Rewrites the segments contiguously in key order (each in its size class); keeps `extra` free. */
  private compact(extra: number): void {
    const keys = this.start.length;
    const used = new Int32Array(keys);
    let total = 0;
    for (let k = 0; k < keys; k++) {
      if (this.start[k]! >= 0 && this.count[k]! >= 2) total += capacityFor((used[k] = this.usedOf(k)));
    }
    const next = new Uint8Array(Math.max(1 << 16, Math.ceil((total + extra) * 1.125)));
    let at = 0;
    for (let k = 0; k < keys; k++) {
      const s = this.start[k]!;
      if (s < 0 || this.count[k]! < 2) continue;
      const n = used[k]!;
      next.set(this.data.subarray(s, s + n), at);
      this.start[k] = at;
      at += capacityFor(n);
    }
    this.data = next;
    this.end = at;
    this.garbage = 0;
  }

  /**
   * Rebuilds everything from the per-slot id lists of the live slots (bulk load): sizes, then one pass to
   * measure each list's bytes, one to write them; slots come in ascending order, so gaps are positive.
   */
  build(
    docs: { decode(slot: number, out: Int32Array): number },
    live: Uint32Array,
    slotsInUse: number,
    keyCount: number,
  ): void {
    this.start = new Int32Array(keyCount + (keyCount >> 4) + 16);
    this.count = new Int32Array(this.start.length);
    this.long = new IdMap();
    this.bitsets = [];
    const ids = new Int32Array(8192);
    const last = new Int32Array(keyCount).fill(-1);
    const used = new Int32Array(keyCount);
    const eachEntry = (fn: (key: number, slot: number) => void) => {
      for (let slot = 0; slot < slotsInUse; slot++) {
        if (!testBit(live, slot)) continue;
        const n = docs.decode(slot, ids);
        for (let i = 0; i < n; i++) fn(ids[i]!, slot);
      }
    };
    const { start, count } = this;
    eachEntry((k, slot) => {
      count[k]!++;
      used[k]! += varintLength(slot - last[k]! - 1);
      last[k] = slot;
    });
    let at = 0;
    for (let k = 0; k < keyCount; k++) {
      const n = count[k]!;
      if (n > this.minDense && n > slotsInUse >>> 4) {
        this.bitsets.push(new Uint32Array(this.words));
        start[k] = -this.bitsets.length;
      } else if (n === 1) start[k] = INLINE;
      else if (n >= 2) {
        start[k] = at;
        at += capacityFor(used[k]!);
        if (n > SCAN) this.long.set(k + 1, used[k]!);
      }
    }
    this.data = new Uint8Array(Math.max(1 << 16, at + (at >> 5)));
    this.end = at;
    this.garbage = 0;
    last.fill(-1);
    used.fill(0);
    const data = this.data;
    const bitsets = this.bitsets;
    eachEntry((k, slot) => {
      const s = start[k]!;
      if (s <= INLINE) start[k] = INLINE - slot;
      else if (s < 0) setBit(bitsets[-s - 1]!, slot);
      else {
        used[k] = writeVarint(data, s + used[k]!, slot - last[k]! - 1) - s;
        last[k] = slot;
      }
    });
  }
}
