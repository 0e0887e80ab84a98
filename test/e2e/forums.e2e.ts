// Browser journey through the forums ([forums]), the seed post's complaint: "I've posted both of the
// new chapters over there, but neither of them has kicked the thread back to the top." A board with
// four threads, one linked to the work "Symphony"; other threads get replies; the writer posts
// chapters IV and V through the work's own pages, and after each the chapter → thread job (run by the
// in-process worker) replies in the Symphony thread and lifts it to the top. An edit to chapter V
// afterwards does not lift it above a newer reply elsewhere. axe on every page; screenshots of the
// board and the thread.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { replyTo, startThread } from '../../src/features/forums/posting.service.ts';
import { chapterSchema } from '../../src/features/works/works.schema.ts';
import { addChapter, postWork } from '../../src/features/works/works.service.ts';
import { makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import {
  A11yTracker,
  chapterText,
  clickAndLoad,
  eachBrowserDialect,
  launchBrowser,
  logIn,
  openTab,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

eachBrowserDialect('forum journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let writer: Page;
  let reader: Page;
  let writerName = '';
  let readerName = '';
  let boardId = 0;
  let workId = 0;
  const threads: Record<string, number> = {};
  const a11y = new A11yTracker(dialect);

  /** The board's thread titles, top to bottom, as a reader sees them. */
  const boardOrder = async (page: Page) => {
    await page.goto(server.url(`/forums/boards/${boardId}`));
    return page.locator('.forum-thread .forum-table__title').allInnerTexts();
  };
  /** The worker runs in the server: wait (briefly) until the board shows what the job did. */
  const untilTop = async (page: Page, title: string) => {
    let order: string[] = [];
    for (let i = 0; i < 40; i++) {
      order = await boardOrder(page);
      if (order[0] === title) return order;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.fail(`"${title}" never reached the top of the board: ${order.join(', ')}`);
  };
  const replyInBrowser = async (page: Page, thread: string, text: string) => {
    await page.goto(server.url(`/forums/threads/${threads[thread]}`));
    await page.getByLabel('Your reply').fill(text);
    await clickAndLoad(page, page.getByRole('button', { name: 'Post reply' }));
    await page.getByText(text).waitFor();
    const path = new URL(page.url()).pathname;
    if (!a11y.checked.has(path)) await a11y.check(page, `thread ${thread}`);
  };

  before(async () => {
    server = await startTestServer(dialect);
    const { ctx } = server.env;
    server.env.worker.start();
    const [admin, writerUser, readerUser, other] = await Promise.all([
      makeUser(ctx, { role: 'admin' }),
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
    ]);
    writerName = writerUser.username;
    readerName = readerUser.username;
    const board = await createBoard(ctx, admin, {
      name: 'Fic threads',
      description: 'One thread per story: post each chapter as a reply.',
      category: 'Smallville',
    });
    boardId = board.id;
    const start = async (who: typeof admin, title: string, body: string) =>
      (threads[title] = (await startThread(ctx, who, boardId, { title, body })).threadId);
    await start(writerUser, 'Symphony', 'Lex and Lana, after Lexmas. Chapters as replies here.');
    await start(other, 'Tea and tropes', 'Which tropes do you never tire of?');
    await start(readerUser, 'Capes and cowls', 'Costume meta.');
    await start(other, 'Icon makers', 'Share your icons.');
    ({ workId } = await postWork(
      ctx,
      writerUser,
      seedWorkInput({ title: 'Symphony', series: undefined, expectedChapters: 5 }),
    ));
    for (const title of ['II', 'III'])
      await addChapter(
        ctx,
        writerUser,
        workId,
        chapterSchema.parse({ title, body: `<p>Part ${title}.</p>` }),
      );
    await replyTo(ctx, other, threads['Icon makers']!, { body: 'Here are mine.' });
    browser = await launchBrowser();
    const options = { colorScheme: 'light', reducedMotion: 'reduce' } as const;
    writer = await openTab(await browser.newContext(options), a11y);
    reader = await openTab(await browser.newContext(options), a11y);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. the writer links Symphony to its thread; the board reads newest first', async () => {
    await logIn(writer, server, a11y, writerName);
    await writer.goto(server.url('/forums'));
    await a11y.check(writer, 'forum index');
    await clickAndLoad(writer, writer.getByRole('link', { name: 'Fic threads' }));
    await a11y.check(writer, 'board');
    await writer.goto(server.url(`/works/${workId}/threads`));
    await a11y.check(writer, 'work threads');
    await writer.getByLabel('Thread numbers').fill(String(threads.Symphony));
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Save the threads' }));
    await writer.getByRole('status').filter({ hasText: 'linked to 1 thread' }).waitFor();
    await a11y.check(writer, 'work threads (saved)');
    assert.deepEqual(await boardOrder(writer), [
      'Icon makers',
      'Capes and cowls',
      'Tea and tropes',
      'Symphony',
    ]);
  });

  test('b. replies elsewhere; then chapter IV is posted and Symphony is at the top', async () => {
    await logIn(reader, server, a11y, readerName);
    await replyInBrowser(reader, 'Tea and tropes', 'Enemies to lovers, always.');
    await a11y.check(reader, 'thread (reader)');
    assert.equal((await boardOrder(reader))[0], 'Tea and tropes');

    await writer.goto(server.url(`/works/${workId}/chapters/new`));
    await a11y.check(writer, 'new chapter');
    await writer.getByLabel(/^Chapter title/).fill('IV');
    await (await chapterText(writer)).fill('Part IV. The snow kept falling.');
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Post chapter' }));
    await a11y.check(writer, 'chapter page');
    assert.deepEqual(await untilTop(reader, 'Symphony'), [
      'Symphony',
      'Tea and tropes',
      'Icon makers',
      'Capes and cowls',
    ]);
    await a11y.check(reader, 'board (Symphony on top)');
  });

  test('c. more replies elsewhere; chapter V lifts Symphony again', async () => {
    await replyInBrowser(reader, 'Capes and cowls', 'Capes are a commitment.');
    assert.equal((await boardOrder(reader))[0], 'Capes and cowls');
    await writer.goto(server.url(`/works/${workId}/chapters/new`));
    await writer.getByLabel(/^Chapter title/).fill('V');
    await (await chapterText(writer)).fill('Peace. What? I’m done? How can that be?');
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Post chapter' }));
    await a11y.check(writer, 'chapter V');
    assert.equal((await untilTop(reader, 'Symphony'))[1], 'Capes and cowls');
    await screenshot(reader, `forum-board-${dialect}`);

    await clickAndLoad(reader, reader.getByRole('link', { name: 'Symphony', exact: true }));
    await a11y.check(reader, 'Symphony thread');
    const chapters = reader.locator('.forum-post--chapter');
    assert.equal(await chapters.count(), 2);
    assert.match(await chapters.last().innerText(), /New chapter:\s*Symphony, chapter 5: V/);
    await screenshot(reader, `forum-thread-${dialect}`);
  });

  test('d. an edit to chapter V does not lift Symphony above a newer reply elsewhere', async () => {
    await replyInBrowser(reader, 'Icon makers', 'New icons for the Symphony readers.');
    const chapterV = await writer.evaluate(() => location.pathname);
    await writer.goto(server.url(`${chapterV}/edit`));
    await a11y.check(writer, 'edit chapter');
    await (await chapterText(writer)).fill('Peace. What? I’m done? How can that be? (typo fixed)');
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Post chapter' }));
    // Give the worker time to (wrongly) act, then check the order held.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual((await boardOrder(reader)).slice(0, 2), ['Icon makers', 'Symphony']);
    await a11y.check(reader, 'board (after the edit)');
  });

  test('e. quoting and jumping to the first unread post work without JavaScript', async () => {
    await writer.goto(server.url(`/forums/threads/${threads.Symphony}`));
    await a11y.check(writer, 'thread (writer)');
    await reader.goto(server.url(`/forums/threads/${threads.Symphony}`));
    await clickAndLoad(reader, reader.getByRole('link', { name: 'Quote post #1' }));
    assert.match(await reader.getByLabel('Your reply').inputValue(), /^<blockquote><p><cite>/);
    await reader.getByLabel('Your reply').fill('Thank you for both chapters!');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Post reply' }));
    await writer.goto(server.url(`/forums/boards/${boardId}`));
    await clickAndLoad(writer, writer.getByRole('link', { name: 'New posts in Symphony' }));
    assert.match(writer.url(), /#post-\d+$/);
    await a11y.check(writer, 'thread (first unread)');
    a11y.assertAllClean();
  });
});
