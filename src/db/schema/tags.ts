import type { Generated } from 'kysely';

export type TagType =
  'rating' | 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform';

export interface TagsTable {
  id: Generated<number>;
  type: TagType;
  name: string;
  /** Lower-cased, whitespace-collapsed name: unique per type. */
  name_key: string;
  canonical: number;
  /** The canonical tag this one is a synonym of (set by wranglers). */
  merger_id: number | null;
  /** Fandoms: their medium (see features/tags/media.ts). */
  media: string | null;
  wrangled_at: string | null;
  created_at: string;
}

export interface TagLinksTable {
  parent_id: number;
  child_id: number;
  /** 'fandom': parent is a fandom of the child; 'meta': parent is a metatag of the child. */
  kind: 'fandom' | 'meta';
}

/** A work's tags as filters see them: canonical (synonyms replaced) plus every metatag. */
export interface WorkFilterTagsTable {
  work_id: number;
  tag_id: number;
}

export interface TagsDatabase {
  tags: TagsTable;
  tag_links: TagLinksTable;
  work_filter_tags: WorkFilterTagsTable;
}
