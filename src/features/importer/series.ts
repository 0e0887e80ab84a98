/**
 * Series parts and chapters, as titles write them: "Symphony, Part V", "Symphony (Pt. 5)", "Part Five",
 * "Title (1/6)", "Title [2/?]", "Chapter 3", "Chapter Three: The Reckoning", "Title, Ch. 3".
 */

const UNITS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
]; // prettier-ignore
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
]; // prettier-ignore
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** Strict roman numerals (I…MMMCMXCIX): "V" → 5, "IIII" and "VX" → null. */
export function romanToNumber(s: string): number | null {
  const lower = s.toLowerCase();
  if (!lower || lower.length > 15) return null;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const v = ROMAN[lower[i] ?? ''];
    const next = ROMAN[lower[i + 1] ?? ''] ?? 0;
    if (v === undefined) return null;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 4000 && numberToRoman(total) === lower ? total : null;
}

function numberToRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ]; // prettier-ignore
  let out = '';
  for (const [v, r] of table) {
    while (n >= v) {
      out += r;
      n -= v;
    }
  }
  return out;
}

/** "5", "V", "five", "twenty-one", "fifth" → a number; null when it is none of those. */
export function readNumeral(word: string): number | null {
  const w = word.toLowerCase().replace(/[.,:;)\]]+$/, '');
  if (/^\d{1,5}$/.test(w)) return Number(w);
  const unit = UNITS.indexOf(w);
  if (unit > 0) return unit;
  const ordinal = ORDINALS.indexOf(w);
  if (ordinal > 0) return ordinal;
  const [tens, ones] = w.split(/[-\s]/);
  const t = TENS.indexOf(tens ?? '');
  if (t >= 2) {
    if (ones === undefined) return t * 10;
    const u = UNITS.indexOf(ones);
    if (u > 0 && u < 10) return t * 10 + u;
  }
  return romanToNumber(w);
}

export interface TitleParts {
  /** The title without the part/chapter words ("Symphony"). */
  base: string;
  part: number | null;
  chapter: number | null;
  total: number | null;
  /** What follows "Chapter 3:" ("The Reckoning"). */
  chapterTitle: string | null;
}

const FRACTION = /[([]\s*(\d{1,4})\s*(?:\/|of)\s*(\d{1,4}|\?)\s*[)\]]|\b(\d{1,4})\s*\/\s*(\d{1,4}|\?)$/i;
const MARKER =
  /\b(part|pt|chapter|chap|ch)\b\.?\s*#?\s*([a-z0-9]+(?:-[a-z]+)?)(?:\s*(?:\/|of)\s*(\d{1,4}|\?))?/gi;

function trimBase(s: string): string {
  return s.replace(/[\s,:;([{–—-]+$/, '').trim();
}

/** Splits a title into its base and part/chapter numbers. Only the first 300 characters are read. */
export function readTitleParts(title: string): TitleParts {
  const text = title.slice(0, 300).trim();
  const out: TitleParts = { base: text, part: null, chapter: null, total: null, chapterTitle: null };
  // The last "Part N"/"Chapter N" whose N is a numeral ("A Part of Me, Part 2" → 2).
  let marker: RegExpExecArray | null = null;
  let n: number | null = null;
  for (const m of text.matchAll(MARKER)) {
    const value = readNumeral(m[2] ?? '');
    if (value !== null) [marker, n] = [m, value];
  }
  if (marker && n !== null) {
    const kind = (marker[1] ?? '').toLowerCase();
    const total = marker[3] && marker[3] !== '?' ? Number(marker[3]) : null;
    const after = text.slice(marker.index + marker[0].length).replace(/^[\s)\]]*[:.–—-]?\s*/, '');
    out.base = trimBase(text.slice(0, marker.index));
    if (kind === 'part' || kind === 'pt') {
      // "Part 2 of 6" is a chaptered work; a bare "Part V" is a series part (confirmed by entry tags).
      if (marker[3]) [out.chapter, out.total] = [n, total];
      else out.part = n;
    } else {
      [out.chapter, out.total] = [n, total];
      out.chapterTitle = after || null;
    }
    const fraction = FRACTION.exec(after);
    if (fraction && out.chapter === null) {
      out.chapter = Number(fraction[1] ?? fraction[3]);
      const t = fraction[2] ?? fraction[4];
      out.total = t && t !== '?' ? Number(t) : null;
    }
    return out;
  }
  const fraction = FRACTION.exec(text);
  if (fraction) {
    out.chapter = Number(fraction[1] ?? fraction[3]);
    const t = fraction[2] ?? fraction[4];
    out.total = t && t !== '?' ? Number(t) : null;
    out.base = trimBase(text.slice(0, fraction.index));
  }
  return out;
}

/** Compares a title with an entry tag: "Symphony" matches "symphony", "symphony series", "fic: symphony". */
export function tagMatches(base: string, tag: string): boolean {
  const norm = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const b = norm(base);
  const t = norm(tag);
  if (!b || !t) return false;
  return ` ${t} `.includes(` ${b} `);
}

export interface SeriesResult {
  series: { title: string; part: number | null } | null;
  chapter: { number: number | null; total: number | null; title: string | null } | null;
  confidence: { series: number; chapter: number };
  problems: string[];
}

/**
 * Decides series and chapter from the title, the Series/Part/Chapter labels (already read as numbers)
 * and the entry's tags: "Symphony, Part V" with a "symphony" tag is part 5 of the series Symphony;
 * without such a tag it is still offered, as a guess to confirm.
 */
export function resolveSeries(
  title: string | null,
  labels: {
    series: string | null;
    part: [number | null, number | null];
    chapter: [number | null, number | null];
  },
  tags: readonly string[],
): SeriesResult {
  const out: SeriesResult = {
    series: null,
    chapter: null,
    confidence: { series: 0, chapter: 0 },
    problems: [],
  };
  const parts = readTitleParts(title ?? '');
  const [labelPart, labelPartTotal] = labels.part;
  if (labels.series) {
    const named = readTitleParts(labels.series);
    const part =
      labelPartTotal === null ? (labelPart ?? named.part ?? parts.part) : (named.part ?? parts.part);
    out.series = { title: named.base || labels.series.trim(), part };
    out.confidence.series = 0.95;
  } else {
    const part = labelPartTotal === null ? (labelPart ?? parts.part) : parts.part;
    if (part !== null && parts.base) {
      out.series = { title: parts.base, part };
      const tagged = tags.some((tag) => tagMatches(parts.base, tag));
      out.confidence.series = tagged ? 0.9 : 0.5;
      if (!tagged) {
        out.problems.push(
          `"Part ${part}" may be part of a series "${parts.base}" or a chapter; please check.`,
        );
      }
    }
  }
  const [chapterNumber, chapterTotal] = labels.chapter;
  if (chapterNumber !== null) {
    out.chapter = { number: chapterNumber, total: chapterTotal ?? parts.total, title: parts.chapterTitle };
    out.confidence.chapter = 0.95;
  } else if (labelPart !== null && labelPartTotal !== null) {
    out.chapter = { number: labelPart, total: labelPartTotal, title: null };
    out.confidence.chapter = 0.85;
  } else if (parts.chapter !== null) {
    out.chapter = { number: parts.chapter, total: parts.total, title: parts.chapterTitle };
    out.confidence.chapter = 0.9;
  }
  return out;
}
