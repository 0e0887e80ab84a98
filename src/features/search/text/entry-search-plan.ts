import type { SearchQuery } from './query-syntax.ts';
import { TsvectorBudget } from './postgres-tsvector.ts';
import { excludedWords, requiredWords, type Words } from './search-plan.ts';
import { searchWords } from './search-text.ts';

export type { Words } from './search-plan.ts';

/** What the index knows about one entry (plain text). */
export interface EntrySearchDoc {
  entryId: number;
  subject: string;
  body: string;
  tags: string[];
  /** The journal's name (a username or a community's name). */
  journal: string;
}

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
  const parts = {
    anywhere: requiredWords([...query.terms, ...query.phrases]),
    subject: requiredWords(fields.title),
    tags: requiredWords(fields.tag),
  };
  return {
    anywhere: parts.anywhere.phrases,
    subject: parts.subject.phrases,
    tags: parts.tags.phrases,
    excluded: excludedWords(query),
    impossible: Object.values(parts).some((part) => part.empty),
    ignored,
  };
}

/** Does the plan ask anything of the text (a word to find or to leave out)? */
export function hasEntryCriteria(plan: EntrySearchPlan): boolean {
  return plan.anywhere.length + plan.subject.length + plan.tags.length + plan.excluded.length > 0;
}

/** Each field's search words, space-separated, the body cut to PostgreSQL's tsvector budget. */
export function entrySearchTexts(doc: EntrySearchDoc) {
  const subject = searchWords(doc.subject);
  const tags = doc.tags.flatMap(searchWords);
  const journal = searchWords(doc.journal);
  const body = searchWords(doc.body);
  const budget = new TsvectorBudget();
  for (const words of [subject, tags, journal]) budget.addAll(words);
  return {
    subject: subject.join(' '),
    tags: tags.join(' '),
    journal: journal.join(' '),
    body: body.slice(0, budget.addAll(body)).join(' '),
  };
}
