import type { Generated } from 'kysely';

/** A reader's blocklist (migration 0007): tags and creators hidden from every listing they see. */
export interface BlockedTagsTable {
  user_id: number;
  tag_id: number;
  created_at: string;
}

export interface BlockedCreatorsTable {
  user_id: number;
  creator_id: number;
  created_at: string;
}

/** A reader's named listing filter: `query` is the listing's path and query string. */
export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: string;
}

export interface ReaderFiltersDatabase {
  blocked_tags: BlockedTagsTable;
  blocked_creators: BlockedCreatorsTable;
  saved_filters: SavedFiltersTable;
}
