/**
 * Quire's rating and archive-warning vocabulary (AO3's), and the mapping from what journal headers
 * actually say ("PG-13", "NC17", "MCD", "non-con") onto it. Pure and table-driven.
 */

// The vocabulary itself belongs to works; the importer maps journal wording onto it.
import {
  ARCHIVE_WARNINGS,
  type ArchiveWarning,
  RATINGS,
  type Rating as RatingValue,
} from '../works/works.vocabulary.ts';

export { ARCHIVE_WARNINGS, RATINGS };
export type { ArchiveWarning, RatingValue };

/** Lower case, no spaces, no hyphens or dots: "PG-13" → "pg13", "Teen and Up" → "teenandup". */
function squash(s: string): string {
  return s.toLowerCase().replace(/[\s\-_.]+/g, '');
}

/**
 * Rating words, squashed. Beyond the MPAA/fanfiction.net/AO3 letters the issue lists, the UK
 * Fiction Ratings (FRC…FR18), common on old journals, are understood too.
 */
const RATING_WORDS = new Map<string, RatingValue>([
  ['g', 'General Audiences'],
  ['k', 'General Audiences'],
  ['pg', 'General Audiences'],
  ['k+', 'General Audiences'],
  ['general', 'General Audiences'],
  ['generalaudiences', 'General Audiences'],
  ['gen', 'General Audiences'],
  ['frc', 'General Audiences'],
  ['frao', 'General Audiences'],
  ['fr7', 'General Audiences'],
  ['pg13', 'Teen And Up Audiences'],
  ['t', 'Teen And Up Audiences'],
  ['teen', 'Teen And Up Audiences'],
  ['teens', 'Teen And Up Audiences'],
  ['teenandup', 'Teen And Up Audiences'],
  ['teenandupaudiences', 'Teen And Up Audiences'],
  ['fr13', 'Teen And Up Audiences'],
  ['r', 'Mature'],
  ['m', 'Mature'],
  ['ma', 'Mature'],
  ['mature', 'Mature'],
  ['fr15', 'Mature'],
  ['nc17', 'Explicit'],
  ['x', 'Explicit'],
  ['xxx', 'Explicit'],
  ['e', 'Explicit'],
  ['explicit', 'Explicit'],
  ['fr18', 'Explicit'],
  ['fr21', 'Explicit'],
  ['notrated', 'Not Rated'],
  ['unrated', 'Not Rated'],
]);

export interface RatingMatch {
  value: RatingValue;
  /** The words that named the rating ("PG-13" of "PG-13 for language"). */
  token: string;
}

/**
 * Reads a rating at the start of `item`: the whole item ("Teen And Up Audiences"), else its first one
 * or two words ("PG 13 for language", "NC-17 (sex)", "R-ish" is not one). Null when none.
 */
export function readRating(item: string): RatingMatch | null {
  const text = item.trim().slice(0, 80);
  if (!text) return null;
  const whole = RATING_WORDS.get(squash(text));
  if (whole) return { value: whole, token: text };
  const words = text.split(/[\s(),;:[\]]+/).filter(Boolean);
  for (const n of [3, 2, 1]) {
    if (words.length < n) continue;
    const token = words.slice(0, n).join(' ');
    const value = RATING_WORDS.get(squash(token));
    if (value) return { value, token };
  }
  return null;
}

/** Warning phrases, normalized by `warningKey`, to the archive warning they mean. */
const WARNING_WORDS = new Map<string, ArchiveWarning>([
  ['graphic depictions of violence', 'Graphic Depictions Of Violence'],
  ['graphic violence', 'Graphic Depictions Of Violence'],
  ['violence', 'Graphic Depictions Of Violence'],
  ['gdov', 'Graphic Depictions Of Violence'],
  ['major character death', 'Major Character Death'],
  ['character death', 'Major Character Death'],
  ['death', 'Major Character Death'],
  ['mcd', 'Major Character Death'],
  ['rape/non-con', 'Rape/Non-Con'],
  ['rape/noncon', 'Rape/Non-Con'],
  ['non-con', 'Rape/Non-Con'],
  ['noncon', 'Rape/Non-Con'],
  ['non-consensual', 'Rape/Non-Con'],
  ['nonconsensual', 'Rape/Non-Con'],
  ['rape', 'Rape/Non-Con'],
  ['underage', 'Underage Sex'],
  ['underage sex', 'Underage Sex'],
  ['no archive warnings apply', 'No Archive Warnings Apply'],
  ['none', 'No Archive Warnings Apply'],
  ['no warnings', 'No Archive Warnings Apply'],
  ['no warnings apply', 'No Archive Warnings Apply'],
  ['n/a', 'No Archive Warnings Apply'],
  ['nawa', 'No Archive Warnings Apply'],
  ['creator chose not to use archive warnings', 'Creator Chose Not To Use Archive Warnings'],
  ['choose not to warn', 'Creator Chose Not To Use Archive Warnings'],
  ['chose not to warn', 'Creator Chose Not To Use Archive Warnings'],
  ['author chose not to warn', 'Creator Chose Not To Use Archive Warnings'],
  ['cntw', 'Creator Chose Not To Use Archive Warnings'],
]);

function warningKey(item: string): string {
  return item
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/^(for|warnings?:?)\s+/, '')
    .trim();
}

export interface WarningSplit {
  archive: ArchiveWarning[];
  /** Everything that is not an archive warning ("soul-crushing angst"): additional tags. */
  additional: string[];
  problems: string[];
}

/** Sorts warning items into archive warnings and additional tags, without duplicates. */
export function mapWarnings(items: readonly string[]): WarningSplit {
  const archive: ArchiveWarning[] = [];
  const additional: string[] = [];
  const problems: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const warning = WARNING_WORDS.get(warningKey(item));
    if (warning) {
      if (!archive.includes(warning)) archive.push(warning);
    } else if (!additional.includes(item)) additional.push(item);
  }
  const exclusive: ArchiveWarning[] = [
    'No Archive Warnings Apply',
    'Creator Chose Not To Use Archive Warnings',
  ];
  for (const x of exclusive) {
    if (archive.includes(x) && archive.length > 1) {
      archive.splice(archive.indexOf(x), 1);
      problems.push(`Warnings: "${x}" was listed together with other warnings; it was left out.`);
    }
  }
  return { archive, additional, problems };
}
