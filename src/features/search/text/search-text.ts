/**
 * How text becomes search words, the same for documents and queries and in both databases, so
 * SQLite and PostgreSQL match the same things: NFKC, lower case, Latin/Greek/Cyrillic accents
 * removed (é → e, ά → α), then runs of letters, digits and private-use characters (the token
 * characters of SQLite's unicode61 tokenizer). Everything else separates words: "half-baked" is
 * "half baked", "Re:Zero" is "re zero", "don't" is "don t". A word longer than
 * MAX_WORD_LENGTH characters is cut there (PostgreSQL refuses lexemes over 2 KB).
 */
export const MAX_WORD_LENGTH = 100;

const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const HAS_WORD = /[\p{L}\p{N}\p{Co}]/u;
const COMBINING_ACCENTS = /[\u0300-\u036f]/g;

/** NFKC, lower case, accents removed (the combining diacritical marks after decomposition). */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_ACCENTS, '')
    .normalize('NFC');
}

/** Does the text hold anything searchable (a letter or digit)? */
export function hasSearchWord(text: string): boolean {
  return HAS_WORD.test(text);
}

/** The search words of a text, folded, in order. */
export function searchWords(text: string): string[] {
  const words = foldText(text).match(WORD) ?? [];
  return words.map((w) => (w.length > MAX_WORD_LENGTH ? [...w].slice(0, MAX_WORD_LENGTH).join('') : w));
}
