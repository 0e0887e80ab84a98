// Sort keys for title and creator order without keeping a million JS strings alive: each text is
// normalized once (lower case, whitespace collapsed, trimmed), UTF-8 encoded and cut at 64 bytes. The first
// 4 bytes (6 for names) are packed into a number "prefix", so nearly every comparison is one number comparison; only
// equal prefixes look at the remaining bytes, kept in a byte arena. Order is by UTF-8 bytes
// (= code points), case-insensitively; locale collation is deliberately not attempted.
//
// Titles are nearly all distinct: one key per slot (SortKeys, 5.25 bytes a work plus the bytes past the 4th,
// which lie in blocks of 16 slots).
// Creator names: shared-sort-keys.ts.

import { grownSize, permuteInPlace } from './growth.ts';
import { capacityFor } from './posting-lists.ts';

const MAX_KEY = 64;
const encoder = new TextEncoder();
export const scratch = new Uint8Array(MAX_KEY);

/** The comparison form of a title or name. */
export function normalizeKey(text: string): string {
  return String(text ?? '')
    .slice(0, 4 * MAX_KEY)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Encodes the key of `text` into `scratch`; returns its length in bytes. */
export function encodeKey(text: string): number {
  return encoder.encodeInto(normalizeKey(text), scratch).written;
}

/** Slots per block of title tails. */
const BLOCK = 16;

/**
 * One key per slot (titles): a 4-byte prefix (Uint32) and the length per slot; the bytes past the 4th of
 * BLOCK consecutive slots lie together, in slot order, in one segment of a byte arena, and only the
 * segment's offset is kept (per block): a slot's tail is found by adding up the tail lengths before it in
 * its block (done only when two prefixes tie). 5.25 bytes a work plus the tails, instead of 9. A segment
 * reserves capacityFor(its bytes) (posting-lists.ts), relocates when it outgrows that, and the arena
 * compacts itself when a third of it is garbage.
 */
export class SortKeys {
  prefix = new Uint32Array(0);
  /** Key length in bytes. */
  len = new Uint8Array(0);
  /** Per block: offset of its segment. */
  private block = new Int32Array(0);
  bytes = new Uint8Array(1024);
  private end = 0;
  private garbage = 0;

  get byteLength(): number {
    return this.prefix.byteLength + this.len.byteLength + this.block.byteLength + this.bytes.byteLength;
  }

  growSlots(capacity: number): void {
    if (capacity <= this.prefix.length) return;
    const prefix = new Uint32Array(capacity);
    prefix.set(this.prefix);
    this.prefix = prefix;
    const len = new Uint8Array(capacity);
    len.set(this.len);
    this.len = len;
    const block = new Int32Array(Math.ceil(capacity / BLOCK));
    block.set(this.block);
    this.block = block;
  }

  set(slot: number, text: string): void {
    this.write(slot, encodeKey(text));
  }

  clear(slot: number): void {
    this.write(slot, 0);
  }

  /** Slot order[i] becomes slot i, for i < n; lays the arena out anew, exactly. */
  permuteSlots(order: Int32Array, n: number): void {
    const { len, bytes } = this;
    const tailOf = (i: number) => Math.max(0, len[order[i]!]! - 4);
    let total = 0;
    for (let first = 0; first < n; first += BLOCK) {
      let used = 0;
      for (let i = first; i < Math.min(n, first + BLOCK); i++) used += tailOf(i);
      total += capacityFor(used);
    }
    const next = new Uint8Array(Math.max(1024, total + (total >> 6)));
    const block = new Int32Array(this.block.length);
    let at = 0;
    for (let first = 0; first < n; first += BLOCK) {
      const start = at;
      block[first / BLOCK] = start;
      for (let i = first; i < Math.min(n, first + BLOCK); i++) {
        const from = this.offsetOf(order[i]!);
        next.set(bytes.subarray(from, from + tailOf(i)), at);
        at += tailOf(i);
      }
      at = start + capacityFor(at - start);
    }
    permuteInPlace([this.prefix, len], order, n);
    this.block = block;
    this.bytes = next;
    this.end = at;
    this.garbage = 0;
  }

  compare(a: number, b: number): number {
    const pa = this.prefix[a]!;
    const pb = this.prefix[b]!;
    if (pa !== pb) return pa < pb ? -1 : 1;
    const la = this.len[a]!;
    const lb = this.len[b]!;
    const n = Math.min(la, lb) - 4;
    if (n > 0) {
      const bytes = this.bytes;
      const sa = this.offsetOf(a);
      const sb = this.offsetOf(b);
      for (let i = 0; i < n; i++) {
        const d = bytes[sa + i]! - bytes[sb + i]!;
        if (d !== 0) return d;
      }
    }
    return la - lb;
  }

  prefixOf(slot: number): number {
    return this.prefix[slot]!;
  }

  /** Where the tail of `slot` starts in the arena. */
  private offsetOf(slot: number): number {
    const len = this.len;
    let at = this.block[(slot / BLOCK) | 0]!;
    for (let j = slot - (slot % BLOCK); j < slot; j++) if (len[j]! > 4) at += len[j]! - 4;
    return at;
  }

  /** Bytes of the tails of the block starting at slot `first`. */
  private blockBytes(first: number): number {
    const len = this.len;
    let used = 0;
    const last = Math.min(first + BLOCK, len.length);
    for (let j = first; j < last; j++) if (len[j]! > 4) used += len[j]! - 4;
    return used;
  }

  /** Makes scratch[0..written) the key of `slot`. */
  private write(slot: number, written: number): void {
    let p = 0;
    for (let k = 0; k < 4; k++) p = p * 256 + (k < written ? scratch[k]! : 0);
    this.prefix[slot] = p;
    const b = (slot / BLOCK) | 0;
    const first = b * BLOCK;
    const tail = Math.max(0, written - 4);
    const old = Math.max(0, this.len[slot]! - 4);
    if (tail !== old) {
      const used = this.blockBytes(first);
      const grown = used - old + tail;
      const capacity = capacityFor(used);
      if (grown > capacity) {
        const start = this.block[b]!;
        if (start + capacity === this.end) {
          // The last segment (a load filling blocks in order): grows in place.
          this.ensure(start + capacityFor(grown));
          this.end = start + capacityFor(grown);
        } else this.relocate(b, used, capacityFor(grown));
      } else this.garbage += capacity - capacityFor(grown);
      const at = this.offsetOf(slot);
      const blockEnd = this.block[b]! + used;
      this.bytes.copyWithin(at + tail, at + old, blockEnd);
    }
    if (tail > 0) this.bytes.set(scratch.subarray(4, written), this.offsetOf(slot));
    this.len[slot] = written;
  }

  /** Moves block b's segment (`used` bytes) to a fresh one of `capacity` bytes at the end. */
  private relocate(b: number, used: number, capacity: number): void {
    if (this.end + capacity > this.bytes.length && this.garbage > this.end / 3) this.compact();
    this.ensure(this.end + capacity);
    const s = this.block[b]!;
    this.bytes.copyWithin(this.end, s, s + used);
    this.garbage += capacityFor(used);
    this.block[b] = this.end;
    this.end += capacity;
  }

  /** Grows the arena to at least `size` bytes. */
  private ensure(size: number): void {
    if (size <= this.bytes.length) return;
    const next = new Uint8Array(grownSize(this.bytes.length, size));
    next.set(this.bytes.subarray(0, this.end));
    this.bytes = next;
  }

  /** Rewrites every segment contiguously in block order (each in its size class). */
  private compact(): void {
    const blocks = this.block.length;
    const used = new Int32Array(blocks);
    let total = 0;
    for (let b = 0; b < blocks; b++) total += capacityFor((used[b] = this.blockBytes(b * BLOCK)));
    const next = new Uint8Array(Math.max(1024, Math.ceil(total * 1.125)));
    let at = 0;
    for (let b = 0; b < blocks; b++) {
      const s = this.block[b]!;
      next.set(this.bytes.subarray(s, s + used[b]!), at);
      this.block[b] = at;
      at += capacityFor(used[b]!);
    }
    this.bytes = next;
    this.end = at;
    this.garbage = 0;
  }
}
