/**
 * Turning header values into Quire's fields: list splitting that respects parentheses, relationships
 * versus characters, and claimed word counts. Every function here is one pass over a bounded string.
 */

/** List values longer than this are cut (a header list that long is not a list). */
export const MAX_LIST = 5000;

/**
 * Splits on commas and semicolons outside parentheses and brackets: "PG-13, future AU (takes into
 * account series up to Lexmas), soul-crushing angst" → three items.
 */
export function splitTopLevel(input: string, separators = ',;'): string[] {
  const value = input.slice(0, MAX_LIST);
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if (depth === 0 && separators.includes(ch)) {
      items.push(value.slice(start, i));
      start = i + 1;
    }
  }
  items.push(value.slice(start));
  return items.map((s) => s.trim()).filter(Boolean);
}

/** Splits each item further on a word (" and ", " & ") outside parentheses, in one pass. */
function splitOnWord(items: string[], words: string[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const lower = item.toLowerCase();
    let depth = 0;
    let start = 0;
    for (let i = 0; i < item.length; i++) {
      const ch = item[i];
      if (ch === '(') depth++;
      else if (ch === ')' && depth > 0) depth--;
      else if (depth === 0 && ch === ' ' && i > start) {
        const word = words.find((w) => lower.startsWith(w, i));
        if (word) {
          out.push(item.slice(start, i));
          start = i + word.length;
          i = start - 1;
        }
      }
    }
    out.push(item.slice(start));
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

/** A list value: "Smallville; Supernatural" → two. Ampersands and "and" stay ("Law & Order"). */
export function splitList(value: string): string[] {
  return splitTopLevel(value).map(stripEnd).filter(Boolean);
}

/** Names: "Clark, Lex and Lana" → three. */
export function splitNames(value: string): string[] {
  return splitOnWord(splitTopLevel(value), [' and ', ' & ']).map(stripEnd).filter(Boolean);
}

/** Authors: like names, without a leading "by" or the "[info]" of copied journal user links. */
export function splitAuthors(value: string): string[] {
  const cleaned = value.replace(/^by\s+/i, '').replace(/\[(info|personal profile|community profile)\]/gi, '');
  return splitNames(cleaned);
}

function stripEnd(s: string): string {
  return s.replace(/[.\s]+$/, '').trim();
}

/** A relationship item: "Lex/Lana", "Clark & Lex", "Lex x Lana". */
export function isRelationship(item: string): boolean {
  const outside = outsideParens(item);
  return /\S\s*\/\s*\S/.test(outside) || /\S\s+&\s+\S/.test(outside) || /\S\s+x\s+\S/i.test(outside);
}

/** The text outside parentheses ("Lex/Lana (implied Clark/Lana)" → "Lex/Lana "). */
function outsideParens(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

const NO_PAIRING = /^(none|no pairings?|gen|n\/a|na|no romance|no ships?|-+)$/i;

export interface RelationshipSplit {
  relationships: string[];
  characters: string[];
  /** Items that are neither clearly one relationship nor a character. */
  unclear: string[];
}

/**
 * Pairing values: split on top-level commas/semicolons, then on " and " only between two
 * relationships ("Lex/Lana and Clark/Chloe"); "Lex/Lana" is one relationship. With `withCharacters`
 * ("Characters/Pairing:"), items without a slash/ampersand are characters.
 */
export function splitRelationships(value: string, withCharacters: boolean): RelationshipSplit {
  const out: RelationshipSplit = { relationships: [], characters: [], unclear: [] };
  for (const item of splitTopLevel(value)) {
    const clean = stripEnd(item);
    if (!clean || NO_PAIRING.test(clean)) continue;
    const parts = splitOnWord([clean], [' and ']);
    const pieces = parts.length > 1 && parts.every(isRelationship) ? parts : [clean];
    for (const piece of pieces) {
      const tidy = piece.replace(/\s*\/\s*/g, '/');
      if (isRelationship(tidy)) out.relationships.push(tidy);
      else if (withCharacters) out.characters.push(...splitNames(tidy));
      else out.unclear.push(tidy);
    }
  }
  return out;
}

export interface ClaimedCount {
  claimed: number | null;
  approximate: boolean;
}

/** "595", "1,234", "~2000", "2.5k", "about 2,000 words", "1500-2000" (the middle, approximate). */
export function readClaimedCount(raw: string): ClaimedCount {
  const text = raw.slice(0, 80).toLowerCase();
  const approximate =
    /~|≈|\babout\b|\bapprox|\baround\b|\broughly\b|\bca\.?\s|\bk\b|\d\s*k|\+|\bover\b|\bunder\b|</.test(text);
  const numbers: number[] = [];
  for (const m of text.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(k\b)?/g)) {
    const n = Number((m[1] ?? '').replace(/,/g, ''));
    if (Number.isFinite(n)) numbers.push(Math.round(m[2] ? n * 1000 : n));
    if (numbers.length > 2) break;
  }
  if (numbers.length === 0) return { claimed: null, approximate: false };
  const range = numbers.length === 2 && /\d\s*(-|–|to)\s*\d/.test(text);
  if (range) return { claimed: Math.round(((numbers[0] ?? 0) + (numbers[1] ?? 0)) / 2), approximate: true };
  return { claimed: numbers[0] ?? null, approximate };
}

/** Whether a claim and the count disagree: exactly for exact claims, by >10% (min 50) for approximate. */
export function countMismatch(claim: ClaimedCount, counted: number): boolean {
  if (claim.claimed === null) return false;
  if (!claim.approximate) return claim.claimed !== counted;
  return Math.abs(claim.claimed - counted) > Math.max(50, claim.claimed * 0.1);
}
