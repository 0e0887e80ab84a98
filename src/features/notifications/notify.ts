import type { DB } from '../../db/connect.ts';
import { enqueue } from '../../jobs/queue.ts';

export const NOTIFY = 'notifications.notify';

/**
 * Something happened that someone may want to hear about. Producers say only what happened;
 * the `notifications.notify` job (notifications/notify.job.ts) works out who is subscribed or
 * concerned, drops everyone who may not see the thing (visibility decides, at delivery time) or
 * has blocked or muted the actor, and fills inboxes and e-mails.
 */
export type NotificationEvent =
  /** A chapter was posted (or a draft chapter published) in a posted work: the work's subscribers. */
  | { kind: 'chapter.posted'; workId: number; chapterId: number }
  /** A work was posted (or a draft published): subscribers of its series and of its creators. */
  | { kind: 'work.posted'; workId: number }
  /** A comment on a work or an entry: its owners, and the author of the comment replied to. */
  | { kind: 'comment.posted'; commentId: number }
  /** Kudos on a work: summarised for its creators. `userId` null: a guest. */
  | { kind: 'kudos.left'; workId: number; userId: number | null }
  /** An invitation to be a work's co-creator, or a work given as a gift. */
  | { kind: 'invitation'; workId: number; userId: number; role: 'co-creator' | 'gift' }
  /** A forum post: subscribers of its thread and board. */
  | { kind: 'forum.posted'; postId: number }
  /** A journal entry: the journal's subscribers who may read it. */
  | { kind: 'entry.posted'; entryId: number };

/** Enqueues the event with `db`, the producer's transaction: a rolled-back write notifies nobody. */
export async function notify(db: DB, event: NotificationEvent): Promise<void> {
  await enqueue(db, NOTIFY, event);
}

/**
 * One line in one person's inbox (and, by their preferences, an e-mail). Each event kind has a
 * source (a `NoticeSource`, kept by the feature that owns the rows: comments for comments, kudos
 * for kudos…) that says who hears about it; the source applies visibility for each recipient (a
 * recipient who may not see the thing gets no notice). The job then drops recipients who have
 * blocked or muted the actor, and stores each notice once per (userId, key): a notice with a key
 * already in the inbox replaces it (kudos summaries grow that way) and is unread again.
 */
export interface Notice {
  userId: number;
  kind: NotificationEvent['kind'];
  /** Deduplication key, e.g. `comment:42`, `kudos:7:2026-11-24`. */
  key: string;
  /** Who did it; null for a guest or nobody in particular. */
  actorId: number | null;
  /** Plain text: "Lex replied to your comment on Symphony". */
  title: string;
  /** Plain text, a short excerpt; may be empty. */
  excerpt: string;
  /** A path on this site, e.g. `/works/7/chapters/12#comment-42`. */
  url: string;
}

export type NoticeSource<K extends NotificationEvent['kind']> = (
  db: DB,
  event: Extract<NotificationEvent, { kind: K }>,
) => Promise<Notice[]>;
