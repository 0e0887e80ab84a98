import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { postWork } from '../works/works.service.ts';
import { POST_LIMIT } from './forums.schema.ts';
import { type Cast, makeBoard, makeCast, makeThread, threadDates } from './forums.fixtures.ts';
import { setLocked } from './moderation.service.ts';
import { replyTo, startThread } from './posting.service.ts';
import { linkWorkToThreads } from './work-links.ts';

eachDialect('forum posting: concurrency and bad input', (env) => {
  let cast: Cast;
  before(async () => {
    cast = await makeCast(env().ctx);
  });

  const counts = async (threadId: number) => {
    const { ctx } = env();
    const posts = await ctx.db
      .selectFrom('posts')
      .select(['number', 'visible_at'])
      .where('thread_id', '=', threadId)
      .orderBy('number')
      .execute();
    const thread = await ctx.db
      .selectFrom('threads')
      .select(['post_count', 'reply_count', 'last_posted_at', 'bumped_at', 'last_post_number'])
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    return { posts, thread };
  };

  it('40 parallel replies to one thread: none lost, numbers 1..41, counts consistent', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    const writers = [cast.alice, cast.bob, cast.moderator, cast.admin];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => replyTo(ctx, writers[i % 4]!, threadId, { body: `Reply ${i}` })),
    );
    const { posts, thread } = await counts(threadId);
    assert.deepEqual(
      posts.map((p) => p.number),
      Array.from({ length: 41 }, (_, i) => i + 1),
    );
    assert.equal(thread.post_count, 41);
    assert.equal(thread.reply_count, 40);
    assert.equal(thread.last_post_number, 41);
    const latest = posts
      .map((p) => p.visible_at!)
      .sort()
      .at(-1);
    assert.equal(thread.last_posted_at, latest, 'last_posted_at is the latest reply');
    assert.equal(thread.bumped_at, latest);
  });

  it('two replies at the same instant both save, with distinct numbers; the thread ends at the later time', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    const [a, b] = await Promise.all([
      replyTo(ctx, cast.alice, threadId, { body: 'Same instant, one.' }),
      replyTo(ctx, cast.bob, threadId, { body: 'Same instant, two.' }),
    ]);
    assert.notEqual(a.number, b.number);
    const { posts, thread } = await counts(threadId);
    assert.equal(posts.length, 3);
    assert.equal(thread.last_posted_at, [posts[1]!.visible_at!, posts[2]!.visible_at!].sort().at(-1));
  });

  const refused = async (promise: Promise<unknown>, pattern: RegExp) => {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof QuireError, String(error));
      assert.match(error.message, pattern);
      return true;
    });
  };

  it('replying to a locked thread is refused and saves nothing (moderators may still reply)', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    await setLocked(ctx, cast.moderator, threadId, true);
    const before = await threadDates(ctx, threadId);
    await refused(replyTo(ctx, cast.bob, threadId, { body: 'Let me in.' }), /locked/);
    assert.equal((await counts(threadId)).posts.length, 1);
    assert.deepEqual(await threadDates(ctx, threadId), before);
    await replyTo(ctx, cast.moderator, threadId, { body: 'Locked for a reason.' });
    assert.equal((await counts(threadId)).posts.length, 2);
  });

  it('posting in a read-only board is refused for everyone but its moderators', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin, { access: 'read-only' });
    await refused(startThread(ctx, cast.bob, board.id, { title: 'Hi', body: 'Hello' }), /read-only/);
    const { threadId } = await makeThread(ctx, cast.moderator, board.id, 'Announcements');
    await refused(replyTo(ctx, cast.bob, threadId, { body: 'Thanks!' }), /read-only/);
    assert.equal((await counts(threadId)).posts.length, 1);
  });

  it('a thread with an empty title, an empty post and a post over the limit are refused', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const before = await ctx.db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      startThread(ctx, cast.bob, board.id, { title: '   ', body: 'Body' }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(e.fields.title, 'Give the thread a title.');
        return true;
      },
    );
    await assert.rejects(
      startThread(ctx, cast.bob, board.id, { title: 'T', body: '<script>x</script>' }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(e.fields.body, 'Write something.');
        return true;
      },
    );
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    await assert.rejects(
      replyTo(ctx, cast.bob, threadId, { body: `<p>${'x'.repeat(POST_LIMIT)}</p>` }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.match(e.fields.body!, /at most 100,000 characters/);
        return true;
      },
    );
    await assert.rejects(replyTo(ctx, cast.bob, threadId, { body: 'Sneaky', bump: false }), ValidationError);
    const after = await ctx.db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n) + 1, 'only the good thread was saved');
    assert.equal((await counts(threadId)).posts.length, 1);
  });

  it('linking a work you do not own is refused, and nothing is linked', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    const { workId } = await postWork(ctx, cast.alice, seedWorkInput({ series: undefined }));
    await refused(linkWorkToThreads(ctx, cast.bob, workId, { threads: [threadId] }), /your own works/);
    await assert.rejects(linkWorkToThreads(ctx, cast.alice, workId, { threads: [999_999] }), ValidationError);
    const links = await ctx.db.selectFrom('work_threads').selectAll().where('work_id', '=', workId).execute();
    assert.deepEqual(links, []);
  });
});
