// Posting lists: for each key (a dense tag index, or a dense creator index) the set of work slots that
// carry it, always readable in ascending slot order (so every candidate set the query plan builds is
// sorted). A sparse key holds the GAPS between its ascending slots as varints (varint.ts) in one shared
// byte arena: a tag on one work in a hundred costs ~1 byte per work instead of 4. Insert and remove
// decode the list up to the slot and splice one or two gaps (a list is at most slots/16 long, so this
// stays in the tens of microseconds). A key carried by more than 1/16 of the slots (ratings, warnings,
// the biggest fandoms) becomes a bitset: O(1) updates, slots/8 bytes.
//
// Per key: start, used bytes and count (12 bytes). A segment's reserved size is not stored: it is
// always capacityFor(used) (exact for short lists, then a size class at most ~12% over), so a list relocates when it outgrows its
// class; a list that shrinks into a smaller class books the difference as garbage.

import { clearBit, extractBits, growBits, setBit, testBit, wordsFor } from './bitset.ts';
import { grownSize } from './growth.ts';
import { readVarint, varintLength, writeVarint } from './varint.ts';

/** Reserved size of a segment holding `used` bytes: exact up to 16, then steps of max(4, ~size/8). */
export function capacityFor(used: number): number {
  if (used <= 16) return used;
  const step = Math.max(4, 2 ** (31 - Math.clz32(used) - 3));
  return Math.ceil(used / step) * step;
}

export class PostingLists {
  data = new Uint8Array(1 << 16);
  /** Per key: byte offset of its segment, or -(bitset index + 1) for a dense key. */
  start = new Int32Array(16);
  /** Per key: bytes in use in its segment (which reserves capacityFor(used)). */
  used = new Int32Array(16);
  /** Per key: how many slots carry it. */
  count = new Int32Array(16);
  private bitsets: Uint32Array[] = [];
  private end = 0;
  private garbage = 0;
  private words = 0;
  private readonly at = { value: 0, next: 0 };

  /** `minDense`: keys with at most this many slots always stay lists. */
  constructor(private readonly minDense = 4096) {}

