// How the engine's growable arrays grow: geometrically (amortized O(1) appends), by half while small and
// by a quarter past 16M elements, where the slack and the copy (old and new alive at once) start to cost.

/** The next length for an array of `length` elements that must hold at least `needed`. */
export const grownSize = (length: number, needed: number): number =>
  Math.max(needed, Math.ceil(length * (length < 1 << 24 ? 1.5 : 1.25)));
