// The public shapes of the browse engine: what a work looks like to the index, what a reader may ask,
// and what comes back. Re-exported from work-index.ts and index.ts.

export type FacetType =
  'rating' | 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform';

/** Facet types in display order; a tag's stored type code is its position here plus one (0 = untyped). */
export const FACET_TYPES: readonly FacetType[] = [
  'rating',
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
];

export interface WorkDoc {
  /** Work id (positive int, may be sparse up to ~2^31). */
  id: number;
  /** ALL filter tag ids of the work (already expanded through synonyms/metatags by the caller). */
  tags: number[];
  /** Distinct canonical fandoms (crossover = fandomCount > 1). */
  fandomCount: number;
  /** Account ids. */
  creators: number[];
  complete: boolean;
  /** Registered users only: hidden from guests. */
  restricted: boolean;
  words: number;
  /** Epoch seconds (Date Updated). */
  revisedAt: number;
  /** Epoch seconds. */
  publishedAt: number;
  /** 'en', 'pt-BR'… */
  language: string;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  /** For sorting by title (case-insensitive, by a precomputed normalized key). */
  title: string;
  /** First creator's display name, for sorting by creator. */
  creatorName: string;
}

/** Every order a listing can be sorted in. */
export const WORK_SORTS = [
  'updated',
  'posted',
  'title',
  'creator',
  'words',
  'hits',
  'kudos',
  'comments',
  'bookmarks',
  'relevance',
] as const;
export type WorkSort = (typeof WORK_SORTS)[number];

export interface WorkQuery {
  /** Every one of these tags (AND). */
  include?: number[];
  /** None of these tags. */
  exclude?: number[];
  /** None of these creators (a reader's blocklist). */
  excludeCreators?: number[];
  /** Only works by one of these creators. */
  creators?: number[];
  /** Default 'include'. */
  crossover?: 'include' | 'exclude' | 'only';
  /** true: complete only; false: in progress only. */
  complete?: boolean;
  wordsFrom?: number;
  wordsTo?: number;
  /** Epoch seconds, inclusive. */
  updatedFrom?: number;
  updatedTo?: number;
  language?: string;
  /** true: restricted works are invisible (never counted). */
  guest?: boolean;
  /** Restrict to these work ids (text search results); scores for sort 'relevance'. */
  within?: { ids: ArrayLike<number>; scores?: ArrayLike<number> };
  sort?: WorkSort;
  /** Default desc (asc for title/creator). */
  direction?: 'desc' | 'asc';
  /** 1-based, default 1. */
  page?: number;
  /** Default 20, max 100. */
  perPage?: number;
  /** Per type, default 10; 0 = no facets. */
  facetLimit?: number;
}

export interface FacetCount {
  tag: number;
  count: number;
}

export interface WorkResult {
  total: number;
  page: number;
  ids: number[];
  facets: Record<FacetType, FacetCount[]>;
}

/** A facets record with every type present and empty. */
export function emptyFacets(): Record<FacetType, FacetCount[]> {
  return { rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] };
}

/** True for an integer id the index can hold: 1 … 2^31 − 1. */
export function isIndexableId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 0x7fffffff;
}
