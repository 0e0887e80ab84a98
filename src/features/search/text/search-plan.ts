import type { SearchQuery } from './query-syntax.ts';
import { searchWords } from './search-text.ts';

/** What the index knows about one work (plain text; see search-index.ts for what goes in). */
export interface SearchDoc {
  workId: number;
  title: string;
  summary: string;
  /** The work's notes and end notes. */
  notes: string;
  tags: string[];
  creators: string[];
  /** All posted chapters' titles and text, plain, cut at MAX_INDEXED_BODY_CHARS. */
  body: string;
}

export interface SearchHits {
  ids: number[];
  /** One per id; higher is better. Comparable within one search only. */
  scores: number[];
}

/** Does the query constrain the text at all? When not, skip the text search and only filter. */
export function hasTextCriteria(query: SearchQuery): boolean {
  const { fields } = query;
  const required = [query.terms, query.phrases, fields.title, fields.tag, fields.fandom, fields.creator];
  return required.some((list) => list.length > 0) || query.excluded.some((t) => searchWords(t).length > 0);
}

/** A phrase as search words: one word is a phrase of one. */
type Words = string[];

/** The text part of a query as search words, per field; what both providers translate. */
export interface TextPlan {
  /** Anywhere in the work: terms and phrases. */
  anywhere: Words[];
  title: Words[];
  /** tag: and fandom: (any tag). */
  tags: Words[];
  creators: Words[];
  excluded: Words[];
  /** A required part has no searchable word left (it can match nothing). */
  impossible: boolean;
}

export function textPlan(query: SearchQuery): TextPlan {
  let impossible = false;
  const required = (texts: string[]) =>
    texts.map((text) => {
      const words = searchWords(text);
      if (words.length === 0) impossible = true;
      return words;
    });
  const { fields } = query;
  const plan = {
    anywhere: required([...query.terms, ...query.phrases]),
    title: required(fields.title),
    tags: required([...fields.tag, ...fields.fandom]),
    creators: required(fields.creator),
    excluded: query.excluded.map(searchWords).filter((words) => words.length > 0),
  };
  return { ...plan, impossible };
}

/** Does the plan require some text (rather than only excluding)? */
export function hasRequiredText(plan: TextPlan): boolean {
  return plan.anywhere.length + plan.title.length + plan.tags.length + plan.creators.length > 0;
}

/** A sane row limit: a whole number from 0 to 10,000. */
export function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(10_000, Math.max(0, Math.floor(limit))) : 0;
}

/** No works (a fresh object: callers may change what they get). */
export const noHits = (): SearchHits => ({ ids: [], scores: [] });
