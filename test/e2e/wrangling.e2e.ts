// Browser journey through bulk wrangling: a tag wrangler narrows the queue to characters, ticks
// "Lex" and "Lexie L.", mistypes the canonical tag (the refusal keeps the ticks and what was
// typed), corrects it, and sees both tags leave the queue as synonyms of "Lex Luthor". axe on
// every page, light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { findOrCreateTags } from '../../src/features/tags/tags.repository.ts';
import { wrangleTag } from '../../src/features/tags/wrangling.service.ts';
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

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

eachBrowserDialect('bulk wrangling journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let wrangler = '';
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const ctx = server.env.ctx;
    const writer = await makeUser(ctx);
    const admin = await makeUser(ctx, { role: 'admin' });
    await postWork(ctx, writer, seedWorkInput({ characters: ['Lex', 'Clark'] }));
    await postWork(ctx, writer, seedWorkInput({ title: 'Lexmas', characters: ['Lexie L.', 'Lex Luthor'] }));
    const [canonical] = await findOrCreateTags(ctx.db, 'character', ['Lex Luthor'], new Date().toISOString());
    await wrangleTag(ctx, admin, canonical!, { canonical: true });
    wrangler = (await makeUser(ctx, { role: 'tag_wrangler' })).username;
    browser = await launchBrowser();
    const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const tick = (name: string) => page.getByRole('checkbox', { name: `Select ${name}`, exact: true });

  test('a. a wrangler narrows the queue to characters and ticks two tags', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(wrangler);
    await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home');
    await page.goto(server.url('/wrangling'));
    await a11y.check(page, 'wrangling queue');
    await page.getByLabel('Type').selectOption('character');
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Show' }));
    assert.equal(
      await page.getByRole('checkbox', { name: /^Select / }).count(),
      3,
      'Lex, Lexie L. and Clark',
    );
    await tick('Lex').check();
    await tick('Lexie L.').check();
  });

  test('b. a mistyped canonical tag is refused, keeping the ticks and the typed name', async () => {
    await page.getByLabel('Make them synonyms of a canonical tag').check();
    await page.getByLabel('Synonym of').fill('Lex Luthr');
    await clickAndLoad(
      page,
      page.getByRole('main').getByRole('button', { name: 'Apply to the ticked tags' }),
    );
    await page.getByRole('alert').filter({ hasText: 'There is no character tag “Lex Luthr”.' }).waitFor();
    assert.ok(await tick('Lex').isChecked());
    assert.ok(await tick('Lexie L.').isChecked());
    assert.ok(!(await tick('Clark').isChecked()));
    assert.ok(await page.getByLabel('Make them synonyms of a canonical tag').isChecked());
    assert.equal(await page.getByLabel('Synonym of').inputValue(), 'Lex Luthr');
    await a11y.check(page, 'wrangling queue (refused)');
    await screenshot(page, `wrangling-refused-${dialect}`);
  });

  test('c. corrected, both tags become synonyms and leave the queue', async () => {
    await page.getByLabel('Synonym of').fill('Lex Luthor');
    await clickAndLoad(
      page,
      page.getByRole('main').getByRole('button', { name: 'Apply to the ticked tags' }),
    );
    const status = page.getByRole('status').filter({ hasText: 'made synonyms' });
    await status.waitFor();
    assert.equal(
      squash(await status.innerText()),
      '2 tags made synonyms of “Lex Luthor”. Their works are being re-indexed.',
    );
    assert.equal(await tick('Lex').count(), 0);
    assert.equal(await tick('Lexie L.').count(), 0);
    assert.equal(await tick('Clark').count(), 1, 'the unticked tag stays');
    assert.match(page.url(), /\/wrangling\?type=character/);
    await a11y.check(page, 'wrangling queue (done)');
    await screenshot(page, `wrangling-queue-${dialect}`);
    await server.env.worker.drain();
    a11y.assertAllClean();
  });
});
