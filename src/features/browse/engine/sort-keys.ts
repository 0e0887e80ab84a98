// Sort keys for title and creator order without keeping a million JS strings alive: each text is
// normalized once (lower case, whitespace collapsed, trimmed), UTF-8 encoded and cut at 64 bytes. The first
// 4 bytes (6 for names) are packed into a number "prefix", so nearly every comparison is one number comparison; only
// equal prefixes look at the remaining bytes, kept in a byte arena. Order is by UTF-8 bytes
// (= code points), case-insensitively; locale collation is deliberately not attempted.
//
// Titles are nearly all distinct: one key per slot (SortKeys, 5.25 bytes a work plus the bytes past the 4th,
// which lie in blocks of 16 slots).
// Creator names repeat (a writer's every work carries the same name), so SharedSortKeys stores each
// distinct name once, reference-counted and found again through a hash of its bytes, and a slot holds
// only the Int32 number of its name.

import { grownSize, permuteInPlace } from './growth.ts';
import { capacityFor } from './posting-lists.ts';

const MAX_KEY = 64;
const encoder = new TextEncoder();
const scratch = new Uint8Array(MAX_KEY);

/** The comparison form of a title or name. */
export function normalizeKey(text: string): string {
  return String(text ?? '')
    .slice(0, 4 * MAX_KEY)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Encodes the key of `text` into `scratch`; returns its length in bytes. */
function encodeKey(text: string): number {
  return encoder.encodeInto(normalizeKey(text), scratch).written;
}

/** Keys 0..capacity-1, each a prefix (4 bytes in a Uint32, or 6 in a Float64) and a tail in an arena. */
class KeyArena {
  /** First PREFIX key bytes, big-endian, missing bytes as 0. */
  prefix: Uint32Array | Float64Array;
  private start = new Int32Array(0);
  /** Key length in bytes. */
  len = new Uint8Array(0);
  bytes = new Uint8Array(1024);
  private end = 0;
  private garbage = 0;

  constructor(private readonly PREFIX: 4 | 6) {
    this.prefix = PREFIX === 4 ? new Uint32Array(0) : new Float64Array(0);
  }

  get byteLength(): number {
    return this.prefix.byteLength + this.start.byteLength + this.len.byteLength + this.bytes.byteLength;
  }

  get capacity(): number {
    return this.prefix.length;
  }

  grow(capacity: number): void {
    if (capacity <= this.prefix.length) return;
    const prefix = this.PREFIX === 4 ? new Uint32Array(capacity) : new Float64Array(capacity);
    prefix.set(this.prefix);
    this.prefix = prefix;
    const start = new Int32Array(capacity);
    start.set(this.start);
    this.start = start;
    const len = new Uint8Array(capacity);
    len.set(this.len);
    this.len = len;
  }

  /** Makes scratch[0..written) key `i`. */
  set(i: number, written: number): void {
    const P = this.PREFIX;
    let p = 0;
    for (let k = 0; k < P; k++) p = p * 256 + (k < written ? scratch[k]! : 0);
    this.prefix[i] = p;
    const tail = Math.max(0, written - P);
    const old = Math.max(0, this.len[i]! - P);
    if (tail > old) {
      if (this.end + tail > this.bytes.length) this.makeRoom(tail);
      this.garbage += old;
      this.start[i] = this.end;
      this.end += tail;
    } else this.garbage += old - tail;
    if (tail > 0) this.bytes.set(scratch.subarray(P, written), this.start[i]!);
    this.len[i] = written;
  }

  clear(i: number): void {
    const P = this.PREFIX;
    this.garbage += Math.max(0, this.len[i]! - P);
    this.len[i] = 0;
    this.prefix[i] = 0;
  }

  /** Whether key `i` is scratch[0..written). */
  equals(i: number, written: number): boolean {
    const P = this.PREFIX;
    if (this.len[i] !== written) return false;
    for (let k = 0; k < Math.min(P, written); k++) {
      if (Math.floor(this.prefix[i]! / 256 ** (P - 1 - k)) % 256 !== scratch[k]) return false;
    }
    const s = this.start[i]! - P;
    for (let k = P; k < written; k++) if (this.bytes[s + k] !== scratch[k]) return false;
    return true;
  }

  /** Order of two keys: negative when `a` sorts first, 0 when equal. */
  compare(a: number, b: number): number {
    const P = this.PREFIX;
    const pa = this.prefix[a]!;
    const pb = this.prefix[b]!;
    if (pa !== pb) return pa < pb ? -1 : 1;
    const la = this.len[a]!;
    const lb = this.len[b]!;
    const n = Math.min(la, lb) - P;
    const bytes = this.bytes;
    const sa = this.start[a]!;
    const sb = this.start[b]!;
    for (let i = 0; i < n; i++) {
      const d = bytes[sa + i]! - bytes[sb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /** FNV-1a of key `i`'s bytes (as hashScratch would give for them). */
  hash(i: number): number {
    const P = this.PREFIX;
    let h = 0x811c9dc5;
    const n = this.len[i]!;
    for (let k = 0; k < Math.min(P, n); k++) {
      h = Math.imul(h ^ (Math.floor(this.prefix[i]! / 256 ** (P - 1 - k)) % 256), 0x01000193);
    }
    const s = this.start[i]! - P;
    for (let k = P; k < n; k++) h = Math.imul(h ^ this.bytes[s + k]!, 0x01000193);
    return h >>> 0;
  }

  private makeRoom(need: number): void {
    const P = this.PREFIX;
    const keys = this.len.length;
    if (this.garbage > this.end / 3) {
      const next = new Uint8Array(Math.max(1024, Math.ceil((this.end - this.garbage + need) * 1.25)));
      let at = 0;
      for (let i = 0; i < keys; i++) {
        const tail = Math.max(0, this.len[i]! - P);
        const from = this.start[i]!;
        next.set(this.bytes.subarray(from, from + tail), at);
        this.start[i] = at;
        at += tail;
      }
      this.bytes = next;
      this.end = at;
      this.garbage = 0;
    }
    if (this.end + need > this.bytes.length) {
      const next = new Uint8Array(grownSize(this.bytes.length, this.end + need));
      next.set(this.bytes.subarray(0, this.end));
      this.bytes = next;
    }
  }
}

/** FNV-1a of scratch[0..n). */
function hashScratch(n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ scratch[k]!, 0x01000193);
  return h >>> 0;
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

/** Each distinct key stored once; a slot holds the number of its key (creator names). */
export class SharedSortKeys {
  /** Per slot: key number, -1 for none. */
  private entry = new Int32Array(0);
  /** Few distinct names: a 6-byte prefix each, so names sharing their first 4 bytes rarely tie. */
  private readonly keys = new KeyArena(6);
  /** Per key: slots using it (0 = free). */
  private refs = new Int32Array(0);
  /** Open addressing by hash: key number + 1, 0 = empty. */
  private buckets = new Int32Array(16);
  private free: number[] = [];
  private used = 0;
  private count = 0;

  get byteLength(): number {
    return this.entry.byteLength + this.keys.byteLength + this.refs.byteLength + this.buckets.byteLength;
  }

  growSlots(capacity: number): void {
    if (capacity <= this.entry.length) return;
    const entry = new Int32Array(capacity).fill(-1);
    entry.set(this.entry);
    this.entry = entry;
  }

  /** Slot order[i] becomes slot i, for i < n. */
  permuteSlots(order: Int32Array, n: number): void {
    permuteInPlace([this.entry], order, n);
  }

  set(slot: number, text: string): void {
    const n = encodeKey(text);
    const h = hashScratch(n);
    const mask = this.buckets.length - 1;
    let i = h & mask;
    for (let b = this.buckets[i]!; b !== 0; b = this.buckets[(i = (i + 1) & mask)]!) {
      if (this.keys.equals(b - 1, n)) {
        if (this.entry[slot] === b - 1) return;
        this.clear(slot);
        this.refs[b - 1]!++;
        this.entry[slot] = b - 1;
        return;
      }
    }
    this.clear(slot);
    const key = this.free.length > 0 ? this.free.pop()! : this.used++;
    if (key >= this.keys.capacity) {
      const capacity = Math.ceil(Math.max(64, key * 1.25));
      this.keys.grow(capacity);
      const refs = new Int32Array(capacity);
      refs.set(this.refs);
      this.refs = refs;
    }
    this.keys.set(key, n);
    this.refs[key] = 1;
    this.entry[slot] = key;
    this.count++;
    // At most 70% full (linear probing stays short; half as many buckets as at 50%).
    if (this.count * 10 > this.buckets.length * 7) this.rehash(this.buckets.length * 2);
    else this.insert(key, h);
  }

  clear(slot: number): void {
    const key = this.entry[slot]!;
    if (key < 0) return;
    this.entry[slot] = -1;
    if (--this.refs[key]! > 0) return;
    this.removeBucket(key);
    this.keys.clear(key);
    this.free.push(key);
    this.count--;
  }

  compare(a: number, b: number): number {
    const x = this.entry[a]!;
    const y = this.entry[b]!;
    return x === y ? 0 : this.keys.compare(x, y);
  }

  prefixOf(slot: number): number {
    const key = this.entry[slot]!;
    return key < 0 ? 0 : this.keys.prefix[key]!;
  }

  private insert(key: number, h: number): void {
    const mask = this.buckets.length - 1;
    let i = h & mask;
    while (this.buckets[i] !== 0) i = (i + 1) & mask;
    this.buckets[i] = key + 1;
  }

  private removeBucket(key: number): void {
    const buckets = this.buckets;
    const mask = buckets.length - 1;
    let i = this.keys.hash(key) & mask;
    while (buckets[i] !== key + 1) i = (i + 1) & mask;
    // Backward shift deletion.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const b = buckets[j]!;
      if (b === 0) break;
      const home = this.keys.hash(b - 1) & mask;
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        buckets[i] = b;
        i = j;
      }
    }
    buckets[i] = 0;
  }

  private rehash(size: number): void {
    this.buckets = new Int32Array(size);
    for (let key = 0; key < this.used; key++) if (this.refs[key]! > 0) this.insert(key, this.keys.hash(key));
  }
}
