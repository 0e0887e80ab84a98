import { squish } from './ao3-dom.ts';

/** What a download's "Stats:" line says ("Published: 2019-03-02 Updated: … Words: 12,345 Chapters: 3/?"). */
export interface Ao3Stats {
  published: string | null;
  updated: string | null;
  completed: string | null;
  words: number | null;
  chaptersPosted: number | null;
  chaptersExpected: number | null;
}

const MONTHS = new Map<string, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [
    m,
    i + 1,
  ]),
);

function ymd(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function month(name: string): number | null {
  const short = name.toLowerCase().slice(0, 3);
  return MONTHS.get(short === 'sept' ? 'sep' : short) ?? null;
}

/**
 * A date as downloads write it → 'YYYY-MM-DD'. AO3 writes ISO dates ("2019-03-02"); "2 Mar 2019",
 * "March 2, 2019", "2019/03/02" and "02.03.2019" (day first) are read too. Null when unreadable or
 * not a real day.
 */
export function normalizeDate(input: string): string | null {
  const s = squish(input).slice(0, 64);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\.? ([A-Za-z]{3,9})\.?,? (\d{4})(?!\d)/.exec(s);
  if (m) {
    const mon = month(m[2]!);
    return mon ? ymd(Number(m[3]), mon, Number(m[1])) : null;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?!\d)/.exec(s);
  if (m) {
    const mon = month(m[1]!);
    return mon ? ymd(Number(m[3]), mon, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** "12,345", "12 345", "12.345", "12'345" → 12345; null when not a count. */
export function readCount(input: string): number | null {
  const digits = input.replace(/[\s,.'\u00a0\u202f]/g, '');
  if (!/^\d{1,12}$/.test(digits)) return null;
  return Number(digits);
}

const LABEL = /\b(published|updated|completed|words|chapters|comments|kudos|bookmarks|hits)\s*:/gi;

/** Reads the Stats text; anything unreadable is left null and described in `problems`. */
export function readStats(text: string, problems: string[]): Ao3Stats {
  const stats: Ao3Stats = {
    published: null,
    updated: null,
    completed: null,
    words: null,
    chaptersPosted: null,
    chaptersExpected: null,
  };
  const s = squish(text);
  const found = [...s.matchAll(LABEL)];
  found.forEach((match, i) => {
    const label = match[1]!.toLowerCase();
    const start = match.index + match[0].length;
    const value = s.slice(start, found[i + 1]?.index ?? s.length).trim();
    if (label === 'published' || label === 'updated' || label === 'completed') {
      const date = normalizeDate(value);
      if (date) stats[label] = date;
      else problems.push(`The ${label} date "${value.slice(0, 40)}" could not be read.`);
    } else if (label === 'words') {
      stats.words = readCount(value);
      if (stats.words === null) problems.push(`The word count "${value.slice(0, 40)}" could not be read.`);
    } else if (label === 'chapters') {
      const m = /^(\d{1,6})\s*\/\s*(\d{1,6}|\?)/.exec(value);
      if (m) {
        stats.chaptersPosted = Number(m[1]);
        stats.chaptersExpected = m[2] === '?' ? null : Number(m[2]);
      } else problems.push(`The chapter count "${value.slice(0, 40)}" could not be read.`);
    }
  });
  if (!stats.published) problems.push('The stats give no publication date.');
  return stats;
}
