import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { ApiToken } from '../../db/schema.ts';
import { MINUTE, nowIso } from '../../lib/clock.ts';
import { notFound, QuireError } from '../../lib/errors.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import * as repo from './tokens.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Tokens carry a recognisable prefix so secret scanners and people can spot them. */
export const TOKEN_PREFIX = 'quire_';
export const MAX_TOKENS = 20;

export const tokenNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Please name the token, e.g. "backup script".')
    .max(100, 'Token names can be at most 100 characters long.'),
});

/** Creates a personal access token; the secret is returned once and only its hash is kept. */
export async function createToken(
  ctx: Ctx,
  userId: number,
  name: string,
): Promise<{ token: string; row: ApiToken }> {
  const live = await repo.listTokens(ctx.db, userId);
  if (live.length >= MAX_TOKENS) {
    throw new QuireError(
      'too_many_tokens',
      409,
      `You can have at most ${MAX_TOKENS} tokens. Revoke one first.`,
      'name',
    );
  }
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row = await repo.insertToken(ctx.db, {
    user_id: userId,
    name,
    token_hash: hashToken(token),
    token_hint: token.slice(0, TOKEN_PREFIX.length + 4),
    created_at: nowIso(),
  });
  return { token, row };
}

export function listTokens(ctx: Ctx, userId: number): Promise<ApiToken[]> {
  return repo.listTokens(ctx.db, userId);
}

export async function revokeToken(ctx: Ctx, userId: number, tokenId: number): Promise<void> {
  if (!(await repo.revokeToken(ctx.db, userId, tokenId, nowIso()))) throw notFound('Token');
}

/** The account behind a bearer token, or null. Records use at most once a minute. */
export async function authenticateToken(ctx: Ctx, token: string): Promise<Viewer | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await repo.findTokenOwner(ctx.db, hashToken(token));
  if (!row) return null;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > MINUTE) {
    await repo.touchToken(ctx.db, row.token_id, nowIso());
  }
  return { id: row.id, username: row.username, email: row.email, role: row.role };
}
