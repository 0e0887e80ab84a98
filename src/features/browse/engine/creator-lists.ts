// CreatorLists: each work slot's creators (ascending dense creator indexes). Nearly every work has exactly
// one creator, so a slot holds it INLINE in one Int32 (4 bytes a work, no list, no pointer): `head[slot]`
// ≥ 0 is the only creator, -1 means none, and -(2 + offset) points at a co-written work's list in a small
// byte arena ([count varint][ids as varints]). Replaced lists leave garbage; the arena compacts itself
// (one scan of the slots) when a third of it is garbage.

import { grownSize, permuteInPlace } from './growth.ts';
import { readVarint, varintLength, writeVarint } from './varint.ts';

export class CreatorLists {
  head = new Int32Array(0);
  multi = new Uint8Array(256);
  private end = 0;
  private garbage = 0;
  private readonly at = { value: 0, next: 0 };

  get byteLength(): number {
    return this.head.byteLength + this.multi.byteLength;
  }

  ensureSlots(capacity: number): void {
    if (capacity <= this.head.length) return;
    const head = new Int32Array(capacity).fill(-1);
    head.set(this.head);
    this.head = head;
  }

  /** Slot order[i] becomes slot i, for i < n. */
  permuteSlots(order: Int32Array, n: number): void {
    permuteInPlace([this.head], order, n);
  }

  /** Makes values[0..n) (ascending) the creators of `slot`. */
  set(slot: number, values: Int32Array, n: number): void {
    this.clear(slot);
    if (n === 0) return;
    if (n === 1) {
      this.head[slot] = values[0]!;
      return;
    }
    let bytes = varintLength(n);
    for (let i = 0; i < n; i++) bytes += varintLength(values[i]!);
    if (this.end + bytes > this.multi.length) this.makeRoom(bytes);
    const start = this.end;
    let p = writeVarint(this.multi, start, n);
    for (let i = 0; i < n; i++) p = writeVarint(this.multi, p, values[i]!);
    this.end = p;
    this.head[slot] = -2 - start;
  }

  clear(slot: number): void {
    const h = this.head[slot]!;
    if (h <= -2) this.garbage += this.segmentBytes(-2 - h);
    this.head[slot] = -1;
  }

  /** Writes the creators of `slot` into `out`; returns how many. */
  decode(slot: number, out: Int32Array): number {
    const h = this.head[slot]!;
    if (h >= 0) {
      out[0] = h;
      return 1;
    }
    if (h === -1) return 0;
    const at = this.at;
    readVarint(this.multi, -2 - h, at);
    const n = at.value;
    for (let i = 0; i < n; i++) {
      readVarint(this.multi, at.next, at);
      out[i] = at.value;
    }
    return n;
  }

  private segmentBytes(start: number): number {
    const at = this.at;
    readVarint(this.multi, start, at);
    const n = at.value;
    for (let i = 0; i < n; i++) readVarint(this.multi, at.next, at);
    return at.next - start;
  }

  private makeRoom(need: number): void {
    if (this.garbage > this.end / 3) {
      const next = new Uint8Array(Math.max(256, Math.ceil((this.end - this.garbage + need) * 1.25)));
      let at = 0;
      const head = this.head;
      for (let s = 0; s < head.length; s++) {
        const h = head[s]!;
        if (h > -2) continue;
        const from = -2 - h;
        const n = this.segmentBytes(from);
        next.set(this.multi.subarray(from, from + n), at);
        head[s] = -2 - at;
        at += n;
      }
      this.multi = next;
      this.end = at;
      this.garbage = 0;
    }
    if (this.end + need > this.multi.length) {
      const next = new Uint8Array(grownSize(this.multi.length, this.end + need));
      next.set(this.multi.subarray(0, this.end));
      this.multi = next;
    }
  }
}
