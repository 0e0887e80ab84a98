// IdMap: positive int32 key → int32 value (any but -1, which means absent), in typed arrays. Database ids are usually dense
// (autoincrement), so the map starts as a direct table (value = table[key], 4 bytes per possible key) and
// switches for good to open addressing (linear probing, Fibonacci hashing, backward-shift deletion, 8
// bytes per bucket at ≤ 75% load) as soon as the table would cost more than the hash. Used for work id →
// slot, tag id → dense tag index (or a pending type), account id → dense creator index.

const EMPTY = 0;
const MAX_LOAD = 0.75;

/** Bytes a hash table holding `count` keys would take. */
function hashBytes(count: number): number {
  let buckets = 16;
  while (buckets * MAX_LOAD < count) buckets *= 2;
  return buckets * 8;
}

export class IdMap {
  /** Direct mode: table[key] is the value, -1 when absent. Null in hash mode. */
  private table: Int32Array | null = new Int32Array(256).fill(-1);
  private keys = new Int32Array(0);
  private values = new Int32Array(0);
  private shift = 32;
  private mask = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.table ? this.table.byteLength : this.keys.byteLength + this.values.byteLength;
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const table = this.table;
    if (table !== null) return table[key] ?? -1;
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
    let table = this.table;
    if (table !== null) {
      if (key >= table.length) {
        const size = Math.max(key + 1, Math.ceil(table.length * 1.5));
        if (size * 4 > Math.max(hashBytes(this.count + 1), 1 << 16)) {
          this.toHash();
          this.set(key, value);
          return;
        }
        const next = new Int32Array(size).fill(-1);
        next.set(table);
        this.table = table = next;
      }
      if (table[key] === -1) this.count++;
      table[key] = value;
      return;
    }
    if (this.count + 1 > this.keys.length * MAX_LOAD) this.rehash(Math.max(16, this.keys.length * 2));
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
    const table = this.table;
    if (table !== null) {
      if ((table[key] ?? -1) === -1) return false;
      table[key] = -1;
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
    if (this.table) {
      const table = this.table;
      for (let k = 0; k < table.length; k++) if (table[k] !== -1) fn(k, table[k]!);
      return;
    }
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) fn(this.keys[i]!, this.values[i]!);
  }

  private toHash(): void {
    const table = this.table!;
    const count = this.count;
    this.table = null;
    this.rehash(hashBytes(count + 1) / 8);
    for (let k = 0; k < table.length; k++) if (table[k] !== -1) this.set(k, table[k]!);
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
