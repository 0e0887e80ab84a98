import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { findThread } from './threads.repository.ts';
import {
  type Cast,
  makeBoard,
  makeCast,
  makeThread,
  reply,
  threadDates,
  visibleAt,
} from './forums.fixtures.ts';

eachDialect('forums: posts when their author deletes the account', (env) => {
  let cast: Cast;
  let boardId: number;

  before(async () => {
    cast = await makeCast(env().ctx);
    boardId = (await makeBoard(env().ctx, cast.admin)).id;
  });

  const postsBy = async (threadId: number) =>
    (
      await env()
        .ctx.db.selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select(['posts.number', 'users.username'])
        .where('posts.thread_id', '=', threadId)
        .orderBy('posts.number')
        .execute()
    ).map((p) => `${p.number} ${p.username}`);

  it('orphaning keeps every post, now by orphan_account, and the thread as it was', async () => {
    const { ctx } = env();
    const leaver = await makeUser(ctx);
    const { threadId } = await makeThread(ctx, leaver, boardId, 'Left behind');
    await reply(ctx, cast.alice, threadId);
    await reply(ctx, leaver, threadId, 'The last word.');
    const before = await threadDates(ctx, threadId);
    await deleteAccount(ctx, leaver.id, { works: 'orphan', current_password: FACTORY_PASSWORD });
    assert.deepEqual(await postsBy(threadId), [
      '1 orphan_account',
      `2 ${cast.alice.username}`,
      '3 orphan_account',
    ]);
    assert.deepEqual(await threadDates(ctx, threadId), before);
    const thread = (await findThread(ctx.db, threadId))!;
    assert.notEqual(thread.last_poster_id, null);
  });

  it('deleting removes the posts, re-orders the threads by what is left and drops emptied threads', async () => {
    const { ctx } = env();
    const leaver = await makeUser(ctx);
    const kept = await makeThread(ctx, cast.alice, boardId, 'Still here');
    const bobReply = await reply(ctx, cast.bob, kept.threadId, 'An earlier reply.');
    await reply(ctx, leaver, kept.threadId, 'A later reply.');
    const own = await makeThread(ctx, leaver, boardId, 'Only mine');
    await deleteAccount(ctx, leaver.id, { works: 'delete', current_password: FACTORY_PASSWORD });
    assert.deepEqual(await postsBy(kept.threadId), [`1 ${cast.alice.username}`, `2 ${cast.bob.username}`]);
    const dates = await threadDates(ctx, kept.threadId);
    const last = await visibleAt(ctx, bobReply);
    assert.deepEqual(dates, { bumpedAt: last, lastPostedAt: last, replies: 1 });
    assert.equal(await findThread(ctx.db, own.threadId), undefined);
  });
});
