import type { SafeHtml } from '../../lib/safe-html.ts';
import { countWords } from '../../lib/word-count.ts';
import {
  countMismatch,
  readClaimedCount,
  splitAuthors,
  splitList,
  splitNames,
  splitRelationships,
  splitTopLevel,
} from './fields.ts';
import type { HeaderField } from './header-block.ts';
import { readNumeral } from './series.ts';
import type { ParsedWork } from './types.ts';
import { mapWarnings, readRating } from './vocabulary.ts';

/** Header fields → a work's metadata, with a confidence for each field and the problems met. */

/** Certainty of a value read from its own label, and from a label whose value ran over several lines. */
const LABELLED = 0.95;
const CONTINUED = 0.85;

export function emptyWork(): ParsedWork {
  return {
    title: null,
    authors: [],
    fandoms: [],
    rating: { raw: null, value: 'Not Rated' },
    warnings: { raw: null, archive: [], additional: [] },
    relationships: [],
    characters: [],
    additionalTags: [],
    summary: null,
    notes: null,
    endNotes: null,
    disclaimer: null,
    spoilers: null,
    beta: null,
    prompt: null,
    dedication: null,
    wordCount: { raw: null, claimed: null, approximate: false, counted: 0 },
    series: null,
    chapter: null,
    otherFields: {},
    body: { html: '' as SafeHtml, text: '' },
    confidence: {},
    problems: [],
  };
}

function addAll(into: string[], items: string[]): void {
  for (const item of items) if (!into.includes(item)) into.push(item);
}

type ProseKey =
  'summary' | 'notes' | 'endNotes' | 'disclaimer' | 'spoilers' | 'beta' | 'prompt' | 'dedication';

/** Series and chapter numbers given by their own labels, for the series step. */
export interface NumberFields {
  series: string | null;
  part: string | null;
  chapter: string | null;
}

/** Applies header fields to `work`; returns the series/part/chapter values for `resolveSeries`. */
export function applyFields(work: ParsedWork, fields: HeaderField[]): NumberFields {
  const numbers: NumberFields = { series: null, part: null, chapter: null };
  const c = work.confidence;
  const sure = (key: string, field: HeaderField, value = field.continued ? CONTINUED : LABELLED): void => {
    c[key] = Math.max(c[key] ?? 0, value);
  };
  const warningItems: string[] = [];
  for (const field of fields) {
    const value = field.value;
    switch (field.key) {
      case 'title':
        if (work.title === null) work.title = value.replace(/\s*\n\s*/g, ' ') || null;
        else work.problems.push(`Two titles in one header; kept "${work.title}", not "${value}".`);
        if (work.title) sure('title', field);
        break;
      case 'authors':
        addAll(work.authors, splitAuthors(value));
        sure('authors', field);
        break;
      case 'fandoms':
        addAll(work.fandoms, splitList(value));
        sure('fandoms', field);
        break;
      case 'rating':
      case 'ratingWarnings': {
        const items = splitTopLevel(value.replace(/\n/g, ', '));
        const at = work.rating.raw === null ? items.findIndex((item) => readRating(item) !== null) : -1;
        const found = at >= 0 ? readRating(items[at] ?? '') : null;
        if (found) {
          work.rating = { raw: items[at] ?? found.token, value: found.value };
          sure('rating', field, LABELLED);
          warningItems.push(...items.filter((_, i) => i !== at));
        } else if (field.key === 'rating' && work.rating.raw === null) {
          work.rating = { raw: value, value: 'Not Rated' };
          c.rating = 0.3;
          work.problems.push(`Rating "${value}" is not one Quire knows; it was kept as Not Rated.`);
        } else {
          warningItems.push(...items);
          if (work.rating.raw === null) work.problems.push(`No rating found in "${field.label}: ${value}".`);
        }
        break;
      }
      case 'warnings':
        warningItems.push(...splitTopLevel(value.replace(/\n/g, ', ')));
        break;
      case 'relationships':
      case 'charactersRelationships': {
        const split = splitRelationships(value.replace(/\n/g, ', '), field.key === 'charactersRelationships');
        addAll(work.relationships, split.relationships);
        addAll(work.characters, split.characters);
        addAll(work.relationships, split.unclear);
        sure('relationships', field, split.unclear.length > 0 ? 0.5 : undefined);
        if (split.characters.length > 0) sure('characters', field);
        for (const item of split.unclear) {
          work.problems.push(`Pairing "${item}" has no "/" or "&"; check it is one relationship.`);
        }
        break;
      }
      case 'characters':
        addAll(work.characters, splitNames(value.replace(/\n/g, ', ')));
        sure('characters', field);
        break;
      case 'additionalTags':
        addAll(work.additionalTags, splitList(value.replace(/\n/g, ', ')));
        sure('additionalTags', field);
        break;
      case 'wordCount': {
        const claim = readClaimedCount(value);
        work.wordCount = { ...work.wordCount, raw: value, ...claim };
        sure('wordCount', field, claim.claimed === null ? 0.3 : LABELLED);
        if (claim.claimed === null) work.problems.push(`Word count "${value}" is not a number.`);
        break;
      }
      case 'series':
        numbers.series = value;
        break;
      case 'part':
        numbers.part = value;
        break;
      case 'chapter':
        numbers.chapter = value;
        break;
      case 'other':
        work.otherFields[field.label] =
          field.label in work.otherFields ? `${work.otherFields[field.label]}\n${value}` : value;
        break;
      default: {
        const key: ProseKey = field.key;
        work[key] = work[key] ? `${work[key]}\n\n${value}` : value;
        sure(key, field);
      }
    }
  }
  if (warningItems.length > 0) {
    const split = mapWarnings(warningItems);
    work.warnings = { raw: warningItems.join(', '), archive: split.archive, additional: split.additional };
    addAll(work.additionalTags, split.additional);
    work.problems.push(...split.problems);
    c.warnings = split.archive.length > 0 ? 0.9 : 0.6;
    if (split.additional.length > 0) c.additionalTags = Math.max(c.additionalTags ?? 0, 0.8);
  }
  return numbers;
}

