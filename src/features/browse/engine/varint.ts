// LEB128 varints in Uint8Arrays: 7 bits per byte, low bits first, high bit set on every byte but the
// last. Small numbers take one byte. Used for each work's tag and creator ids (slot-lists.ts: tags are
// numbered by popularity, so most take 1–2 bytes) and for the gaps between slots in posting lists
// (posting-lists.ts: a tag on 1 work in 100 has gaps of ~100, one byte each). Hot loops inline the
// decoding (see decodeAt) rather than calling these.

/** Bytes `v` (0 ≤ v < 2^35) takes. */
export function varintLength(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/** Writes `v` at data[p..]; returns the position after it. */
export function writeVarint(data: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    data[p++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  data[p++] = v;
  return p;
}

/**
 * Reads the varint at data[p..] into `cursor` (value, and the position after it). Values must be below
 * 2^28 (four bytes), which holds for dense ids and slot gaps.
 */
export function readVarint(data: Uint8Array, p: number, cursor: { value: number; next: number }): void {
  let v = data[p++]!;
  if (v > 0x7f) {
    v = (v & 0x7f) | (data[p++]! << 7);
    if (v > 0x3fff) {
      v = (v & 0x3fff) | (data[p++]! << 14);
      if (v > 0x1fffff) v = (v & 0x1fffff) | (data[p++]! << 21);
    }
  }
  cursor.value = v;
  cursor.next = p;
}
