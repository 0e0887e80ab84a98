import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { chapterSchema } from '../works/works.schema.ts';
import { addChapter, editChapter, postWork } from '../works/works.service.ts';
import { type Cast, makeBoard, makeCast, makeThread, reply, tick } from './forums.fixtures.ts';
import { setLocked } from './moderation.service.ts';
import { listThreads } from './thread-list.ts';
import { threadPage } from './thread-page.ts';
import { linkWorkToThreads } from './work-links.ts';

eachDialect('chapters posted to linked threads', (env) => {
  let cast: Cast;
  before(async () => {
    cast = await makeCast(env().ctx);
  });

  const chapter = (title: string, extra: Record<string, unknown> = {}) =>
    chapterSchema.parse({ title, body: `<p>The text of ${title}.</p>`, ...extra });
  const titles = async (boardId: number) =>
    (await listThreads(env().ctx.db, null, boardId, 1)).threads.map((t) => t.title);
  const drain = () => env().worker.drain();
  /** Chapter → thread jobs waiting (other kinds, such as search indexing, are not this suite's). */
  const asked = async () => {
    const { n } = await env()
      .ctx.db.selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'forums.chapter-reply')
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(n);
  };

  async function scene(options: { withText?: boolean; restricted?: boolean } = {}) {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const symphony = await makeThread(ctx, cast.alice, board.id, 'Symphony');
    const others = [];
    for (const title of ['Tea', 'Capes', 'Icons'])
      others.push(await makeThread(ctx, cast.bob, board.id, title));
    const { workId } = await postWork(
      ctx,
      cast.alice,
      seedWorkInput({
        title: 'Symphony',
        series: undefined,
        expectedChapters: null,
        restricted: options.restricted ?? false,
      }),
    );
    await linkWorkToThreads(ctx, cast.alice, workId, {
      threads: [symphony.threadId],
      withText: options.withText,
    });
    await drain();
    return { board, symphony, others, workId };
  }

  it('posting a chapter replies in the linked thread and lifts it to the top; a draft does not', async () => {
    const { ctx } = env();
    const { board, symphony, others, workId } = await scene();
    await reply(ctx, cast.bob, others[0]!.threadId, 'Newer than Symphony.');
    assert.equal((await titles(board.id))[0], 'Tea');

    await addChapter(ctx, cast.alice, workId, chapter('IV', { draft: true }));
    assert.equal(await asked(), 0, 'a draft chapter asks for nothing');
    assert.equal((await titles(board.id))[0], 'Tea');

    const iv = await addChapter(ctx, cast.alice, workId, chapter('IV'));
    await drain();
    assert.equal((await titles(board.id))[0], 'Symphony');
    const page = await threadPage(ctx, null, symphony.threadId, { page: 1 });
    const last = page.posts.at(-1)!;
    assert.equal(last.kind, 'chapter');
    assert.equal(last.author, cast.alice.username);
    assert.match(last.body!, /New chapter:.*Symphony, chapter 3: IV/);
    assert.doesNotMatch(last.body!, /The text of IV/, 'without text unless the writer asked');

    // Another reply elsewhere, then an edit to the chapter: the edit does not lift Symphony again.
    await tick();
    await reply(ctx, cast.bob, others[1]!.threadId, 'Capes news.');
    await editChapter(ctx, cast.alice, workId, iv, chapter('IV (revised)'));
    assert.equal(await asked(), 0, 'an edit asks for nothing');
    await drain();
    assert.deepEqual((await titles(board.id)).slice(0, 2), ['Capes', 'Symphony']);
  });

  it('publishing a draft chapter counts as posting it', async () => {
    const { ctx } = env();
    const { board, others, workId } = await scene();
    const draft = await addChapter(ctx, cast.alice, workId, chapter('V', { draft: true }));
    await reply(ctx, cast.bob, others[2]!.threadId);
    await editChapter(ctx, cast.alice, workId, draft, chapter('V'));
    await drain();
    assert.equal((await titles(board.id))[0], 'Symphony');
  });

  it('the job is idempotent: running it again posts nothing more', async () => {
    const { ctx } = env();
    const { symphony, workId } = await scene({ withText: true });
    await addChapter(ctx, cast.alice, workId, chapter('VI'));
    const job = await ctx.db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('kind', '=', 'forums.chapter-reply')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await drain();
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'pending', finished_at: null })
      .where('id', '=', job.id)
      .execute();
    await drain();
    const posts = await ctx.db
      .selectFrom('posts')
      .select(['kind', 'body'])
      .where('thread_id', '=', symphony.threadId)
      .execute();
    assert.equal(posts.filter((p) => p.kind === 'chapter').length, 1);
    assert.match(posts.find((p) => p.kind === 'chapter')!.body, /The text of VI/, 'with the text when asked');
  });

  it('a locked thread gets no chapter reply, and nothing is recorded for it', async () => {
    const { ctx } = env();
    const { board, symphony, others, workId } = await scene();
    await reply(ctx, cast.bob, others[0]!.threadId);
    await setLocked(ctx, cast.moderator, symphony.threadId, true);
    await addChapter(ctx, cast.alice, workId, chapter('VII'));
    await drain();
    assert.equal((await titles(board.id))[0], 'Tea');
    const recorded = await ctx.db
      .selectFrom('chapter_replies')
      .selectAll()
      .where('thread_id', '=', symphony.threadId)
      .execute();
    assert.deepEqual(recorded, []);
  });

  it('a registered-only work’s chapter reply shows its title and text to readers only', async () => {
    const { ctx } = env();
    const { symphony, workId } = await scene({ withText: true, restricted: true });
    await addChapter(ctx, cast.alice, workId, chapter('VIII'));
    await drain();
    const forGuest = (await threadPage(ctx, null, symphony.threadId, { page: 1 })).posts.at(-1)!;
    assert.equal(forGuest.shown, 'stub');
    assert.equal(forGuest.body, null);
    assert.equal(forGuest.stub, 'Log in to read this post.');
    const forReader = (await threadPage(ctx, cast.bob, symphony.threadId, { page: 1 })).posts.at(-1)!;
    assert.match(forReader.body!, /The text of VIII/);
  });

  it('a work hidden by a moderator afterwards no longer surfaces in its chapter replies', async () => {
    const { ctx } = env();
    const { symphony, workId } = await scene();
    await addChapter(ctx, cast.alice, workId, chapter('IX'));
    await drain();
    await ctx.db
      .updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', workId)
      .execute();
    const forBob = (await threadPage(ctx, cast.bob, symphony.threadId, { page: 1 })).posts.at(-1)!;
    assert.equal(forBob.shown, 'stub');
    assert.equal(forBob.stub, 'This post is not available.');
    const forWriter = (await threadPage(ctx, cast.alice, symphony.threadId, { page: 1 })).posts.at(-1)!;
    assert.equal(forWriter.shown, 'full');
  });
});
