import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { addRelation, isBlockedByAny, type Relation, removeRelation } from './blocks.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

const VERB: Record<Relation, string> = { block: 'block', mute: 'mute' };

/** The account a block or mute is about: it must exist, be a person, and not be the viewer. */
async function targetOf(ctx: Ctx, viewer: Viewer, relation: Relation, username: string) {
  const name = username.trim();
  const target = name ? await findUserByUsername(ctx.db, name) : undefined;
  if (!target)
    throw new QuireError(
      'not_found',
      404,
      `No one is called “${name}”, so there is no one to ${VERB[relation]}.`,
    );
  if (target.is_system)
    throw new ValidationError({
      username: `${target.username} is the archive’s own account, not a person: there is no one to ${VERB[relation]}.`,
    });
  if (target.id === viewer.id)
    throw new ValidationError({ username: `You cannot ${VERB[relation]} yourself.` });
  return target;
}

/** Blocks or mutes `username` (again: nothing changes); returns their username as spelled. */
export async function relate(ctx: Ctx, viewer: Viewer, relation: Relation, username: string) {
  const target = await targetOf(ctx, viewer, relation, username);
  await addRelation(ctx.db, relation, viewer.id, target.id, nowIso());
  return target.username;
}

/** Unblocks or unmutes `username` (when not blocked or muted: nothing changes). */
export async function unrelate(ctx: Ctx, viewer: Viewer, relation: Relation, username: string) {
  const target = await targetOf(ctx, viewer, relation, username);
  await removeRelation(ctx.db, relation, viewer.id, target.id);
  return target.username;
}

/** The accounts this viewer blocks or mutes, by name, newest first. */
export function listRelated(ctx: Ctx, viewer: Viewer, relation: Relation) {
  // Both tables have the same columns; `r` names whichever one is asked for.
  const table = `${relation === 'block' ? 'user_blocks' : 'user_mutes'} as r` as 'user_blocks as r';
  return ctx.db
    .selectFrom(table)
    .innerJoin('users', 'users.id', 'r.target_id')
    .select(['users.id', 'users.username', 'r.created_at'])
    .where('r.user_id', '=', viewer.id)
    .orderBy('r.created_at', 'desc')
    .orderBy('users.username')
    .execute();
}

/** Whether the viewer blocks and mutes this account (for the buttons on their profile). */
export async function relationState(ctx: Ctx, viewer: Viewer, targetId: number) {
  const [blocked, muted] = await Promise.all(
    (['user_blocks', 'user_mutes'] as const).map((table) =>
      ctx.db
        .selectFrom(table)
        .select('target_id')
        .where('user_id', '=', viewer.id)
        .where('target_id', '=', targetId)
        .executeTakeFirst(),
    ),
  );
  return { blocked: blocked !== undefined, muted: muted !== undefined };
}

/**
 * Refuses `actorId` doing something to what `ownerIds` own when one of them has blocked the actor.
 * The message does not say who blocked whom beyond what the actor already knows (the owner).
 */
export async function refuseIfBlocked(
  ctx: Ctx,
  ownerIds: readonly number[],
  actorId: number,
  message: string,
  field = 'form',
): Promise<void> {
  if (await isBlockedByAny(ctx.db, ownerIds, actorId)) throw new QuireError('blocked', 403, message, field);
}
