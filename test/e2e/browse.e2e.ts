// Browser journey through filtering ([tags-browse]): a reader filters a tag's listing, excludes a
// tag from its facets, keeps it on their blocklist, and sees every listing's counts follow; the
// blocklist can be switched off for one listing. axe on every page; screenshots of the listing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { findOrCreateTags } from '../../src/features/tags/tags.repository.ts';
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

eachBrowserDialect('filtering journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let reader = '';
  let smallville = 0;
  const a11y = new A11yTracker(dialect);
  const count = async () => (await page.locator('.browse__count').innerText()).trim();

  before(async () => {
    server = await startTestServer(dialect);
    const ctx = server.env.ctx;
    const writer = await makeUser(ctx);
    const post = (title: string, fields: Record<string, unknown> = {}) =>
      postWork(ctx, writer, seedWorkInput({ title, series: null, ...fields }));
    await post('Meteor Shower', { additionalTags: ['Angst', 'Fluff'] });
    await post('The Barn Loft', { additionalTags: ['Fluff'] });
    await post('Talon Mornings', { additionalTags: ['Coffee Shop'] });
    await post('Salt and Iron', { fandoms: ['Supernatural'], relationships: [], additionalTags: ['Angst'] });
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

  test('a. a reader filters a tag’s listing and excludes a tag from its facets', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(reader);
    await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home');
    await page.goto(server.url(`/tags/${smallville}/works`));
    await page.getByRole('heading', { name: 'Smallville works', level: 1 }).waitFor();
    assert.equal(await count(), '1–3 of 3 works');
    await a11y.check(page, 'tag listing');
    await screenshot(page, `tag-listing-${dialect}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Exclude Angst' }));
    assert.equal(await count(), '1–2 of 2 works');
    assert.match(page.url(), /excludeTags=Angst/);
    await a11y.check(page, 'tag listing, Angst excluded');
  });

  test('b. the excluded tag goes on the blocklist and every count follows', async () => {
    await clickAndLoad(page, page.getByRole('button', { name: 'Always hide “Angst”' }));
    await page.getByRole('status').filter({ hasText: 'now on your blocklist' }).waitFor();
    assert.doesNotMatch(page.url(), /excludeTags/);
    assert.equal(await count(), '1–2 of 2 works');
    await page.getByText('Your blocklist (1 tag) is hiding works here.').waitFor();
    await a11y.check(page, 'tag listing with a blocklist');
    await screenshot(page, `blocklist-listing-${dialect}`);
    await page.goto(server.url('/works'));
    assert.equal(await count(), '1–2 of 2 works', 'Salt and Iron is hidden too');
    await a11y.check(page, 'works with a blocklist');
    await clickAndLoad(page, page.getByRole('link', { name: 'Show them on this listing' }));
    assert.equal(await count(), '1–4 of 4 works');
    await page.getByText('Your blocklist (1 tag) is off for this listing.').waitFor();
    await clickAndLoad(page, page.getByRole('link', { name: 'Turn it back on' }));
    assert.equal(await count(), '1–2 of 2 works');
  });

  test('c. the blocklist page shows the tag and can remove it', async () => {
    await page.goto(server.url('/account/blocklist'));
    await page.getByRole('heading', { name: 'Your blocklist and saved filters', level: 1 }).waitFor();
    await a11y.check(page, 'blocklist page');
    await clickAndLoad(page, page.getByRole('button', { name: 'Remove Angst from your blocklist' }));
    await page.goto(server.url('/works'));
    assert.equal(await count(), '1–4 of 4 works');
    a11y.assertAllClean();
  });
});
