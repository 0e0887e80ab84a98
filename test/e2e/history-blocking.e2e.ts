// Browser journey through reading history and muting ([interactions]): a reader reads two chapters,
// finds the work in their history, the author posts a chapter and the history says "updated since
// you read it"; the reader mutes a creator and that creator's work leaves a tag listing, its count
// one lower. axe on every page; screenshots of the history page and the profile's buttons.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { findOrCreateTags } from '../../src/features/tags/tags.repository.ts';
import { chapterSchema } from '../../src/features/works/works.schema.ts';
import { addChapter, postWork } from '../../src/features/works/works.service.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import {
  A11yTracker,
  clickAndLoad,
  eachBrowserDialect,
  launchBrowser,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

eachBrowserDialect('reading history and muting journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let reader = '';
  let loud = '';
  let workId = 0;
  let smallville = 0;
  let author: Awaited<ReturnType<typeof makeUser>>;
  const a11y = new A11yTracker(dialect);
  const count = async () => (await page.locator('.browse__count').innerText()).trim();

  before(async () => {
    server = await startTestServer(dialect);
    const ctx = server.env.ctx;
    author = await makeUser(ctx);
    const noisy = await makeUser(ctx);
    loud = noisy.username;
    const input = (title: string) => seedWorkInput({ title, series: null, expectedChapters: null });
    ({ workId } = await postWork(ctx, author, input('The Long Road Home')));
    await addChapter(
      ctx,
      author,
      workId,
      chapterSchema.parse({ title: 'Crossroads', body: 'The second chapter.' }),
    );
    await postWork(ctx, noisy, input('Very Loud Fic'));
    smallville = (await findOrCreateTags(ctx.db, 'fandom', ['Smallville'], new Date().toISOString()))[0]!;
    reader = (await makeUser(ctx)).username;
    browser = await launchBrowser();
    const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. a reader reads two chapters and finds the work in their history', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(reader);
    await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home');
    await page.goto(server.url(`/works/${workId}`));
    await page.getByRole('heading', { name: 'The Long Road Home', level: 1 }).waitFor();
    await a11y.check(page, 'work, chapter 1');
    await clickAndLoad(page, page.getByRole('link', { name: 'Next chapter →' }));
    await page.getByText('The second chapter.').waitFor();
    await a11y.check(page, 'work, chapter 2');
    await clickAndLoad(page, page.getByRole('link', { name: 'Your history' }));
    await page.getByRole('heading', { name: 'Your reading history', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '1 work', level: 2 }).waitFor();
    await page.getByText('reached chapter 2 of 2').waitFor();
    assert.equal(await page.getByText('Updated since you read it').count(), 0);
    await a11y.check(page, 'reading history');
  });

  test('b. the author posts a chapter and the history marks the work updated', async () => {
    await addChapter(
      server.env.ctx,
      author,
      workId,
      chapterSchema.parse({ title: 'Home', body: 'The third chapter.' }),
    );
    await page.reload();
    await page.getByText('Updated since you read it').waitFor();
    await page.getByText('reached chapter 2 of 3').waitFor();
    await clickAndLoad(page, page.getByRole('link', { name: 'Updated since you read them' }));
    await page.getByRole('heading', { name: '1 work', level: 2 }).waitFor();
    await a11y.check(page, 'reading history, updated filter');
    await screenshot(page, `reading-history-${dialect}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'The Long Road Home' }));
    await page.getByText(/Updated since you last read it/).waitFor();
    await clickAndLoad(page, page.getByRole('link', { name: 'Go on with chapter 3' }));
    await page.getByText('The third chapter.').waitFor();
    await a11y.check(page, 'work, chapter 3');
  });

  test('c. the reader mutes a creator and their work leaves a tag listing, the count one lower', async () => {
    await page.goto(server.url(`/tags/${smallville}/works`));
    assert.equal(await count(), '1–2 of 2 works');
    await page.getByRole('link', { name: 'Very Loud Fic' }).waitFor();
    await page.goto(server.url(`/users/${loud}`));
    await a11y.check(page, 'profile with block and mute buttons');
    await clickAndLoad(page, page.getByRole('button', { name: `Mute ${loud}` }));
    await page
      .getByRole('status')
      .filter({ hasText: `You mute ${loud}` })
      .waitFor();
    await page.getByRole('button', { name: `Unmute ${loud}` }).waitFor();
    await a11y.check(page, 'profile, muted');
    await screenshot(page, `profile-muted-${dialect}`);
    await page.goto(server.url(`/tags/${smallville}/works`));
    assert.equal(await count(), '1 work');
    assert.equal(await page.getByRole('link', { name: 'Very Loud Fic' }).count(), 0);
    await a11y.check(page, 'tag listing with a mute');
    await page.goto(server.url('/account/muted'));
    await page.getByRole('link', { name: loud }).waitFor();
    await a11y.check(page, 'people you mute');
    a11y.assertAllClean();
  });
});
