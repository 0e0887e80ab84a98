import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { NoticeMail } from '../../db/schema.ts';
import type { Notice } from './notify.ts';

/**
 * The inbox's SQL: one row per (user_id, key). Storing a notice answers what changed: 'new', or
 * 'replaced' (the same key with other content: it is unread again), or 'same' (the very notice is
 * already there: a job run twice changes nothing, mails nobody twice).
 */
export type Stored = 'new' | 'replaced' | 'same';

export async function storeNotice(db: DB, notice: Notice, mail: NoticeMail, now: string): Promise<Stored> {
  const existing = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'actor_id', 'title', 'excerpt', 'url'])
    .where('user_id', '=', notice.userId)
    .where('key', '=', notice.key)
    .executeTakeFirst();
  const content = {
    kind: notice.kind,
    actor_id: notice.actorId,
    title: notice.title,
    excerpt: notice.excerpt,
    url: notice.url,
  };
  if (!existing) {
    const inserted = await db
      .insertInto('notifications')
      .values({
        user_id: notice.userId,
        key: notice.key,
        ...content,
        created_at: now,
        notified_at: now,
        mail,
      })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'new' : 'same';
  }
  const same = (Object.keys(content) as (keyof typeof content)[]).every((k) => existing[k] === content[k]);
  if (same) return 'same';
  await db
    .updateTable('notifications')
    .set({ ...content, notified_at: now, read_at: null, mail })
    .where('id', '=', existing.id)
    .execute();
  return 'replaced';
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

export function listInbox(
  db: DB,
  userId: number,
  options: { kind?: string; unreadOnly?: boolean; limit: number; offset: number },
) {
  let query = db
    .selectFrom('notifications')
    .leftJoin('users', 'users.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.title',
      'notifications.excerpt',
      'notifications.url',
      'notifications.notified_at',
      'notifications.read_at',
      'users.username as actor',
    ])
    .where('notifications.user_id', '=', userId);
  if (options.kind) query = query.where('notifications.kind', '=', options.kind);
  if (options.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  return query
    .orderBy('notifications.notified_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function countInbox(db: DB, userId: number, options: { kind?: string; unreadOnly?: boolean }) {
  let query = db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId);
  if (options.kind) query = query.where('kind', '=', options.kind);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The header's badge: unread notices, counted no further than `cap` (one indexed, bounded query). */
export async function countUnread(db: DB, userId: number, cap = 100): Promise<number> {
  const row = await db
    .selectFrom(
      db
        .selectFrom('notifications')
        .select(sql<number>`1`.as('one'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .limit(cap)
        .as('unread'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the given notices (or all, with `ids` null) read or unread; only the owner's. */
export async function markRead(db: DB, userId: number, ids: number[] | null, read: boolean, now: string) {
  if (ids !== null && ids.length === 0) return 0;
  let query = db
    .updateTable('notifications')
    .set({ read_at: read ? now : null })
    .where('user_id', '=', userId);
  if (ids !== null) query = query.where('id', 'in', ids);
  query = read ? query.where('read_at', 'is', null) : query.where('read_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteNotices(db: DB, userId: number, ids: number[]) {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('notifications')
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
