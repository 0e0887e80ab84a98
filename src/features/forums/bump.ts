import type { DB } from '../../db/connect.ts';
import { nowIso } from '../../lib/clock.ts';

/**
 * The one owner of a thread's order: `bumped_at` (what its board sorts by, an ordering decision),
 * `last_posted_at` (when its latest visible post appeared, a fact), and the thread's latest post,
 * its poster and its reply count. Every path that changes a thread's posts calls `rebump` inside
 * its transaction; nothing else writes those columns.
 *
 * A post "bumps" when it is visible and not a moderator's "don't bump" reply; it bumps at
 * `visible_at`, the instant it became visible (posted, or approved out of the moderation queue).
 *
 * | event                               | last_posted_at              | bumped_at                        |
 * |-------------------------------------|-----------------------------|----------------------------------|
 * | started, replied, chapter-replied   | latest visible post         | latest visible bumping post      |
 * | replied without bump (moderator)    | latest visible post         | unchanged                        |
 * | hidden, deleted                     | back to the latest left     | back to the latest bumping left  |
 * | unhidden, approved (at approval)    | restored / the approval     | restored / the approval          |
 * | posts moved in, merged, split       | recomputed: newer posts bump the destination, older do not |
 * | posts moved out                     | recomputed (back to what is left)                              |
 * | edited, retitled, moved, pinned, locked | unchanged                | unchanged                        |
 *
 * With no visible post left, both fall back to the thread's creation.
 */
export type BumpEvent =
  | 'started'
  | 'replied'
  | 'chapter-replied'
  | 'approved'
  | 'hidden'
  | 'unhidden'
  | 'deleted'
  | 'posts-moved-in'
  | 'posts-moved-out'
  | 'merged'
  | 'split'
  | 'edited'
  | 'retitled'
  | 'moved'
  | 'pinned'
  | 'locked';

/** Events that change no post's visibility or place: they never move a thread. */
const KEEPS: ReadonlySet<BumpEvent> = new Set(['edited', 'retitled', 'moved', 'pinned', 'locked']);

export interface ThreadDates {
  createdAt: string;
  bumpedAt: string;
  lastPostedAt: string;
}

/** What the thread's posts say, read in one place (`postFacts`). */
export interface PostFacts {
  /** The latest visible post (by `visible_at`, then number). */
  latest: { id: number; number: number; authorId: number; at: string } | null;
  /** When the latest visible post that bumps became visible. */
  latestBump: string | null;
  /** The highest number among visible posts (for unread markers). */
  lastNumber: number;
  /** Visible posts after the opening one. */
  replies: number;
}

export interface Bump {
  bumpedAt: string;
  lastPostedAt: string;
}

/** The rule itself: pure, so it can be tested as a table. */
export function nextBump(thread: ThreadDates, facts: PostFacts, event: BumpEvent): Bump {
  if (KEEPS.has(event)) return { bumpedAt: thread.bumpedAt, lastPostedAt: thread.lastPostedAt };
  return {
    lastPostedAt: facts.latest?.at ?? thread.createdAt,
    bumpedAt: facts.latestBump ?? thread.createdAt,
  };
}

/** Reads the facts the rule needs from the thread's visible posts (two indexed queries). */
export async function postFacts(db: DB, threadId: number): Promise<PostFacts> {
  const agg = await db
    .selectFrom('posts')
    .select((eb) => [
      eb.fn.max('posts.number').as('last_number'),
      eb.fn.sum<number>(eb.case().when('posts.number', '>', 1).then(1).else(0).end()).as('replies'),
      eb.fn.max(eb.case().when('posts.bumps', '=', 1).then(eb.ref('posts.visible_at')).end()).as('bump'),
    ])
    .where('posts.thread_id', '=', threadId)
    .where('posts.status', '=', 'visible')
    .executeTakeFirst();
  const latest = await db
    .selectFrom('posts')
    .select(['id', 'number', 'author_id', 'visible_at'])
    .where('thread_id', '=', threadId)
    .where('status', '=', 'visible')
    .orderBy('visible_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    latest:
      latest && latest.visible_at
        ? { id: latest.id, number: latest.number, authorId: latest.author_id, at: latest.visible_at }
        : null,
    latestBump: (agg?.bump as string | null | undefined) ?? null,
    lastNumber: Number(agg?.last_number ?? 0),
    replies: Number(agg?.replies ?? 0),
  };
}

/**
 * Applies the rule to a stored thread, inside the caller's transaction. Returns the thread's new
 * dates (unchanged for the events that never move a thread, which write nothing).
 */
export async function rebump(
  db: DB,
  threadId: number,
  event: BumpEvent,
  /** The thread's dates, when the caller has just read them under the row lock (adding a post). */
  known?: { created_at: string; bumped_at: string; last_posted_at: string },
): Promise<Bump> {
  const thread =
    known ??
    (await db
      .selectFrom('threads')
      .select(['created_at', 'bumped_at', 'last_posted_at'])
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow());
  const dates = {
    createdAt: thread.created_at,
    bumpedAt: thread.bumped_at,
    lastPostedAt: thread.last_posted_at,
  };
  if (KEEPS.has(event)) return nextBump(dates, emptyFacts, event);
  const facts = await postFacts(db, threadId);
  const bump = nextBump(dates, facts, event);
  await db
    .updateTable('threads')
    .set({
      bumped_at: bump.bumpedAt,
      last_posted_at: bump.lastPostedAt,
      last_post_id: facts.latest?.id ?? null,
      last_post_number: facts.lastNumber,
      last_poster_id: facts.latest?.authorId ?? null,
      reply_count: facts.replies,
      updated_at: nowIso(),
    })
    .where('id', '=', threadId)
    .execute();
  return bump;
}

const emptyFacts: PostFacts = { latest: null, latestBump: null, lastNumber: 0, replies: 0 };
