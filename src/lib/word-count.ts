import { Parser } from 'htmlparser2';

/**
 * Quire's one word counter. It follows AO3's (otwarchive's `Otw::WordCounter`) so that counts match
 * what readers and writers coming from AO3 expect. AO3's rule, for each text node of the parsed body:
 *
 *   1. `--` becomes an em dash (a separator), so `one--two` is 2 words;
 *   2. the joiners `'`, `’`, `‘` and `-` are deleted, so `don't`, `they’re`, `mother-in-law` are 1 word;
 *   3. every Han, Hiragana, Katakana or Thai character is a word of its own;
 *   4. every other run of `[[:word:]]` characters (letters, marks, decimal digits, `_`) is a word.
 *
 * Consequences, kept as-is: punctuation and symbols never make a word (`***`, `~*~`, `* * *`, `—`, `…`,
 * `–`, emoji alone: 0), but a token containing a letter or digit does (`::cough::` is 1). Dashes and
 * other punctuation between letters separate (`yes—no`, `1990–2000`, `and/or`, `e.g.` are 2 each).
 * Hangul, Cyrillic, Greek, Arabic, accented Latin… are counted by runs of letters, i.e. by spaces.
 * Thai counts code points, vowel and tone marks included (`สวัสดี` is 6), as AO3 does.
 *
 * Where Quire deliberately differs from AO3 (each makes the count closer to what a reader sees):
 *   - AO3 counts each text node apart, so `<em>un</em>believable` is 2 there. Here only block-level
 *     tags, `<br>`, `<img>`, `<hr>` and the like separate words; inline formatting does not (1 word).
 *   - `‐` (U+2010) and `‑` (U+2011, non-breaking hyphen) join like `-`; a run of two or more of any
 *     hyphen is a dash and separates (AO3 only knows ASCII `-`).
 *   - Digits joined by `.` or `,` are one number: `3.5`, `1,000` are 1 word (2 on AO3).
 *   - `_`, the soft hyphen, ZWNJ, ZWJ and the word joiner (U+2060) join instead of being a word or a
 *     separator: `________` separator lines are 0 (1 on AO3), Persian `می‌خواهم` is 1 (2 on AO3).
 *   - `ー` (the katakana long-vowel mark, script Common) always counts as one character-word, like the
 *     kana it lengthens (AO3 gives the same for `コーヒー`, 4, but differs when it touches Latin).
 *   - Text inside `<script>`, `<style>` and `<template>` is ignored (sanitized bodies have none anyway).
 *
 * Attribute values (href, src, alt, title…) and comments are never text. Entities are decoded
 * (`&amp;`, `&#8217;`, `&rsquo;`; `&nbsp;` is a space). Everything is a single linear pass.
 */

/** Tags that do not break a word: `<em>un</em>believable` is one word. All other tags do. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

/** Elements whose text is not prose. */
const IGNORED = new Set(['script', 'style', 'template']);

/** Two or more hyphens in a row: a dash, which separates words (AO3 turns `--` into `—`). */
const DASH = /[-\u2010\u2011]{2,}/g;
/** Characters that vanish, gluing what is on both sides into one word. */
// (ZWJ sits outside the class: inside one, ESLint's no-misleading-character-class objects to it.)
const JOINERS = /['\u2018\u2019\-\u2010\u2011_\u00AD\u200C\u2060]|\u200D/g;
/** `.` or `,` between two digits: `3.5`, `1,000`. */
const DIGIT_SEPARATOR = /(?<=\p{Nd})[.,](?=\p{Nd})/gu;
/** A character-word (scripts written without spaces), or a run of other letters, marks and digits. */
const WORD =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\u30FC\uFF70]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\u30FC\uFF70])[\p{L}\p{M}\p{Nd}])+/gu;

/** Counts the words of plain text (no markup, entities already decoded), by the rules above. */
export function countWordsInText(text: string): number {
  const normalized = text.replace(DASH, ' ').replace(JOINERS, '').replace(DIGIT_SEPARATOR, '');
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(normalized) !== null) count++;
  return count;
}

/** Counts the words of a chapter body given as (sanitized) HTML, by the rules above. */
export function countWords(html: string): number {
  const parts: string[] = [];
  let ignoredDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (IGNORED.has(name)) ignoredDepth++;
        else if (!INLINE.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (IGNORED.has(name)) ignoredDepth = Math.max(0, ignoredDepth - 1);
        else if (!INLINE.has(name)) parts.push(' ');
      },
      ontext(data) {
        if (ignoredDepth === 0) parts.push(data);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return countWordsInText(parts.join(''));
}
