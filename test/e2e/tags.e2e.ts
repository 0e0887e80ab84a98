// Browser journey through wrangling ([tags-browse]): a tag wrangler finds "Lex/Lana" in the
// queue, wrangles it as a synonym of a canonical pairing and files Smallville under TV Shows; a
// guest follows a blurb's tag to the canonical tag's page (the synonym redirects there) and finds
// Smallville in the fandom index. axe on every page, light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { postWork } from '../../src/features/works/works.service.ts';
import { findOrCreateTags } from '../../src/features/tags/tags.repository.ts';
import { wrangleTag } from '../../src/features/tags/wrangling.service.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import {
  A11yTracker,
  eachBrowserDialect,
  clickAndLoad,
  launchBrowser,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

eachBrowserDialect('tags journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let guest: Page;
  let wrangler = '';
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const ctx = server.env.ctx;
    const writer = await makeUser(ctx);
    const admin = await makeUser(ctx, { role: 'admin' });
    await postWork(ctx, writer, seedWorkInput({ relationships: ['Lex/Lana'] }));
    const [pairing] = await findOrCreateTags(
      ctx.db,
      'relationship',
      ['Lex Luthor/Lana Lang'],
      new Date().toISOString(),
    );
    await wrangleTag(ctx, admin, pairing!, { canonical: true });
    wrangler = (await makeUser(ctx, { role: 'tag_wrangler' })).username;
    browser = await launchBrowser();
    const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
    const guestContext = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    guestContext.setDefaultTimeout(10_000);
    guest = a11y.watch(await guestContext.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. a wrangler makes “Lex/Lana” a synonym from the queue', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(wrangler);
    await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home');
    await page.goto(server.url('/wrangling'));
    await a11y.check(page, 'wrangling queue');
    await clickAndLoad(page, page.getByRole('main').getByRole('link', { name: 'Lex/Lana' }));
    await page.getByRole('heading', { name: 'Wrangle “Lex/Lana”' }).waitFor();
    await a11y.check(page, 'wrangle a tag');
    await page.getByLabel('Synonym of').fill('Lex Luthor/Lana Lang');
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Save' }));
    await page.getByRole('status').filter({ hasText: 'being re-indexed' }).waitFor();
    await page.getByRole('heading', { name: 'Lex Luthor/Lana Lang', level: 1 }).waitFor();
    await a11y.check(page, 'canonical tag (wrangler)');
    await server.env.worker.drain();
  });

  test('b. the wrangler files Smallville under TV Shows', async () => {
    const [smallville] = await findOrCreateTags(
      server.env.ctx.db,
      'fandom',
      ['Smallville'],
      new Date().toISOString(),
    );
    await page.goto(server.url(`/tags/${smallville}/edit`));
    await a11y.check(page, 'wrangle a fandom');
    await page.getByLabel('Canonical').check();
    await page.getByLabel('Medium').selectOption('TV Shows');
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Save' }));
    await page.getByRole('heading', { name: 'Smallville', level: 1 }).waitFor();
    assert.match(squash(await page.locator('.lede').innerText()), /Fandom · Canonical · TV Shows/);
    await a11y.check(page, 'fandom tag page');
    await server.env.worker.drain();
  });

  test('c. a guest follows the blurb’s tag to the canonical page and finds the fandom index', async () => {
    await guest.goto(server.url('/works'));
    await a11y.check(guest, 'works (guest)');
    await clickAndLoad(guest, guest.locator('li.blurb').getByRole('link', { name: 'Lex/Lana' }));
    await guest.getByRole('heading', { name: 'Works tagged “Lex Luthor/Lana Lang”', level: 1 }).waitFor();
    await a11y.check(guest, 'canonical tag’s works (guest)');
    await clickAndLoad(guest, guest.getByRole('link', { name: 'About “Lex Luthor/Lana Lang”' }));
    await guest.getByRole('heading', { name: 'Lex Luthor/Lana Lang', level: 1 }).waitFor();
    const text = squash(await guest.getByRole('main').innerText());
    assert.match(text, /Synonyms: Lex\/Lana/);
    assert.match(text, /1 work Filter and sort these works Symphony, Part V/);
    await a11y.check(guest, 'canonical tag (guest)');
    await screenshot(guest, `tag-page-${dialect}`);
    await guest.goto(server.url('/works'));
    await clickAndLoad(guest, guest.getByRole('main').getByRole('link', { name: 'Browse fandoms' }));
    await guest.getByRole('heading', { name: 'TV Shows' }).waitFor();
    assert.match(squash(await guest.getByRole('main').innerText()), /Smallville \(1\)/);
    await a11y.check(guest, 'fandom index');
    await clickAndLoad(guest, guest.getByRole('link', { name: 'Smallville' }));
    await guest.getByRole('heading', { name: 'Smallville works', level: 1 }).waitFor();
    await a11y.check(guest, 'fandom’s works');
    a11y.assertAllClean();
  });
});
