// Quire's browse engine: the in-memory work index behind filtered listings and facet counts.
export { FACET_TYPES, WorkIndex } from './work-index.ts';
export type {
  FacetCount,
  FacetType,
  WorkDoc,
  WorkIndexOptions,
  WorkQuery,
  WorkResult,
  WorkSort,
} from './work-index.ts';
