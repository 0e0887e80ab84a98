// Sort keys for title and creator order without keeping a million JS strings alive: each slot's text is
// normalized once (lower case, whitespace collapsed, trimmed), UTF-8 encoded and cut at 64 bytes. The first
// 6 bytes are packed into a Float64 "prefix" (exact: 48 bits), so nearly every comparison is one number
// comparison; only equal prefixes look at the remaining bytes, kept in a byte arena. Order is by UTF-8
// bytes (= code points), case-insensitively; locale collation is deliberately not attempted.

import { grownSize } from './growth.ts';

const MAX_KEY = 64;
const PREFIX = 6;
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

export class SortKeys {
  /** First 6 key bytes, big-endian, missing bytes as 0. */
  prefix = new Float64Array(0);
  private start = new Int32Array(0);
  private len = new Uint8Array(0);
  private bytes = new Uint8Array(4096);
  private end = 0;
  private garbage = 0;

  get byteLength(): number {
    return this.prefix.byteLength + this.start.byteLength + this.len.byteLength + this.bytes.byteLength;
  }

  growSlots(capacity: number): void {
    if (capacity <= this.prefix.length) return;
    const prefix = new Float64Array(capacity);
    prefix.set(this.prefix);
    this.prefix = prefix;
    const start = new Int32Array(capacity);
    start.set(this.start);
    this.start = start;
    const len = new Uint8Array(capacity);
    len.set(this.len);
    this.len = len;
  }

  set(slot: number, text: string): void {
    const written = encoder.encodeInto(normalizeKey(text), scratch).written;
    let p = 0;
    for (let i = 0; i < PREFIX; i++) p = p * 256 + (i < written ? scratch[i]! : 0);
    this.prefix[slot] = p;
    const tail = Math.max(0, written - PREFIX);
    const old = Math.max(0, this.len[slot]! - PREFIX);
    if (tail > old) {
      if (this.end + tail > this.bytes.length) this.makeRoom(tail);
      this.garbage += old;
      this.start[slot] = this.end;
      this.end += tail;
    } else this.garbage += old - tail;
    if (tail > 0) this.bytes.set(scratch.subarray(PREFIX, written), this.start[slot]!);
    this.len[slot] = written;
  }

  /** Order of two slots' keys: negative when `a` sorts first, 0 when equal. */
  compare(a: number, b: number): number {
    const pa = this.prefix[a]!;
    const pb = this.prefix[b]!;
    if (pa !== pb) return pa < pb ? -1 : 1;
    const la = this.len[a]!;
    const lb = this.len[b]!;
    const n = Math.min(la, lb) - PREFIX;
    const bytes = this.bytes;
    const sa = this.start[a]!;
    const sb = this.start[b]!;
    for (let i = 0; i < n; i++) {
      const d = bytes[sa + i]! - bytes[sb + i]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  private makeRoom(need: number): void {
    const slots = this.len.length;
    if (this.garbage > this.end / 3) {
      let total = 0;
      for (let s = 0; s < slots; s++) total += Math.max(0, this.len[s]! - PREFIX);
      const next = new Uint8Array(Math.max(4096, Math.ceil((total + need) * 1.25)));
      let at = 0;
      for (let s = 0; s < slots; s++) {
        const tail = Math.max(0, this.len[s]! - PREFIX);
        const from = this.start[s]!;
        for (let i = 0; i < tail; i++) next[at + i] = this.bytes[from + i]!;
        this.start[s] = at;
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
