import type { Generated } from 'kysely';

// ---- Comments (migration 0016; features/comments) ----------------------------------------------

export type CommentState = 'visible' | 'screened' | 'pending';

export interface CommentsTable {
  id: Generated<number>;
  /** Exactly one of `work_id` and `entry_id`. */
  work_id: number | null;
  /** Null on a work: a comment on the entire work. */
  chapter_id: number | null;
  entry_id: number | null;
  parent_id: number | null;
  /** The thread's top-level comment (its own id when top-level). */
  root_id: number | null;
  depth: Generated<number>;
  /** Null: a guest (`guest_name`), or a deleted account when there is no guest name. */
  user_id: number | null;
  guest_name: string | null;
  guest_email: string | null;
  /** Sanitized HTML (lib/sanitize.ts); empty once deleted. */
  body: string;
  state: CommentState;
  frozen: Generated<number>;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface CommentsDatabase {
  comments: CommentsTable;
}
