// Creator names repeat (a writer's every work carries the same name), so SharedSortKeys stores each
// distinct name once, reference-counted and found again through a hash of its bytes, and a slot holds
// only the Int32 number of its name.
// Keys are encoded as sort-keys.ts encodes titles.

import { grownSize, permuteInPlace } from './growth.ts';
import { encodeKey, scratch } from './sort-keys.ts';

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
