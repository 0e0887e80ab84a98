import type { Generated } from 'kysely';

// --- Bookmarks ([interactions], migration 0017) ---

/** One account's bookmark of a work or (xor) a series. */
export interface BookmarksTable {
  id: Generated<number>;
  user_id: number;
  work_id: number | null;
  series_id: number | null;
  /** Sanitized HTML. */
  notes: string;
  /** 1: only the bookmarker sees it (and it is not counted). */
  private: number;
  /** 1: a recommendation. */
  rec: number;
  created_at: string;
  updated_at: string;
}

/** The bookmarker's own tags on a bookmark (labels, not wrangled tags). */
export interface BookmarkTagsTable {
  bookmark_id: number;
  name: string;
  /** Lower-cased name: one tag per name on a bookmark, matched case-insensitively. */
  name_key: string;
  position: number;
}

export interface BookmarksDatabase {
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
}
