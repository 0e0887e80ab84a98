import type { Generated } from 'kysely';

export type CommentPermission = 'everyone' | 'registered' | 'none';

export interface WorksTable {
  id: Generated<number>;
  title: string;
  /** Sanitized HTML, like every user-written text below. */
  summary: string;
  notes: string;
  end_notes: string;
  language: string;
  /** 1: registered users only. */
  restricted: number;
  comment_permission: CommentPermission;
  moderated_comments: number;
  /** null: unknown ("?"). */
  expected_chapters: number | null;
  /** 0: a draft, seen only by its creators. */
  posted: number;
  /** Set by a moderator: seen only by creators and moderators. */
  hidden_at: string | null;
  published_at: string | null;
  /** "Date Updated": written only by works/revision.ts. */
  revised_at: string | null;
  /** The sum of posted chapters' counts (works/revision.ts). These five default to 0. */
  word_count: Generated<number>;
  posted_chapters: Generated<number>;
  complete: Generated<number>;
  major_version: Generated<number>;
  minor_version: Generated<number>;
  /** Visitors a day, counted by works/hits.ts (not a revision: never changes updated_at). */
  hits: Generated<number>;
  /** Written only by works/work-counters.ts. */
  kudos_count: Generated<number>;
  comment_count: Generated<number>;
  /** Public bookmarks. */
  bookmark_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface WorkHitsTable {
  work_id: number;
  visitor: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

export interface GiftsTable {
  work_id: number;
  /** As typed: a username, or a name of someone without an account. */
  recipient: string;
  recipient_key: string;
  /** Set when the recipient is an account. */
  user_id: number | null;
  position: number;
}

export interface WorkCreatorsTable {
  work_id: number;
  pseud_id: number;
  user_id: number;
  position: number;
  /** 0 while a co-creator's invitation is pending: not shown as a creator yet. */
  accepted: number;
  created_at: string;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  word_count: number;
  posted: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SeriesTable {
  id: Generated<number>;
  title: string;
  summary: string;
  notes: string;
  complete: number;
  created_at: string;
  updated_at: string;
}

export interface SeriesCreatorsTable {
  series_id: number;
  pseud_id: number;
  user_id: number;
}

export interface SerialWorksTable {
  series_id: number;
  work_id: number;
  part: number;
}

export interface WorkTagsTable {
  work_id: number;
  tag_id: number;
  position: number;
}

export interface WorksDatabase {
  works: WorksTable;
  work_creators: WorkCreatorsTable;
  chapters: ChaptersTable;
  series: SeriesTable;
  series_creators: SeriesCreatorsTable;
  serial_works: SerialWorksTable;
  work_tags: WorkTagsTable;
  work_hits: WorkHitsTable;
  gifts: GiftsTable;
}
