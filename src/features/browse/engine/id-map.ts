// IdMap: positive int32 key → int32 value (any but -1, which means absent), in typed arrays. Database ids
// are usually dense (autoincrement), so the map starts as a PAGED direct table: key >>> 10 picks a page
// of 1,024 values (4 KB, allocated on first use, -1 = absent) through a small directory, so a run of dense
// ids costs 4 bytes an id with no growth copies or overshoot, and unused id ranges cost nothing. When the
// pages would cost more than a hash (ids scattered over 2^31), it switches to open addressing (linear
// probing, Fibonacci hashing, backward-shift deletion, 8 bytes per bucket at ≤ 75% load); each time the
// hash must grow it checks whether pages have become the cheaper form again. Used for work id → slot,
// tag id → dense tag index (or a pending type), account id → dense creator index.

const EMPTY = 0;
const MAX_LOAD = 0.75;
const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

/** Bytes a hash table holding `count` keys would take. */
function hashBytes(count: number): number {
  let buckets = 16;
  while (buckets * MAX_LOAD < count) buckets *= 2;
  return buckets * 8;
}

export class IdMap {
  /** Paged mode: page index per key >>> 10 (-1: none). Null in hash mode. */
  private dir: Int32Array | null = new Int32Array(1).fill(-1);
  private pages: Int32Array[] = [];
  private keys = new Int32Array(0);
  private values = new Int32Array(0);
  private shift = 32;
  private mask = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.dir
      ? this.dir.byteLength + this.pages.length * PAGE * 4
      : this.keys.byteLength + this.values.byteLength;
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const dir = this.dir;
    if (dir !== null) {
      if (key >>> 0 !== key) return -1;
      const p = dir[key >>> PAGE_BITS];
      return p === undefined || p < 0 ? -1 : this.pages[p]![key & PAGE_MASK]!;
    }
    const keys = this.keys;
    let i = this.home(key);
    for (;;) {
      const k = keys[i]!;
      if (k === EMPTY) return -1;
      if (k === key) return this.values[i]!;
      i = (i + 1) & this.mask;
    }
  }

  /** Sets `key` (a positive int32) to `value` (an int32 other than -1). */
  set(key: number, value: number): void {
    let dir = this.dir;
    if (dir !== null) {
      const d = key >>> PAGE_BITS;
      let p = d < dir.length ? dir[d]! : -1;
      if (p < 0) {
        const dirLength = Math.max(dir.length, d + 1);
        const bytes = (this.pages.length + 1) * PAGE * 4 + dirLength * 4;
        if (bytes > Math.max(hashBytes(this.count + 1), 1 << 16)) {
          this.toHash();
          this.set(key, value);
          return;
        }
        if (d >= dir.length) {
          const next = new Int32Array(Math.max(d + 1, Math.ceil(dir.length * 1.5))).fill(-1);
          next.set(dir);
          this.dir = dir = next;
        }
        p = dir[d] = this.pages.length;
        this.pages.push(new Int32Array(PAGE).fill(-1));
      }
      const page = this.pages[p]!;
      if (page[key & PAGE_MASK] === -1) this.count++;
      page[key & PAGE_MASK] = value;
      return;
    }
    if (this.count + 1 > this.keys.length * MAX_LOAD) {
      if (this.toPagesIfCheaper()) return this.set(key, value);
      this.rehash(Math.max(16, this.keys.length * 2));
    }
    const keys = this.keys;
    let i = this.home(key);
    for (;;) {
      const k = keys[i]!;
      if (k === key || k === EMPTY) {
        if (k === EMPTY) this.count++;
        keys[i] = key;
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: number): boolean {
    const dir = this.dir;
    if (dir !== null) {
      if (key >>> 0 !== key) return false;
      const p = dir[key >>> PAGE_BITS];
      if (p === undefined || p < 0) return false;
      const page = this.pages[p]!;
      if (page[key & PAGE_MASK] === -1) return false;
      page[key & PAGE_MASK] = -1;
      this.count--;
      return true;
    }
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const k = keys[i]!;
      if (k === EMPTY) return false;
      if (k === key) break;
      i = (i + 1) & mask;
    }
    // Backward shift: pull later entries of the probe run into the hole when their home allows it.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j]!;
      if (k === EMPTY) break;
      const h = this.home(k);
      if (i <= j ? h <= i || h > j : h <= i && h > j) {
        keys[i] = k;
        values[i] = values[j]!;
        i = j;
      }
    }
    keys[i] = EMPTY;
    this.count--;
    return true;
  }

  /** Calls `fn` for every entry (any order). */
  forEach(fn: (key: number, value: number) => void): void {
    const dir = this.dir;
    if (dir) {
      for (let d = 0; d < dir.length; d++) {
        if (dir[d]! < 0) continue;
        const page = this.pages[dir[d]!]!;
        for (let i = 0; i < PAGE; i++) if (page[i] !== -1) fn((d << PAGE_BITS) | i, page[i]!);
      }
      return;
    }
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) fn(this.keys[i]!, this.values[i]!);
  }

  private toHash(): void {
    const entries: number[] = [];
    this.forEach((k, v) => entries.push(k, v));
    this.dir = null;
    this.pages = [];
    this.count = 0;
    this.keys = new Int32Array(0);
    this.values = new Int32Array(0);
    this.rehash(hashBytes(entries.length / 2 + 1) / 8);
    for (let i = 0; i < entries.length; i += 2) this.set(entries[i]!, entries[i + 1]!);
  }

  /** Hash about to grow: switches to pages when they would take less memory than the bigger hash. */
  private toPagesIfCheaper(): boolean {
    const keys = this.keys;
    let maxPage = 0;
    const used = new Set<number>();
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue;
      const d = keys[i]! >>> PAGE_BITS;
      used.add(d);
      if (d > maxPage) maxPage = d;
    }
    if ((used.size + 1) * PAGE * 4 + (maxPage + 2) * 4 > hashBytes(this.count + 1)) return false;
    const [oldKeys, oldValues] = [keys, this.values];
    this.keys = new Int32Array(0);
    this.values = new Int32Array(0);
    const dir = new Int32Array(maxPage + 1).fill(-1);
    this.pages = [];
    for (const d of used) {
      dir[d] = this.pages.length;
      this.pages.push(new Int32Array(PAGE).fill(-1));
    }
    this.dir = dir;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i]!, oldValues[i]!);
    return true;
  }

  private rehash(buckets: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(buckets);
    this.values = new Int32Array(buckets);
    this.shift = 32 - Math.round(Math.log2(buckets));
    this.mask = buckets - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.set(oldKeys[i]!, oldValues[i]!);
  }
}
