import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/** How many threads a board page lists. */
export const THREADS_PER_PAGE = 30;

export interface ThreadListItem {
  id: number;
  title: string;
  starter: string | null;
  replies: number;
  views: number;
  pinned: boolean;
  locked: boolean;
  bumpedAt: string;
  lastPostedAt: string;
  lastPoster: string | null;
  lastPostId: number | null;
  /** Signed-in readers: a visible post they have not read yet. */
  unread: boolean;
  /** Signed-in readers: they have opened the thread before. */
  seen: boolean;
}

export interface ThreadListing {
  threads: ThreadListItem[];
  total: number;
  page: number;
  pages: number;
}

/**
 * A board's threads in display order: pinned first, then by `bumped_at` (newest first), then by id.
 * The board's visibility was checked by the caller; merged threads are left out (they lead to the
 * thread they were merged into).
 */
export async function listThreads(
  db: DB,
  viewer: Viewer | null,
  boardId: number,
  page: number,
  moderate = false,
): Promise<ThreadListing> {
  // A thread whose opening post awaits approval is its starter's and the moderators' only.
  const shown = (eb: ExpressionBuilder<Database, 'threads'>) =>
    eb.or([eb('threads.last_post_number', '>', 0), eb('threads.starter_id', '=', viewer?.id ?? 0)]);
  const { n } = await db
    .selectFrom('threads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('board_id', '=', boardId)
    .where('merged_into', 'is', null)
    .$if(!moderate, (qb) => qb.where(shown))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db
    .selectFrom('threads')
    .leftJoin('users as starter', 'starter.id', 'threads.starter_id')
    .leftJoin('users as last', 'last.id', 'threads.last_poster_id')
    .leftJoin('thread_reads', (join) =>
      join
        .onRef('thread_reads.thread_id', '=', 'threads.id')
        .on('thread_reads.user_id', '=', viewer?.id ?? 0),
    )
    .select([
      'threads.id',
      'threads.title',
      'threads.pinned',
      'threads.locked',
      'threads.views',
      'threads.reply_count',
      'threads.bumped_at',
      'threads.last_posted_at',
      'threads.last_post_id',
      'threads.last_post_number',
      'starter.username as starter',
      'last.username as last_poster',
      'thread_reads.last_read_number',
    ])
    .where('threads.board_id', '=', boardId)
    .where('threads.merged_into', 'is', null)
    .$if(!moderate, (qb) => qb.where(shown))
    .orderBy('threads.pinned', 'desc')
    .orderBy('threads.bumped_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(THREADS_PER_PAGE)
    .offset((current - 1) * THREADS_PER_PAGE)
    .execute();
  return {
    total,
    page: current,
    pages,
    threads: rows.map((r) => ({
      id: r.id,
      title: r.title,
      starter: r.starter,
      replies: r.reply_count,
      views: r.views,
      pinned: r.pinned === 1,
      locked: r.locked === 1,
      bumpedAt: r.bumped_at,
      lastPostedAt: r.last_posted_at,
      lastPoster: r.last_poster,
      lastPostId: r.last_post_id,
      seen: viewer !== null && r.last_read_number !== null,
      unread: viewer !== null && r.last_post_number > (r.last_read_number ?? 0),
    })),
  };
}
