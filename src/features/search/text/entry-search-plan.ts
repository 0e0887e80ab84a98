import type { SearchQuery } from './query-syntax.ts';
import { searchWords } from './search-text.ts';

/** What the index knows about one entry (plain text). */
export interface EntrySearchDoc {
  entryId: number;
  subject: string;
  body: string;
  tags: string[];
  /** The journal's name (a username or a community's name). */
  journal: string;
}

/** A phrase as search words: one word is a phrase of one. */
export type Words = string[];

/** The text part of a query, as entries understand it. */
export interface EntrySearchPlan {
  /** Terms and "phrases": anywhere in the entry. */
  anywhere: Words[];
  /** title: — the subject. */
  subject: Words[];
  /** tag: — the entry's tags. */
  tags: Words[];
  /** -word and -"phrase": nowhere in the entry. */
  excluded: Words[];
  /** A required part has no searchable word left (nothing can match). */
  impossible: boolean;
  /** The qualifiers left out (works only), to tell the reader. */
  ignored: string[];
}

/**
 * Reads a parsed query for entries: terms, phrases and exclusions; title: searches subjects and
 * tag: the entry's tags. The works-only qualifiers (fandom:, creator:, rating:, complete:, lang:,
 * counts) are left out and named in `ignored`.
 */
export function entrySearchPlan(query: SearchQuery): EntrySearchPlan {
  let impossible = false;
  const required = (texts: string[]) =>
    texts.map((text) => {
      const words = searchWords(text);
      if (words.length === 0) impossible = true;
      return words;
    });
  const { fields } = query;
  const ignored = [
    fields.fandom.length > 0 && 'fandom:',
    fields.creator.length > 0 && 'creator:',
    fields.rating.length > 0 && 'rating:',
    fields.complete !== undefined && 'complete:',
    fields.lang !== undefined && 'lang:',
    ...(['words', 'kudos', 'hits', 'comments', 'bookmarks'] as const).map(
      (f) => fields[f] !== undefined && `${f}:`,
    ),
  ].filter((x): x is string => typeof x === 'string');
  return {
    anywhere: required([...query.terms, ...query.phrases]),
    subject: required(fields.title),
    tags: required(fields.tag),
    excluded: query.excluded.map(searchWords).filter((words) => words.length > 0),
    impossible,
    ignored,
  };
}

/** Does the plan ask anything of the text (a word to find or to leave out)? */
export function hasEntryCriteria(plan: EntrySearchPlan): boolean {
  return plan.anywhere.length + plan.subject.length + plan.tags.length + plan.excluded.length > 0;
}

/**
 * A tsvector holds at most 1 MB, and to_tsvector fails beyond it; an entry (up to 500,000
 * characters) of many distinct made-up words could pass that. Body words stop being indexed
 * once this estimate is reached (per distinct word: its UTF-8 bytes plus 9, and 2 bytes per
 * position up to 256; more than PostgreSQL stores). Both databases index the same words.
 */
export const ENTRY_BUDGET_BYTES = 900_000;
const MAX_POSITIONS = 256;

/** Each field's search words, space-separated, the body cut to the budget. */
export function entrySearchTexts(doc: EntrySearchDoc) {
  const subject = searchWords(doc.subject);
  const tags = doc.tags.flatMap(searchWords);
  const journal = searchWords(doc.journal);
  const body = searchWords(doc.body);
  const positions = new Map<string, number>();
  let bytes = 0;
  const fits = (word: string) => {
    const seen = positions.get(word) ?? 0;
    const cost = (seen === 0 ? Buffer.byteLength(word) + 9 : 0) + (seen < MAX_POSITIONS ? 2 : 0);
    if (bytes + cost > ENTRY_BUDGET_BYTES) return false;
    bytes += cost;
    positions.set(word, seen + 1);
    return true;
  };
  for (const word of [...subject, ...tags, ...journal]) fits(word);
  let kept = 0;
  while (kept < body.length && fits(body[kept]!)) kept++;
  return {
    subject: subject.join(' '),
    tags: tags.join(' '),
    journal: journal.join(' '),
    body: body.slice(0, kept).join(' '),
  };
}
