// Dictionaries give external ids (tag ids, account ids; sparse, up to 2^31) dense indexes 0..size-1, so
// per-tag and per-creator data live in plain typed arrays indexed directly. TagDictionary also keeps each
// tag's facet type and how many live guest-visible works carry it (how many live works in all is the size
// of its posting list): the facet counts of an unfiltered listing, and the base that complement counting
// subtracts from. A type set for a tag no work
// carries yet is kept in the id map itself (as -2 - type), so typed-but-unused tags cost no per-tag arrays.

import { IdMap } from './id-map.ts';

function resized<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a.length > size ? a.subarray(0, size) : a);
  return next;
}

export class Dictionary {
  protected readonly map = new IdMap();
  /** Dense index → external id. */
  extOf = new Int32Array(16);
  size = 0;

  get byteLength(): number {
    return this.map.byteLength + this.extOf.byteLength;
  }

  /** The dense index of `ext`, or -1 when it has none. */
  lookup(ext: number): number {
    const found = this.map.get(ext);
    return found >= 0 ? found : -1;
  }

  /** The dense index of `ext` (a positive int32), created when new. */
  intern(ext: number): number {
    const found = this.map.get(ext);
    if (found >= 0) return found;
    const index = this.size++;
    if (index >= this.extOf.length) this.resize(Math.ceil(this.extOf.length * 1.5) + 16);
    this.extOf[index] = ext;
    this.map.set(ext, index);
    this.created(index, found);
    return index;
  }

  /** A dense index was just created; `previous` is what the map held before (-1: nothing). */
  protected created(_index: number, _previous: number): void {}

  protected resize(size: number): void {
    this.extOf = resized(this.extOf, size);
  }
}

export class TagDictionary extends Dictionary {
  /** Facet type code (FACET_TYPES index + 1), 0 = not faceted. */
  type = new Uint8Array(16);
  /** Live works visible to guests carrying the tag. */
  publicCount = new Int32Array(16);

  override get byteLength(): number {
    return super.byteLength + this.type.byteLength + this.publicCount.byteLength;
  }

  setType(ext: number, code: number): void {
    const index = this.lookup(ext);
    if (index >= 0) this.type[index] = code;
    else if (code === 0) this.map.delete(ext);
    else this.map.set(ext, -2 - code);
  }

  /** Calls `fn` with the type of every tag that has a type but no dense index yet. */
  forEachPendingType(fn: (code: number) => void): void {
    this.map.forEach((_ext, value) => {
      if (value <= -2) fn(-2 - value);
    });
  }

  protected override created(index: number, previous: number): void {
    if (previous <= -2) this.type[index] = -2 - previous;
  }

  protected override resize(size: number): void {
    super.resize(size);
    this.type = resized(this.type, size);
    this.publicCount = resized(this.publicCount, size);
  }

  /** Renumbers dense indexes through `perm` (old → new), with `count`, and trims the arrays to the size. */
  permute(perm: Int32Array, count: Int32Array): Int32Array {
    const n = this.size;
    const capacity = n + (n >> 4) + 16;
    const extOf = new Int32Array(capacity);
    const type = new Uint8Array(capacity);
    const permuted = new Int32Array(capacity);
    const publicCount = new Int32Array(capacity);
    for (let i = 0; i < n; i++) {
      const j = perm[i]!;
      extOf[j] = this.extOf[i]!;
      type[j] = this.type[i]!;
      permuted[j] = count[i]!;
      publicCount[j] = this.publicCount[i]!;
      this.map.set(this.extOf[i]!, j);
    }
    this.extOf = extOf;
    this.type = type;
    this.publicCount = publicCount;
    return permuted;
  }
}

/** perm[old] = new: dense indexes by descending `count`, ties by old index (a counting sort). */
export function popularityOrder(count: Int32Array, size: number): Int32Array {
  let max = 0;
  for (let i = 0; i < size; i++) if (count[i]! > max) max = count[i]!;
  const offset = new Int32Array(max + 1);
  for (let i = 0; i < size; i++) offset[count[i]!]!++;
  let at = 0;
  for (let c = max; c >= 0; c--) {
    const h = offset[c]!;
    offset[c] = at;
    at += h;
  }
  const perm = new Int32Array(size);
  for (let i = 0; i < size; i++) perm[i] = offset[count[i]!]!++;
  return perm;
}
