import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { textOf, callApi, signedInClient } from '../../../test/client.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';
import { type Cast, makeBoard, makeCast, makeThread, reply } from './forums.fixtures.ts';

eachDialect('forum pages, forms and the forum API', (env) => {
  let cast: Cast;
  let tokens: Record<'admin' | 'moderator' | 'alice' | 'bob', string>;

  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, auth?: string) =>
    callApi(env().app, method, url, { token: auth, payload });

  before(async () => {
    const { ctx } = env();
    cast = await makeCast(ctx);
    const token = async (id: number) => (await createToken(ctx, id, 'test')).token;
    tokens = {
      admin: await token(cast.admin.id),
      moderator: await token(cast.moderator.id),
      alice: await token(cast.alice.id),
      bob: await token(cast.bob.id),
    };
  });

  it('the API: boards, threads in display order, replies, edits, hiding and linking a work', async () => {
    const refused = await api('POST', '/boards', { name: 'Fics' }, tokens.alice);
    assert.equal(refused.status, 403);
    const board = await api(
      'POST',
      '/boards',
      { name: 'Fics', description: 'One thread a story', access: 'public' },
      tokens.admin,
    );
    assert.equal(board.status, 201);
    const boardId = board.body.id as number;

    const started = await api(
      'POST',
      `/boards/${boardId}/threads`,
      { title: 'Symphony', body: 'Part I here.' },
      tokens.alice,
    );
    assert.equal(started.status, 201);
    const other = await api('POST', `/boards/${boardId}/threads`, { title: 'Tea', body: 'Tea?' }, tokens.bob);
    const empty = await api('POST', `/boards/${boardId}/threads`, { title: ' ', body: 'x' }, tokens.bob);
    assert.equal(empty.status, 422);
    assert.equal(empty.body.error.field, 'title');

    let listing = await api('GET', `/boards/${boardId}/threads`);
    assert.deepEqual(
      listing.body.threads.map((t: { title: string }) => t.title),
      ['Tea', 'Symphony'],
    );
    assert.ok(listing.body.threads[0].bumpedAt && listing.body.threads[0].lastPostedAt);

    const posted = await api('POST', `/threads/${started.body.id}/posts`, { body: 'Lovely!' }, tokens.bob);
    assert.equal(posted.status, 201);
    assert.equal(posted.body.number, 2);
    listing = await api('GET', `/boards/${boardId}/threads`);
    assert.equal(listing.body.threads[0].title, 'Symphony');

    const quiet = await api(
      'POST',
      `/threads/${other.body.id}/posts`,
      { body: 'Mod note.', bump: false },
      tokens.moderator,
    );
    assert.equal(quiet.status, 201);
    listing = await api('GET', `/boards/${boardId}/threads`);
    assert.equal(listing.body.threads[0].title, 'Symphony', 'a "don’t bump" reply leaves the order');

    const edited = await api('PATCH', `/posts/${posted.body.id}`, { body: 'Lovely, truly!' }, tokens.bob);
    assert.equal(edited.status, 200);
    assert.ok(edited.body.editedAt);
    assert.equal(
      (await api('PATCH', `/posts/${posted.body.id}`, { body: 'Mine now' }, tokens.alice)).status,
      403,
    );

    assert.equal((await api('POST', `/posts/${posted.body.id}/hide`, undefined, tokens.bob)).status, 403);
    const hidden = await api('POST', `/posts/${posted.body.id}/hide`, undefined, tokens.moderator);
    assert.equal(hidden.body.status, 'hidden');
    const guestView = await api('GET', `/threads/${started.body.id}`);
    assert.equal(guestView.body.posts[1].body, null, 'a hidden post is a stub for others');
    listing = await api('GET', `/boards/${boardId}/threads`);
    assert.equal(listing.body.threads[0].title, 'Tea', 'hiding the last reply sets the thread back');
    await api('POST', `/posts/${posted.body.id}/unhide`, undefined, tokens.moderator);
    listing = await api('GET', `/boards/${boardId}/threads`);
    assert.equal(listing.body.threads[0].title, 'Symphony');

    const { workId } = await postWork(env().ctx, cast.alice, seedWorkInput({ series: undefined }));
    assert.equal(
      (await api('PUT', `/works/${workId}/threads`, { threads: [started.body.id] }, tokens.bob)).status,
      403,
    );
    const linked = await api('PUT', `/works/${workId}/threads`, { threads: [started.body.id] }, tokens.alice);
    assert.equal(linked.status, 200);
    assert.deepEqual(
      linked.body.threads.map((t: { id: number }) => t.id),
      [started.body.id],
    );
  });

  it('forms: a refused thread keeps what was typed; quoting, permalinks, unread and read markers', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const alice = await login(cast.alice);
    const bob = await login(cast.bob);
    const refused = await alice.post(
      `/forums/boards/${board.id}/threads`,
      { title: '', body: 'Keep me.' },
      { csrfFrom: `/forums/boards/${board.id}` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /Give the thread a title/);
    assert.match(refused.body, />Keep me\.<\/textarea>/);

    const made = await alice.post(
      `/forums/boards/${board.id}/threads`,
      { title: 'Symphony', body: 'Opening <b>words</b>.' },
      { csrfFrom: `/forums/boards/${board.id}` },
    );
    assert.equal(made.statusCode, 303);
    const threadUrl = made.headers.location as string;
    const threadId = Number(threadUrl.split('/').at(-1));
    await alice.get(threadUrl);

    const quoting = await bob.get(
      `${threadUrl}?quote=${(await ctx.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).executeTakeFirstOrThrow()).id}`,
    );
    assert.match(quoting.body, /&lt;blockquote>&lt;p>&lt;cite>/);
    const replied = await bob.post(`${threadUrl}/posts/new`, { body: 'Welcome.' }, { csrfFrom: threadUrl });
    assert.equal(replied.statusCode, 303);
    assert.equal(replied.headers.location, `${threadUrl}#post-2`);

    // Alice read the thread when she had one post: one new post for her now.
    const boardPage = await alice.get(`/forums/boards/${board.id}`);
    assert.match(boardPage.body, /forum-thread--unread/);
    const unread = await alice.get(`${threadUrl}/unread`);
    assert.equal(unread.headers.location, `${threadUrl}#post-2`);
    await alice.get(threadUrl);
    assert.doesNotMatch((await alice.get(`/forums/boards/${board.id}`)).body, /forum-thread--unread/);

    for (let i = 0; i < 30; i++) await reply(ctx, cast.bob, threadId, `Reply ${i}`);
    const last = await ctx.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('number', '=', 32)
      .executeTakeFirstOrThrow();
    const permalink = await bob.get(`/forums/posts/${last.id}`);
    assert.equal(permalink.headers.location, `${threadUrl}?page=2#post-32`);
    assert.equal((await alice.get(`${threadUrl}/unread`)).headers.location, `${threadUrl}#post-3`);

    const locked = await makeThread(ctx, cast.alice, board.id, 'Closed');
    await ctx.db.updateTable('threads').set({ locked: 1 }).where('id', '=', locked.threadId).execute();
    const lockedPage = `/forums/threads/${locked.threadId}`;
    const refusedReply = await bob.post(
      `${lockedPage}/posts/new`,
      { body: 'Hello?' },
      { csrfFrom: `/forums/threads/${threadId}` },
    );
    assert.equal(refusedReply.statusCode, 409);
    assert.match(textOf(refusedReply.body), /locked/);
  });

  it('feeds: a board’s and a thread’s newest posts, in Atom', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id, 'Feedable <thread>');
    await reply(ctx, cast.bob, threadId, 'A reply with <em>emphasis</em>.');
    const boardFeed = await env().app.inject({ url: `/forums/boards/${board.id}/feed.atom` });
    assert.equal(boardFeed.statusCode, 200);
    assert.match(boardFeed.headers['content-type'] as string, /atom/);
    assert.match(boardFeed.body, /Re: Feedable &lt;thread&gt; \(#2\)/);
    assert.match(boardFeed.body, /<em>emphasis<\/em>/);
    const threadFeed = await env().app.inject({ url: `/forums/threads/${threadId}/feed.atom` });
    assert.equal((threadFeed.body.match(/<entry>/g) ?? []).length, 2);
  });
});
