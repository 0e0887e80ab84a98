// SlotLists: for every work slot, a short ascending list of dense ids (its tags), DELTA-coded as varints
// (varint.ts) in one shared Uint8Array: the first id, then each id minus the previous one minus 1 (so a
// decoder keeps `t = -1` and does `t += v + 1`). At bulk load the popular head tags are numbered first
// (so the ratings, warnings and categories every work carries are small numbers at the front of the
// counts array) and the rest by first appearance in slot order, with slots grouped by primary fandom
// (work-store.ts): a fandom's characters and relationships get neighbouring numbers, and most gaps fit in
// one byte: ~1.6 bytes per (work, tag) instead of 4.
//
// A list that no longer fits its segment moves to the end; shrinking leaves the tail as garbage; the
// arena compacts itself (in slot order, so scans read it sequentially) when a third of it is garbage.

import { grownSize } from './growth.ts';
import { varintLength, writeVarint } from './varint.ts';

/** Most ids a list may hold (so its byte length fits the Uint16 length). */
export const MAX_LIST = 8191;
/** Ids must stay below this (four varint bytes). */
export const MAX_ID = 1 << 28;

export class SlotLists {
  data = new Uint8Array(4096);
  start = new Int32Array(0);
  /** Length in bytes. */
  len = new Uint16Array(0);
  private end = 0;
  private garbage = 0;
  private readonly bytes = new Uint8Array(4 * MAX_LIST);

  get byteLength(): number {
    return this.data.byteLength + this.start.byteLength + this.len.byteLength + this.bytes.byteLength;
  }

  ensureSlots(capacity: number): void {
    if (capacity <= this.start.length) return;
    const start = new Int32Array(capacity);
    start.set(this.start);
    this.start = start;
    const len = new Uint16Array(capacity);
    len.set(this.len);
    this.len = len;
  }

  /** Makes values[0..n) (ascending, n ≤ MAX_LIST, each < MAX_ID) the list of `slot`. */
  set(slot: number, values: Int32Array, n: number): void {
    let b = 0;
    for (let i = 0, prev = -1; i < n; prev = values[i++]!)
      b = writeVarint(this.bytes, b, values[i]! - prev - 1);
    const old = this.len[slot]!;
    if (b > old) {
      if (this.end + b > this.data.length) this.makeRoom(b);
      this.garbage += old;
      this.start[slot] = this.end;
      this.end += b;
    } else this.garbage += old - b;
    this.data.set(this.bytes.subarray(0, b), this.start[slot]!);
    this.len[slot] = b;
  }

  clear(slot: number): void {
    this.garbage += this.len[slot]!;
    this.len[slot] = 0;
  }

  /** Writes the ids of `slot` into `out`; returns how many. */
  decode(slot: number, out: Int32Array): number {
    const data = this.data;
    let n = 0;
    let t = -1;
    const e = this.start[slot]! + this.len[slot]!;
    for (let p = this.start[slot]!; p < e;) {
      let v = data[p++]!;
      if (v > 0x7f) {
        v = (v & 0x7f) | (data[p++]! << 7);
        if (v > 0x3fff) {
          v = (v & 0x3fff) | (data[p++]! << 14);
          if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
        }
      }
      out[n++] = t += v + 1;
    }
    return n;
  }

  /**
   * Renumbers every id through `perm` (old → new) and, with `order` (new slot → old slot), moves the lists
   * to their new slots; keeps each list ascending, lays the arena out in slot order and sizes it exactly.
   */
  renumber(perm: Int32Array, slots: number, order: Int32Array | null = null): void {
    const steps = this.renumberSteps(perm, slots, order);
    while (!steps.next().done);
  }

  /** renumber() in steps of `every` slots (the lists are replaced at the last one). */
  *renumberSteps(perm: Int32Array, slots: number, order: Int32Array | null = null, every = 1 << 17) {
    const ids = new Int32Array(MAX_LIST);
    let total = 0;
    for (let slot = 0; slot < slots; slot++) {
      const n = this.decode(slot, ids);
      for (let i = 0; i < n; i++) ids[i] = perm[ids[i]!]!;
      ids.subarray(0, n).sort();
      for (let i = 0, prev = -1; i < n; prev = ids[i++]!) total += varintLength(ids[i]! - prev - 1);
      if ((slot + 1) % every === 0) yield;
    }
    const next = new SlotLists();
    next.data = new Uint8Array(Math.max(4096, total + (total >> 6)));
    next.ensureSlots(this.start.length);
    for (let slot = 0; slot < slots; slot++) {
      const n = this.decode(order === null ? slot : order[slot]!, ids);
      for (let i = 0; i < n; i++) ids[i] = perm[ids[i]!]!;
      ids.subarray(0, n).sort();
      next.set(slot, ids, n);
      if ((slot + 1) % every === 0) yield;
    }
    this.data = next.data;
    this.start = next.start;
    this.len = next.len;
    this.end = next.end;
    this.garbage = 0;
  }

  /** Drops all garbage; keeps room for `extra` more bytes. */
  compact(extra = 0): void {
    const slots = this.len.length;
    let total = 0;
    for (let s = 0; s < slots; s++) total += this.len[s]!;
    const next = new Uint8Array(Math.max(4096, total + extra + (total >> 4)));
    let at = 0;
    for (let s = 0; s < slots; s++) {
      const n = this.len[s]!;
      const from = this.start[s]!;
      for (let i = 0; i < n; i++) next[at + i] = this.data[from + i]!;
      this.start[s] = at;
      at += n;
    }
    this.data = next;
    this.end = at;
    this.garbage = 0;
  }

  private makeRoom(need: number): void {
    if (this.garbage > this.end / 3) this.compact(need);
    if (this.end + need > this.data.length) {
      const next = new Uint8Array(grownSize(this.data.length, this.end + need));
      next.set(this.data.subarray(0, this.end));
      this.data = next;
    }
  }
}