  get byteLength(): number {
    let bytes = this.data.byteLength + 3 * this.start.byteLength;
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
    for (const name of ['start', 'used', 'count'] as const) {
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
    return s < 0 ? this.bitsets[-s - 1] : undefined;
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
    // Find the first slot above `slot`: its gap splits in two.
    let p = this.start[key]!;
    const end = p + this.used[key]!;
    let prev = -1;
    while (p < end) {
      this.read(p);
      const value = prev + this.at.value;
      if (value === slot) return;
      if (value > slot) {
        this.splice(key, p, this.at.next, slot - prev, value - slot);
        return this.added(key, slotsInUse);
      }
      prev = value;
      p = this.at.next;
    }
    this.splice(key, end, end, slot - prev, 0);
    this.added(key, slotsInUse);
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
    let p = this.start[key]!;
    const end = p + this.used[key]!;
    let prev = -1;
    while (p < end) {
      this.read(p);
      const value = prev + this.at.value;
      if (value > slot) return;
      if (value === slot) {
        // Its gap and the next one merge into one.
        const q = this.at.next;
        if (q === end) this.splice(key, p, q, 0, 0);
        else {
          this.read(q);
          this.splice(key, p, this.at.next, value - prev + this.at.value, 0);
        }
        this.count[key]!--;
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
    const data = this.data;
    let p = this.start[key]!;
    const end = p + this.used[key]!;
    let slot = -1;
    while (p < end) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      out[at++] = slot += v;
    }
    return at;
  }

  private read(p: number): void {
    readVarint(this.data, p, this.at);
  }

  /** Replaces bytes [from, to) of key's segment with the gaps g1 (and g2 when > 0). */
  private splice(key: number, from: number, to: number, g1: number, g2: number): void {
    const size = (g1 > 0 ? varintLength(g1) : 0) + (g2 > 0 ? varintLength(g2) : 0);
    const delta = size - (to - from);
    const used = this.used[key]!;
    if (used + delta > capacityFor(used)) {
      const offset = this.start[key]!;
      this.relocate(key, capacityFor(used + delta));
      from += this.start[key]! - offset;
      to += this.start[key]! - offset;
    } else if (delta < 0) this.garbage += capacityFor(used) - capacityFor(used + delta);
    const end = this.start[key]! + used;
    if (delta !== 0) this.data.copyWithin(to + delta, to, end);
    let p = from;
    if (g1 > 0) p = writeVarint(this.data, p, g1);
    if (g2 > 0) writeVarint(this.data, p, g2);
    this.used[key] = used + delta;
  }

  private added(key: number, slotsInUse: number): void {
    const n = ++this.count[key]!;
    if (n > this.minDense && n > slotsInUse >>> 4) {
      const bits = new Uint32Array(this.words);
      const slots = new Int32Array(n);
      this.appendSlots(key, slots, 0);
      for (const s of slots) setBit(bits, s);
      this.garbage += capacityFor(this.used[key]!);
      this.bitsets.push(bits);
      this.start[key] = -this.bitsets.length;
      this.used[key] = 0;
    }
  }

  /** Moves key's segment to a fresh one of `capacity` bytes at the end of the arena. */
  private relocate(key: number, capacity: number): void {
    if (this.end + capacity > this.data.length) {
      if (this.garbage > this.end / 3) this.compact(capacity);
      if (this.end + capacity > this.data.length) {
        const next = new Uint8Array(grownSize(this.data.length, this.end + capacity));
        next.set(this.data.subarray(0, this.end));
        this.data = next;
      }
    }
    const s = this.start[key]!;
    this.data.copyWithin(this.end, s, s + this.used[key]!);
    this.garbage += capacityFor(this.used[key]!);
    this.start[key] = this.end;
    this.end += capacity;
  }

  /** Rewrites the sparse segments contiguously in key order (each in its size class); keeps `extra` free. */
  private compact(extra: number): void {
    const keys = this.start.length;
    let total = 0;
    for (let k = 0; k < keys; k++) if (this.start[k]! >= 0) total += capacityFor(this.used[k]!);
    const next = new Uint8Array(Math.max(1 << 16, Math.ceil((total + extra) * 1.25)));
    let at = 0;
    for (let k = 0; k < keys; k++) {
      const s = this.start[k]!;
      if (s < 0) continue;
      const n = this.used[k]!;
      for (let i = 0; i < n; i++) next[at + i] = this.data[s + i]!;
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
    this.used = new Int32Array(this.start.length);
    this.count = new Int32Array(this.start.length);
    this.bitsets = [];
    const ids = new Int32Array(8192);
    const last = new Int32Array(keyCount).fill(-1);
    const eachEntry = (fn: (key: number, slot: number) => void) => {
      for (let slot = 0; slot < slotsInUse; slot++) {
        if (!testBit(live, slot)) continue;
        const n = docs.decode(slot, ids);
        for (let i = 0; i < n; i++) fn(ids[i]!, slot);
      }
    };
    const { start, used, count } = this;
    eachEntry((k, slot) => {
      count[k]!++;
      used[k]! += varintLength(slot - last[k]!);
      last[k] = slot;
    });
    let at = 0;
    for (let k = 0; k < keyCount; k++) {
      const n = count[k]!;
      if (n > this.minDense && n > slotsInUse >>> 4) {
        this.bitsets.push(new Uint32Array(this.words));
        start[k] = -this.bitsets.length;
        used[k] = 0;
      } else {
        start[k] = at;
        at += capacityFor(used[k]!);
        used[k] = 0;
      }
    }
    this.data = new Uint8Array(Math.max(1 << 16, at + (at >> 5)));
    this.end = at;
    this.garbage = 0;
    last.fill(-1);
    const data = this.data;
    const bitsets = this.bitsets;
    eachEntry((k, slot) => {
      const s = start[k]!;
      if (s < 0) setBit(bitsets[-s - 1]!, slot);
      else {
        used[k] = writeVarint(data, s + used[k]!, slot - last[k]!) - s;
        last[k] = slot;
      }
    });
  }
}
