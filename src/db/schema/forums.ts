import type { Generated } from 'kysely';

// ---- Forums (migration 0011; features/forums) ---------------------------------------------------

export type BoardAccess = 'public' | 'members' | 'read-only';
export type PostStatus = 'visible' | 'hidden' | 'pending' | 'deleted';

export interface ForumCategoriesTable {
  id: Generated<number>;
  /** The community (a community journal) whose forum this is; null: a site-wide category. */
  community_id: number | null;
  name: string;
  position: Generated<number>;
  created_at: string;
}

export interface BoardsTable {
  id: Generated<number>;
  category_id: number;
  /** The category's community, kept on the board so visibility needs no join. */
  community_id: number | null;
  name: string;
  description: Generated<string>;
  access: BoardAccess;
  /** 1: posts by anyone but the board's moderators wait for approval. */
  moderated: Generated<number>;
  position: Generated<number>;
  created_at: string;
}

export interface ThreadsTable {
  id: Generated<number>;
  board_id: number;
  title: string;
  starter_id: number | null;
  pinned: Generated<number>;
  locked: Generated<number>;
  views: Generated<number>;
  /** The highest post number given out (numbers are allocated under this row's lock). */
  post_count: Generated<number>;
  /** The eight columns below are written only by forums/bump.ts. Visible posts minus the opening one. */
  reply_count: Generated<number>;
  last_post_id: number | null;
  last_post_number: Generated<number>;
  last_poster_id: number | null;
  /** A fact: when the latest visible post appeared. */
  last_posted_at: string;
  /** An ordering decision: what the board sorts by. */
  bumped_at: string;
  /** Set when a moderator merged this thread into another: its address leads there. */
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  number: number;
  author_id: number;
  /** 'chapter': posted by the chapter → thread job for a linked work (`work_id`, `chapter_id`). */
  kind: Generated<'reply' | 'chapter'>;
  /** Sanitized HTML (lib/sanitize.ts). */
  body: string;
  status: PostStatus;
  /** 0: a moderator's "don't bump" reply. */
  bumps: Generated<number>;
  work_id: number | null;
  chapter_id: number | null;
  created_at: string;
  /** When it became visible (posted, or approved): what bumps. Null while pending. */
  visible_at: string | null;
  edited_at: string | null;
  edit_count: Generated<number>;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  /** The body before the edit. */
  body: string;
  editor_id: number | null;
  created_at: string;
}

export interface WorkThreadsTable {
  work_id: number;
  thread_id: number;
  user_id: number;
  /** 1: chapter replies carry the chapter's text. */
  with_text: number;
  created_at: string;
}

export interface ChapterRepliesTable {
  thread_id: number;
  chapter_id: number;
  post_id: number | null;
  created_at: string;
}

export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_number: number;
  updated_at: string;
}

export interface PostReportsTable {
  id: Generated<number>;
  post_id: number;
  reporter_id: number;
  reason: string;
  status: 'open' | 'dismissed' | 'actioned';
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface ForumSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  board_id: number | null;
  thread_id: number | null;
  created_at: string;
}

export interface ForumsDatabase {
  forum_categories: ForumCategoriesTable;
  boards: BoardsTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  work_threads: WorkThreadsTable;
  chapter_replies: ChapterRepliesTable;
  thread_reads: ThreadReadsTable;
  post_reports: PostReportsTable;
  forum_subscriptions: ForumSubscriptionsTable;
}
