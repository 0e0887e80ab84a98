// Test set-up for the forum suites (not loaded by the app).
import { makeUser } from '../../../test/factories.ts';
import type { AppContext } from '../../context.ts';
import type { BoardAccess } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createBoard } from './boards.service.ts';
import { replyTo, startThread } from './posting.service.ts';
import { findThread } from './threads.repository.ts';

export interface Cast {
  admin: Viewer;
  moderator: Viewer;
  alice: Viewer;
  bob: Viewer;
}

/** An admin, a site moderator and two readers. */
export async function makeCast(ctx: Pick<AppContext, 'db'>): Promise<Cast> {
  const [admin, moderator, alice, bob] = await Promise.all([
    makeUser(ctx, { role: 'admin' }),
    makeUser(ctx, { role: 'moderator' }),
    makeUser(ctx),
    makeUser(ctx),
  ]);
  return { admin, moderator, alice, bob };
}

let boards = 0;

export async function makeBoard(
  ctx: Pick<AppContext, 'db'>,
  admin: Viewer,
  options: { access?: BoardAccess; moderated?: boolean; community?: string } = {},
) {
  boards += 1;
  return createBoard(ctx, admin, {
    name: `Board ${boards}`,
    access: options.access ?? 'public',
    moderated: options.moderated ?? false,
    community: options.community ?? '',
  });
}

/** Lets the clock move on, so instants taken one after the other differ. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

export async function makeThread(
  ctx: Pick<AppContext, 'db'>,
  who: Viewer,
  boardId: number,
  title = 'A thread',
) {
  const { threadId, post } = await startThread(ctx, who, boardId, { title, body: `Opening of ${title}.` });
  await tick();
  return { threadId, openingId: post.id };
}

export async function reply(
  ctx: Pick<AppContext, 'db'>,
  who: Viewer,
  threadId: number,
  body = 'A reply.',
  bump = true,
) {
  const post = await replyTo(ctx, who, threadId, { body, bump });
  await tick();
  return post.id;
}

export async function threadDates(ctx: Pick<AppContext, 'db'>, threadId: number) {
  const t = (await findThread(ctx.db, threadId))!;
  return { bumpedAt: t.bumped_at, lastPostedAt: t.last_posted_at, replies: t.reply_count };
}

/** When a post became visible (what bumps). */
export async function visibleAt(ctx: Pick<AppContext, 'db'>, postId: number): Promise<string> {
  const row = await ctx.db
    .selectFrom('posts')
    .select('visible_at')
    .where('id', '=', postId)
    .executeTakeFirstOrThrow();
  return row.visible_at!;
}
