// Browser journey through kudos and bookmarks ([interactions]): a reader leaves kudos on "Symphony"
// with the work page's button, bookmarks it with tags and notes, and finds it on their bookmarks
// page, then narrows that page to one of their own tags (another bookmark, without that tag, drops
// out). axe on every page, light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { saveBookmark } from '../../src/features/bookmarks/bookmarks.service.ts';
import { bookmarkSchema } from '../../src/features/bookmarks/bookmarks.schema.ts';
import { browseIndexFor } from '../../src/features/browse/browse-index.ts';
import { postWork } from '../../src/features/works/works.service.ts';
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

eachBrowserDialect('kudos and bookmarks journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let reader: Page;
  let readerName = '';
  let workId = 0;
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const { ctx } = server.env;
    const [writer, readerUser] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    readerName = readerUser.username;
    const general = { rating: 'General Audiences', series: undefined };
    ({ workId } = await postWork(ctx, writer, seedWorkInput({ ...general, title: 'Symphony' })));
    const other = await postWork(ctx, writer, seedWorkInput({ ...general, title: 'Overture' }));
    await saveBookmark(
      ctx,
      readerUser,
      { type: 'work', id: other.workId },
      bookmarkSchema.parse({ tags: 'later', notes: 'For the weekend.' }),
    );
    await server.env.worker.drain();
    await browseIndexFor(ctx.db).sync(true);
    browser = await launchBrowser();
    const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    reader = a11y.watch(await context.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a reader leaves kudos, bookmarks the work and finds it by one of their tags', async () => {
    await reader.goto(server.url('/login'));
    await a11y.check(reader, 'login');
    await reader.getByLabel(/^Username or e-mail/).fill(readerName);
    await reader.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(reader, reader.getByRole('main').getByRole('button', { name: 'Log in' }));
    await a11y.check(reader, 'home');

    await reader.goto(server.url(`/works/${workId}`));
    await a11y.check(reader, 'work');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Kudos ♥' }));
    await reader.getByRole('status').filter({ hasText: 'Thank you for leaving kudos!' }).waitFor();
    const kudos = reader.locator('#kudos');
    assert.match(await kudos.innerText(), new RegExp(`${readerName} left kudos on this work!`));
    assert.equal(await reader.getByRole('button', { name: 'Kudos ♥' }).count(), 0, 'one kudos per account');
    assert.match(await reader.locator('.work-stats').innerText(), /Kudos: 1/);
    await a11y.check(reader, 'work after kudos');
    await kudos.screenshot({ path: '/tmp/e2e-shots/kudos-panel.png' });

    await clickAndLoad(reader, reader.getByRole('link', { name: 'Bookmark', exact: true }));
    await a11y.check(reader, 'bookmark form');
    await reader.getByLabel('Notes').fill('The ending, every time.');
    await reader.getByLabel('Your tags').fill('comfort read, strings');
    await reader.getByLabel(/^Rec/).check();
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Create bookmark' }));
    await reader.getByRole('status').filter({ hasText: 'Bookmark created.' }).waitFor();
    assert.equal(new URL(reader.url()).pathname, `/users/${readerName}/bookmarks`);
    const results = reader.locator('.browse__results');
    assert.match(await results.locator('.browse__count').innerText(), /2 works/);
    assert.match(await results.innerText(), /The ending, every time\./);
    await a11y.check(reader, 'bookmarks page');
    await screenshot(reader, 'kudos-bookmarks-page');

    await clickAndLoad(reader, results.getByRole('link', { name: 'strings', exact: true }));
    assert.match(reader.url(), /bookmarkTags=strings/);
    assert.match(await results.locator('.browse__count').innerText(), /1 work/);
    assert.deepEqual(await results.locator('.blurb__title > a').allInnerTexts(), ['Symphony']);
    assert.equal(await reader.getByLabel('Bookmarker’s tags').inputValue(), 'strings');
    await a11y.check(reader, 'bookmarks filtered by a tag');
    await screenshot(reader, 'kudos-bookmarks-filtered');

    await reader.goto(server.url(`/works/${workId}/bookmarks`));
    assert.match(await reader.getByRole('main').innerText(), new RegExp(`Bookmarked by ${readerName}`));
    await a11y.check(reader, 'work bookmarks');
    a11y.assertAllClean();
  });
});
