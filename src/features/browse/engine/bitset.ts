// Bitsets over work slots (Uint32Array words): live works, works visible to guests, and the posting lists
// of dense tags (a rating or a warning carried by a third of the archive costs capacity/8 bytes as bits,
// against 4 bytes per work as a list, and updates in O(1)).

export const wordsFor = (slots: number): number => (slots + 31) >>> 5;

export function growBits(bits: Uint32Array, words: number): Uint32Array {
  if (words <= bits.length) return bits;
  const next = new Uint32Array(words);
  next.set(bits);
  return next;
}

export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = bits[i >>> 5]! | (1 << (i & 31));
}

export function clearBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5] = bits[i >>> 5]! & ~(1 << (i & 31));
}

export function testBit(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

/** Writes the set bits of words[0..words) in ascending order into `out`; returns how many. */
export function extractBits(bits: Uint32Array, words: number, out: Int32Array): number {
  let n = 0;
  for (let wi = 0; wi < words; wi++) {
    let w = bits[wi]!;
    if (w === 0) continue;
    const base = wi << 5;
    while (w !== 0) {
      const low = w & -w;
      out[n++] = base + 31 - Math.clz32(low);
      w ^= low;
    }
  }
  return n;
}
