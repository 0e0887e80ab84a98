/**
 * Positions in the XML source, counted the way saxes counts them: a line break is "\n", "\r\n" or a lone
 * "\r"; columns are 1-based and count characters (code points), not UTF-16 units.
 */

const LF = 10;
const CR = 13;

/** Line breaks in src[from, to). */
export function newlinesBetween(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = Math.max(0, from); i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === LF || (c === CR && src.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** 1-based column of src[idx]. */
export function columnAt(src: string, idx: number): number {
  let start = idx;
  while (start > 0) {
    const c = src.charCodeAt(start - 1);
    if (c === LF || c === CR) break;
    start--;
  }
  let column = 1;
  for (let i = start; i < idx; i++) {
    const c = src.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) column++; // a high surrogate's pair is counted by its low half
  }
  return column;
}

/** Index of the last non-whitespace character, or -1. */
export function lastNonSpace(src: string): number {
  return src.trimEnd().length - 1;
}
