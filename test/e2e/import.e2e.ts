// Browser journey through the importer ([import]): a writer finds Import from the Works page,
// pastes the seed post, sees what Quire read (the archive warnings highlighted for checking),
// corrects that field, posts it and finds it listed on /works with the right tags; a binary
// upload is refused with one message. axe on every page, in light and dark schemes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { SEED_POST } from '../seed.ts';
import {
  A11yTracker,
  eachBrowserDialect,
  clickAndLoad,
  describedBy,
  launchBrowser,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

eachBrowserDialect('import journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let writer = '';
  const a11y = new A11yTracker(dialect);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-import-e2e-'));

  before(async () => {
    server = await startTestServer(dialect);
    const user = await makeUser(server.env.ctx);
    browser = await launchBrowser();
    const context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
    writer = user.username;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const main = () => page.getByRole('main');

  test('a. a binary upload is refused with one clear message', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(writer);
    await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(page, main().getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home');
    await page.goto(server.url('/works'));
    await a11y.check(page, 'works list');
    await clickAndLoad(page, main().getByRole('link', { name: 'Import a fic' }));
    assert.equal(new URL(page.url()).pathname, '/import');
    await a11y.check(page, 'import form');
    const binary = path.join(tmp, 'story.epub');
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
    await main().getByLabel('…or upload a file').setInputFiles(binary);
    await clickAndLoad(page, main().getByRole('button', { name: 'Read the post' }));
    await page
      .getByRole('alert')
      .getByText(/The file is a ZIP archive/)
      .waitFor();
    assert.match(await describedBy(main().getByLabel('…or upload a file')), /ZIP archive/);
    await a11y.check(page, 'import form (refused)');
  });

  test('b. the pasted seed post comes back as a pre-filled form, with what to check highlighted', async () => {
    await main().getByLabel('Paste the post').fill(SEED_POST);
    await clickAndLoad(page, main().getByRole('button', { name: 'Read the post' }));
    await page.getByRole('heading', { name: 'Check your import', level: 1 }).waitFor();
    assert.equal(
      await main()
        .getByLabel(/^Work title/)
        .inputValue(),
      'Symphony, Part V',
    );
    assert.equal(
      await main()
        .getByLabel(/^Fandoms/)
        .inputValue(),
      'Smallville',
    );
    assert.equal(
      await main()
        .getByLabel(/^Relationships/)
        .inputValue(),
      'Lex/Lana',
    );
    assert.equal(
      await main()
        .getByRole('textbox', { name: /^Series \(/ })
        .inputValue(),
      'Symphony',
    );
    assert.equal(
      await main()
        .getByLabel(/^Part number/)
        .inputValue(),
      '5',
    );
    assert.ok(await main().getByRole('radio', { name: 'Teen And Up Audiences' }).isChecked());
    const warnings = main().locator('fieldset.field--notice', { hasText: 'Archive warnings' });
    await warnings.getByText(/are not archive warnings/).waitFor();
    assert.match(
      squash(await main().locator('.import-review').innerText()),
      /the header says 595, Quire counts 594/,
    );
    await a11y.check(page, 'import review');
    await screenshot(page, `import-review-${dialect}`);
  });

  test('c. the writer corrects the warnings, posts, and finds it listed with the right tags', async () => {
    await main().getByRole('checkbox', { name: 'Creator Chose Not To Use Archive Warnings' }).uncheck();
    await main().getByRole('checkbox', { name: 'No Archive Warnings Apply' }).check();
    await clickAndLoad(page, main().getByRole('button', { name: 'Post', exact: true }));
    await page.getByRole('status').filter({ hasText: 'Imported and posted.' }).waitFor();
    await page.getByRole('heading', { name: 'Symphony, Part V', level: 1 }).waitFor();
    const meta = squash(await page.locator('.work-meta').innerText());
    assert.match(meta, /Archive Warnings: No Archive Warnings Apply/);
    assert.match(meta, /Series: Part 5 of Symphony/);
    assert.match(meta, /Published: 21 Jan 2006/);
    await a11y.check(page, 'imported work');

    await page.goto(server.url('/works'));
    const blurb = main().locator('li.blurb', { hasText: 'Symphony, Part V' });
    const text = squash(await blurb.innerText());
    for (const expected of [
      'Smallville',
      'Teen And Up Audiences',
      'No Archive Warnings Apply',
      'Lex/Lana',
      'future AU (takes into account series up to Lexmas)',
      'soul-crushing angst',
      'Peace.',
      'Words: 594',
    ]) {
      assert.ok(text.includes(expected), `the listing shows “${expected}”: ${text}`);
    }
    await a11y.check(page, 'works list with the import');
    a11y.assertAllClean();
  });
});
