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

/** Every work matching a query's text, with relevance scores when they were asked for. */
export interface SearchHits {
  ids: number[];
  /** One per id when ranked; higher is better; comparable within one search only. */
  scores?: number[];
}

/** How a search is to be answered. */
export interface SearchOptions {
  /** Score the matches for "best match" (see RANKING); without it, ids only (much cheaper). */
  rank?: boolean;
  /** Overrides the provider's budget for scoring every match (tests use it to try both ways). */
  exactUpTo?: number;
  /** Overrides RANKING.headScoredUpTo (tests). */
  headScoredUpTo?: number;
}

/**
 * Most matches a search returns. A listing's filters, counts and facets apply to all of them, so
 * totals are exact up to here (an archive where one word matches more works than this says so).
 */
export const MAX_TEXT_MATCHES = 1_000_000;

/**
 * "Best match", as both providers compute it (docs/decisions.md, "Ranking text searches"): when a
 * search matches at most `exactUpTo` works (a per-database budget), each is scored over every field
 * with the field weights (title most, the body least). Above that, scoring every match costs more than
 * a listing may take, so only works where some required word or phrase is in the title, summary, notes,
 * tags or creators are scored (over those fields) and rank first; the body-only matches follow with
 * score -1 (the listing orders equal scores newest first).
 *
 * When even the head fields match more than `headScoredUpTo` works (a word like "the" in a million
 * summaries), the word says nothing about which work is meant, and scoring those matches would hold a
 * score per match in memory (280 MB and 13 s for "the" at a million works): they stay unscored, newest
 * first.
 */
export const RANKING = {
  headFields: ['title', 'summary', 'notes', 'tags', 'creators'],
  headScoredUpTo: 100_000,
} as const;

/** Scores aligned with `ids`: a scored id gets its score (≥ 0), any other -1, below them all. */
export function alignScores(ids: number[], scored: Map<number, number>): number[] {
  return ids.map((id) => scored.get(id) ?? -1);
}

/** Does the query constrain the text at all? When not, skip the text search and only filter. */
export function hasTextCriteria(query: SearchQuery): boolean {
  const { fields } = query;
  const required = [query.terms, query.phrases, fields.title, fields.tag, fields.fandom, fields.creator];
  return required.some((list) => list.length > 0) || query.excluded.some((t) => searchWords(t).length > 0);
}

/** A phrase as search words: one word is a phrase of one. */
export type Words = string[];

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

/** Each required text as search words, and whether one has none (so nothing can match it). */
export function requiredWords(texts: string[]): { phrases: Words[]; empty: boolean } {
  const phrases = texts.map(searchWords);
  return { phrases, empty: phrases.some((words) => words.length === 0) };
}

/** A query's exclusions as search words (those without any are dropped: they exclude nothing). */
export const excludedWords = (query: SearchQuery): Words[] =>
  query.excluded.map(searchWords).filter((words) => words.length > 0);

export function textPlan(query: SearchQuery): TextPlan {
  const { fields } = query;
  const parts = {
    anywhere: requiredWords([...query.terms, ...query.phrases]),
    title: requiredWords(fields.title),
    tags: requiredWords([...fields.tag, ...fields.fandom]),
    creators: requiredWords(fields.creator),
  };
  return {
    anywhere: parts.anywhere.phrases,
    title: parts.title.phrases,
    tags: parts.tags.phrases,
    creators: parts.creators.phrases,
    excluded: excludedWords(query),
    impossible: Object.values(parts).some((part) => part.empty),
  };
}

/** Does the plan require some text (rather than only excluding)? */
export function hasRequiredText(plan: TextPlan): boolean {
  return plan.anywhere.length + plan.title.length + plan.tags.length + plan.creators.length > 0;
}

/** No works (a fresh object: callers may change what they get). */
export const noHits = (options: SearchOptions = {}): SearchHits =>
  options.rank ? { ids: [], scores: [] } : { ids: [] };
