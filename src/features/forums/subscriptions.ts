import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleBoard } from './boards.service.ts';
import { threadFor } from './posting.service.ts';

type Ctx = Pick<AppContext, 'db'>;
export type Target = { board: number } | { thread: number };

/**
 * Subscriptions to boards and threads. Only the choice is kept for now: notifications arrive with
 * [interactions], which will read these rows. One may subscribe to what one may see.
 */
export async function setSubscribed(ctx: Ctx, viewer: Viewer, target: Target, on: boolean) {
  if ('board' in target) await visibleBoard(ctx, viewer, target.board);
  else await threadFor(ctx, viewer, target.thread);
  const column = 'board' in target ? 'board_id' : 'thread_id';
  const id = 'board' in target ? target.board : target.thread;
  await ctx.db
    .deleteFrom('forum_subscriptions')
    .where('user_id', '=', viewer.id)
    .where(column, '=', id)
    .execute();
  if (on)
    await ctx.db
      .insertInto('forum_subscriptions')
      .values({
        user_id: viewer.id,
        board_id: 'board' in target ? id : null,
        thread_id: 'thread' in target ? id : null,
        created_at: nowIso(),
      })
      .execute();
}

export async function isSubscribed(ctx: Ctx, viewer: Viewer | null, target: Target): Promise<boolean> {
  if (!viewer) return false;
  const column = 'board' in target ? 'board_id' : 'thread_id';
  const id = 'board' in target ? target.board : target.thread;
  const row = await ctx.db
    .selectFrom('forum_subscriptions')
    .select('id')
    .where('user_id', '=', viewer.id)
    .where(column, '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
