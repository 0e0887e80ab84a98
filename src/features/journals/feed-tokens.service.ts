import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

type Ctx = Pick<AppContext, 'db'>;

/**
 * A private feed key: a secret that names one reader, added to any feed's URL as `?token=…`, so a
 * feed reader (which has no session) gets the entries that reader may see. Only its SHA-256 hash
 * is kept, like an API token's. A reader has at most one key: making a new one replaces the old,
 * and revoking it ends every private feed URL that carried it.
 *
 * The prefix differs from API tokens' (`quire_`), so a feed key is never taken for one.
 */
export const FEED_TOKEN_PREFIX = 'quirefeed_';

/** The reader's live key (never its secret), if they have one. */
export function feedTokenOf(ctx: Ctx, viewer: Viewer) {
  return ctx.db
    .selectFrom('feed_tokens')
    .select(['id', 'created_at'])
    .where('user_id', '=', viewer.id)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

async function deleteTokens(db: DB, userId: number): Promise<number> {
  const result = await db.deleteFrom('feed_tokens').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Makes the reader a new key, replacing any old one; the secret is returned once, here only. */
export async function createFeedToken(ctx: Ctx, viewer: Viewer): Promise<string> {
  const token = `${FEED_TOKEN_PREFIX}${randomToken()}`;
  await inTransaction(ctx.db, async (trx) => {
    await deleteTokens(trx, viewer.id);
    await trx
      .insertInto('feed_tokens')
      .values({ user_id: viewer.id, token_hash: hashToken(token), created_at: nowIso() })
      .execute();
  });
  return token;
}

/** Ends the reader's key (true if there was one): its feed URLs answer 404 from now on. */
export async function revokeFeedToken(ctx: Ctx, viewer: Viewer): Promise<boolean> {
  return (await deleteTokens(ctx.db, viewer.id)) > 0;
}

/** The reader a key names, or null for a wrong or revoked key, or a disabled account. */
export async function feedTokenViewer(ctx: Ctx, token: string): Promise<Viewer | null> {
  if (!token.startsWith(FEED_TOKEN_PREFIX)) return null;
  const row = await ctx.db
    .selectFrom('feed_tokens')
    .innerJoin('users', 'users.id', 'feed_tokens.user_id')
    .select(['users.id', 'users.username', 'users.email', 'users.role'])
    .where('feed_tokens.token_hash', '=', hashToken(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}