/** Fills in what the header left out and reports it; counts the body's words and checks the claim. */
export function checkWork(
  work: ParsedWork,
  fallback: { subject: string | null; poster: string | null },
): void {
  const c = work.confidence;
  const p = work.problems;
  if (!work.title && fallback.subject) {
    [work.title, c.title] = [fallback.subject, 0.6];
    p.push('No title in the header; the post subject was used.');
  } else if (!work.title) p.push('No title found.');
  if (work.authors.length === 0 && fallback.poster) {
    [work.authors, c.authors] = [[fallback.poster], 0.5];
    p.push('No author in the header; the poster was taken as the author.');
  } else if (work.authors.length === 0) p.push('No author found.');
  if (work.fandoms.length === 0) p.push('No fandom found.');
  if (work.rating.raw === null) p.push('No rating found; it is Not Rated until one is chosen.');
  if (work.warnings.archive.length === 0) p.push('No archive warning stated; one must be chosen.');
  const counted = countWords(work.body.html);
  work.wordCount.counted = counted;
  if (countMismatch(work.wordCount, counted)) {
    const claimed = work.wordCount.raw ?? String(work.wordCount.claimed);
    p.push(`Word count: the header says ${claimed}, Quire counts ${counted}.`);
  }
  for (const key of ['title', 'authors', 'fandoms', 'rating', 'warnings', 'relationships', 'characters']) {
    c[key] ??= 0;
  }
  for (const key of [
    'additionalTags',
    'summary',
    'notes',
    'endNotes',
    'wordCount',
    'series',
    'chapter',
    'body',
  ]) {
    c[key] ??= 0;
  }
}

/** "5", "V", "5/6", "5 of 6", "3 - The Reckoning" → [5, 6]. Only the first 100 characters are read. */
export function readNumberPair(value: string): [number | null, number | null] {
  const [a, b] = value.slice(0, 100).split(/\/|\bof\b/i);
  const first = (s: string | undefined): number | null => {
    for (const word of (s ?? '').split(/\s+/)) {
      const n = word ? readNumeral(word) : null;
      if (n !== null) return n;
    }
    return null;
  };
  return [first(a), b === undefined ? null : first(b)];
}
