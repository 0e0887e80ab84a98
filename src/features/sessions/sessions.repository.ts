import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { Session } from '../../db/schema.ts';

export async function insertSession(db: DB, session: Session): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session and its account, if the session is unexpired and the account enabled. */
const SESSION_COLUMNS = [
  'sessions.id',
  'sessions.remember',
  'sessions.last_seen_at',
  'sessions.expires_at',
  'users.id as user_id',
  'users.username',
  'users.email',
  'users.role',
  'users.view_adult',
] as const;

/** How many unread notifications the page header counts, at most (as inbox.repository's countUnread). */
export const UNREAD_CAP = 100;

type SessionSlots = Slots<{ id: string; now: string }>;
const live = (db: DB, p: SessionSlots) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .where('sessions.id', '=', p.id)
    .where('sessions.expires_at', '>', p.now)
    .where('users.disabled_at', 'is', null);

// On every signed-in request: compiled once per database.
const liveSession = prepared((db, p: SessionSlots) => live(db, p).select(SESSION_COLUMNS));
/** The same, with the account's unread notifications (bounded, through their index) in one statement. */
const liveSessionCounted = prepared((db, p: SessionSlots) =>
  live(db, p).select([
    ...SESSION_COLUMNS,
    (eb) =>
      eb
        .selectFrom(
          db
            .selectFrom('notifications')
            .select(sql<number>`1`.as('one'))
            .where('notifications.user_id', '=', sql<number>`${sql.ref('users.id')}`)
            .where('notifications.read_at', 'is', null)
            .limit(UNREAD_CAP)
            .as('unread'),
        )
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .as('unread'),
  ]),
);

/** The session and its account, if the session is unexpired and the account enabled. */
export async function findLiveSession(db: DB, id: string, now: string) {
  return (await liveSession(db, { id, now }))[0];
}

/** The same, with how many unread notifications the account has (up to `UNREAD_CAP`). */
export async function findLiveSessionCounted(db: DB, id: string, now: string) {
  return (await liveSessionCounted(db, { id, now }))[0];
}

export async function touchSession(db: DB, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of an account, optionally keeping one (the one that changed the password). */
export async function deleteUserSessions(db: DB, userId: number, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}
