import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, signedInClient } from '../../../test/client.ts';
import { FACTORY_PASSWORD } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { type Cast, makeBoard, makeCast, makeThread, reply } from './forums.fixtures.ts';
import { isSubscribed } from './subscriptions.ts';

eachDialect('moderation forms, edit history, reports and subscriptions', (env) => {
  let cast: Cast;
  let mod: TestClient;
  let bob: TestClient;

  before(async () => {
    cast = await makeCast(env().ctx);
    const login = (user: { username: string }) => signedInClient(env().app, user);
    mod = await login(cast.moderator);
    bob = await login(cast.bob);
  });

  const posts = (threadId: number) =>
    env()
      .ctx.db.selectFrom('posts')
      .select(['id', 'number', 'thread_id'])
      .where('thread_id', '=', threadId)
      .orderBy('number')
      .execute();

  it('pin, lock, split and move posts through the thread page’s forms', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const a = await makeThread(ctx, cast.alice, board.id, 'A');
    const b = await makeThread(ctx, cast.alice, board.id, 'B');
    const r1 = await reply(ctx, cast.bob, a.threadId, 'One');
    const r2 = await reply(ctx, cast.bob, a.threadId, 'Two');
    const page = `/forums/threads/${a.threadId}`;

    assert.doesNotMatch((await bob.get(page)).body, /Moderation/);
    assert.equal((await bob.post(`${page}/pin`, { on: '1' }, { csrfFrom: page })).statusCode, 403);
    assert.equal((await mod.post(`${page}/pin`, { on: '1' }, { csrfFrom: page })).statusCode, 303);
    assert.equal((await mod.post(`${page}/lock`, { on: '1' }, { csrfFrom: page })).statusCode, 303);
    const thread = await ctx.db
      .selectFrom('threads')
      .select(['pinned', 'locked'])
      .where('id', '=', a.threadId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(thread, { pinned: 1, locked: 1 });

    const nothing = await mod.post(
      `${page}/posts`,
      { action: 'move', target: String(b.threadId) },
      { csrfFrom: page },
    );
    assert.equal(nothing.statusCode, 422);
    assert.match(textOf(nothing.body), /Choose the posts to move/);
    const noTarget = await mod.post(
      `${page}/posts`,
      { action: 'move', posts: [String(r1)], target: '' },
      { csrfFrom: page },
    );
    assert.equal(noTarget.statusCode, 422);

    const moved = await mod.post(
      `${page}/posts`,
      { action: 'move', posts: [String(r1)], target: String(b.threadId) },
      { csrfFrom: page },
    );
    assert.equal(moved.statusCode, 303);
    assert.deepEqual((await posts(b.threadId)).map((p) => p.id).at(-1), r1);
    const split = await mod.post(
      `${page}/posts`,
      { action: 'split', posts: [String(r2)], title: 'Two, alone' },
      { csrfFrom: page },
    );
    assert.equal(split.statusCode, 303);
    const newId = Number((split.headers.location as string).split('/').at(-1));
    assert.deepEqual(
      (await posts(newId)).map((p) => [p.id, p.number]),
      [[r2, 1]],
    );
    assert.deepEqual(
      (await posts(a.threadId)).map((p) => p.number),
      [1],
      'the source keeps its opening post',
    );
  });

  it('edits keep a history only moderators read; reports reach the queue; subscriptions are kept', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    const postId = await reply(ctx, cast.bob, threadId, 'First words.');
    const edit = `/forums/posts/${postId}/edit`;
    assert.equal((await bob.post(edit, { body: '' })).statusCode, 422);
    assert.equal((await bob.post(edit, { body: 'Second words.' })).statusCode, 303);
    assert.match((await bob.get(`/forums/threads/${threadId}`)).body, /edited/);
    assert.equal((await bob.get(`/forums/posts/${postId}/history`)).statusCode, 404);
    const history = await mod.get(`/forums/posts/${postId}/history`);
    assert.match(textOf(history.body), /First words\./);

    const alice = new TestClient(env().app);
    await alice.post('/login', { login: cast.alice.username, password: FACTORY_PASSWORD });
    const refused = await alice.post(`/forums/posts/${postId}/report`, { reason: '' });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      (await alice.post(`/forums/posts/${postId}/report`, { reason: 'Off topic.' })).statusCode,
      303,
    );
    const queue = await mod.get('/forums/reports');
    assert.match(textOf(queue.body), /Off topic\./);
    const reportId = (
      await ctx.db
        .selectFrom('post_reports')
        .select('id')
        .where('post_id', '=', postId)
        .executeTakeFirstOrThrow()
    ).id;
    assert.equal(
      (await mod.post(`/forums/reports/${reportId}/dismiss`, {}, { csrfFrom: '/forums/reports' })).statusCode,
      303,
    );
    assert.doesNotMatch(textOf((await mod.get('/forums/reports')).body), /Off topic\./);

    const page = `/forums/threads/${threadId}`;
    await alice.post(`${page}/subscription`, { subscribed: '1' }, { csrfFrom: page });
    assert.equal(await isSubscribed(ctx, cast.alice, { thread: threadId }), true);
    await alice.post(`/forums/boards/${board.id}/subscription`, { subscribed: '1' }, { csrfFrom: page });
    assert.equal(await isSubscribed(ctx, cast.alice, { board: board.id }), true);
    await alice.post(`${page}/subscription`, { subscribed: '0' }, { csrfFrom: page });
    assert.equal(await isSubscribed(ctx, cast.alice, { thread: threadId }), false);
  });
});
