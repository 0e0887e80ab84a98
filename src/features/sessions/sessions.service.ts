import type { AppContext } from '../../context.ts';
import type { Role } from '../../db/schema.ts';
import { DAY, HOUR, isoAfter, MINUTE, nowIso } from '../../lib/clock.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import * as repo from './sessions.repository.ts';
import { bestEffortWrite } from '../../db/unavailable.ts';

/** The signed-in account as requests and views see it. */
export interface Viewer {
  id: number;
  username: string;
  email: string;
  role: Role;
  /** Skips the adult-content notice (a preference on the account page). */
  viewAdult?: boolean;
}

export interface ResolvedSession {
  /** The session's id (the hash of the cookie token). */
  id: string;
  remember: boolean;
  viewer: Viewer;
}

/** "Remember me" keeps a session for 30 days of inactivity; otherwise 12 hours, and the cookie ends with the browser. */
export const REMEMBERED_TTL = 30 * DAY;
export const SESSION_TTL = 12 * HOUR;
const TOUCH_EVERY = MINUTE;

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function startSession(
  ctx: Pick<AppContext, 'db'>,
  userId: number,
  options: { remember: boolean; userAgent?: string },
): Promise<{ token: string; maxAgeSeconds: number | undefined }> {
  const token = randomToken();
  const now = nowIso();
  const ttl = options.remember ? REMEMBERED_TTL : SESSION_TTL;
  await repo.insertSession(ctx.db, {
    id: hashToken(token),
    user_id: userId,
    remember: options.remember ? 1 : 0,
    created_at: now,
    last_seen_at: now,
    expires_at: isoAfter(ttl),
    user_agent: (options.userAgent ?? '').slice(0, 255),
  });
  return { token, maxAgeSeconds: options.remember ? ttl / 1000 : undefined };
}

/** Finds the live session for a cookie token and slides its expiry (at most once a minute). */
export async function resolveSession(
  ctx: Pick<AppContext, 'db'>,
  token: string,
): Promise<ResolvedSession | null> {
  const session = await resolved(ctx, token, false);
  if (!session) return null;
  const { unread: _, ...rest } = session;
  return rest;
}

/**
 * The same, with the account's unread notifications (up to `UNREAD_CAP`) for the header of pages,
 * read in the same statement.
 */
export async function resolveSessionWithUnread(
  ctx: Pick<AppContext, 'db'>,
  token: string,
): Promise<(ResolvedSession & { unread: number }) | null> {
  return resolved(ctx, token, true);
}

async function resolved(
  ctx: Pick<AppContext, 'db'>,
  token: string,
  counted: boolean,
): Promise<(ResolvedSession & { unread: number }) | null> {
  const id = hashToken(token);
  const now = new Date();
  const row = counted
    ? await repo.findLiveSessionCounted(ctx.db, id, now.toISOString())
    : await repo.findLiveSession(ctx.db, id, now.toISOString());
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY) {
    const ttl = row.remember ? REMEMBERED_TTL : SESSION_TTL;
    // A read-only or full database still lets readers in: the expiry slides on a later request.
    await bestEffortWrite(() => repo.touchSession(ctx.db, id, now.toISOString(), isoAfter(ttl, now)));
  }
  return {
    id,
    remember: row.remember === 1,
    viewer: {
      id: row.user_id,
      username: row.username,
      email: row.email,
      role: row.role,
      viewAdult: row.view_adult === 1,
    },
    // Not asked for (the API): 0, never shown.
    unread: 'unread' in row ? Number(row.unread) : 0,
  };
}

export async function endSession(ctx: Pick<AppContext, 'db'>, sessionId: string): Promise<void> {
  await repo.deleteSession(ctx.db, sessionId);
}
