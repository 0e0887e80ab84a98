// Browser journey through works ([works]): a writer posts the seed story as part 5 of a new
// series "Symphony" with its real metadata (after one refusal), adds a chapter and sees "Date
// Updated" move it to the top of /works; a guest reads it chapter by chapter, downloads the EPUB
// (checked with epubcheck when installed) and cannot see a work restricted to registered users.
// axe on every page, in light and dark schemes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EPUBCHECK, epubcheck } from '../../src/features/downloads/epubcheck.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { SEED_POST, seedStoryText } from '../seed.ts';
import {
  A11yTracker,
  chapterText,
  eachBrowserDialect,
  clickAndLoad,
  describedBy,
  launchBrowser,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

/** The seed's author's note: the header line after "A/N:". */
const SEED_NOTES = (SEED_POST.split(/\r?\n/).find((l) => l.startsWith('A/N:')) ?? '')
  .replace(/^A\/N:\s*/, '')
  .trim();
const STORY = seedStoryText();
const SYMPHONY = 'Symphony, Part V';
const OTHER = 'Lexmas Morning';
const RESTRICTED = 'Members Only Interlude';
const CODA = {
  title: 'Coda',
  body: 'The Talon is quiet in the morning.\n\nLana pours two cups of coffee, and this time Lex stays.',
};

/** A date as the app shows it (src/web/time.tsx): "21 Jan 2006", in UTC. */
const shownDate = (d: Date | string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(d));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

eachBrowserDialect('works journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let guestContext: BrowserContext;
  let guest: Page;
  let writer: { username: string; password: string };
  let symphonyId = 0;
  let otherId = 0; // "Lexmas Morning"
  let restrictedId = 0;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-works-e2e-'));
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const user = await makeUser(server.env.ctx);
    writer = { username: user.username, password: FACTORY_PASSWORD };
    browser = await launchBrowser();
    context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
    guestContext = await browser.newContext({
      colorScheme: 'light',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    guestContext.setDefaultTimeout(10_000);
    guest = a11y.watch(await guestContext.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const go = async (p: Page, where: string) => {
    const response = await p.goto(server.url(where));
    assert.ok(response, `no response for ${where}`);
    return response;
  };
  const pathname = (p: Page = page) => new URL(p.url()).pathname;
  const main = (p: Page = page) => p.getByRole('main');
  const flash = (p: Page, text: string) => p.getByRole('status').filter({ hasText: text }).waitFor();
  const metaText = async (p: Page = page) => squash(await p.locator('.work-meta').innerText());
  const workIdOf = (p: Page) => Number(/^\/works\/(\d+)/.exec(pathname(p))?.[1]);
  /** The titles on /works, top to bottom (Date Updated order). */
  /** The rows of the listing on /works (the first list in main), top to bottom. */
  const listedRows = (p: Page) => main(p).locator('ol, ul').first().locator(':scope > li');
  /** The titles on /works, top to bottom (Date Updated order): each row's first link. */
  const listedTitles = async (p: Page) => {
    const titles: string[] = [];
    for (const row of await listedRows(p).all()) {
      titles.push(squash((await row.getByRole('link').first().textContent()) ?? ''));
    }
    return titles;
  };

  /** Fills the posting form as a person would, field by field. */
  async function fillWork(fields: {
    fandoms?: string;
    title: string;
    body: string;
    full?: boolean;
    restricted?: boolean;
  }) {
    const form = main();
    await form.getByRole('radio', { name: 'Teen And Up Audiences' }).check();
    await form.getByRole('checkbox', { name: 'No Archive Warnings Apply' }).check();
    if (fields.full) {
      await form.getByRole('checkbox', { name: 'F/M', exact: true }).check();
      await form.getByLabel(/^Relationships/).fill('Lex Luthor/Lana Lang');
      await form.getByLabel(/^Characters/).fill('Lex Luthor, Lana Lang');
      await form
        .getByLabel(/^Additional tags/)
        .fill('Future AU (takes into account series up to Lexmas), Soul-crushing angst');
      await form.getByLabel(/^Summary/).fill('Peace.');
      await form.getByLabel(/^Notes \(at the beginning\)/).fill(SEED_NOTES);
      await form.getByRole('textbox', { name: /^Series \(/ }).fill('Symphony');
      await form.getByLabel(/^Part number in the series/).fill('5');
      await form.getByLabel(/^Publication date/).fill('2006-01-21');
    }
    if (fields.fandoms !== undefined) await form.getByLabel(/^Fandoms/).fill(fields.fandoms);
    await form.getByLabel(/^Work title/).fill(fields.title);
    await (await chapterText(form)).fill(fields.body);
    await form.getByRole('radio', { name: 'Plain text (blank lines make paragraphs)' }).check();
    if (fields.restricted) {
      await form.getByRole('checkbox', { name: 'Only show this work to registered users' }).check();
    }
  }

  const post = () => clickAndLoad(page, main().getByRole('button', { name: 'Post', exact: true }));

  test('a. the writer logs in and finds the posting form from the Works nav link', async () => {
    await go(page, '/login');
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(writer.username);
    await page.getByLabel(/^Password/).fill(writer.password);
    await clickAndLoad(page, main().getByRole('button', { name: 'Log in' }));
    assert.equal(pathname(), '/');
    await page.getByRole('banner').getByText(`Hi, ${writer.username}`).waitFor();
    await a11y.check(page, 'home (writer)');

    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Works' }),
    );
    assert.equal(pathname(), '/works');
    await main().getByText('No works yet.').waitFor();
    await a11y.check(page, 'works list (empty)');
    await clickAndLoad(page, main().getByRole('link', { name: 'Post a new work' }));
    assert.equal(pathname(), '/works/new');
    await page.getByRole('heading', { name: 'Post a new work', level: 1 }).waitFor();
    await a11y.check(page, 'post a new work');
  });

  test('b. a first work is posted today', async () => {
    await fillWork({ fandoms: 'Smallville', title: OTHER, body: 'Snow falls on Smallville.' });
    await post();
    await flash(page, 'Your work was posted.');
    otherId = workIdOf(page);
    assert.ok(otherId > 0, `posted to a work page (${page.url()})`);
    await page.getByRole('heading', { name: OTHER, level: 1 }).waitFor();
    await a11y.check(page, 'work page (short work)');
  });

  test('c. Symphony without a fandom is refused, keeping what was typed; then it is posted', async () => {
    await go(page, '/works/new');
    await fillWork({ title: SYMPHONY, body: STORY, full: true });
    await post();
    assert.equal(pathname(), '/works', 'the refused form is shown again');
    const fandoms = main().getByLabel(/^Fandoms/);
    await page.getByRole('alert').getByText('Please add at least one fandom.').waitFor();
    assert.match(await describedBy(fandoms), /Please add at least one fandom\./);
    assert.equal(await fandoms.getAttribute('aria-invalid'), 'true');
    assert.equal(
      await main()
        .getByLabel(/^Work title/)
        .inputValue(),
      SYMPHONY,
    );
    assert.equal(
      await main()
        .getByLabel(/^Chapter text/)
        .inputValue(),
      STORY,
    );
    // The rest is kept too, so filling in the fandom is all the writer has to do.
    assert.ok(await main().getByRole('radio', { name: 'Teen And Up Audiences' }).isChecked());
    assert.ok(await main().getByRole('checkbox', { name: 'No Archive Warnings Apply' }).isChecked());
    assert.ok(await main().getByRole('checkbox', { name: 'F/M', exact: true }).isChecked());
    assert.ok(
      await main().getByRole('radio', { name: 'Plain text (blank lines make paragraphs)' }).isChecked(),
    );
    assert.equal(
      await main()
        .getByLabel(/^Notes \(at the beginning\)/)
        .inputValue(),
      SEED_NOTES,
    );
    assert.equal(
      await main()
        .getByRole('textbox', { name: /^Series \(/ })
        .inputValue(),
      'Symphony',
    );
    assert.equal(
      await main()
        .getByLabel(/^Part number in the series/)
        .inputValue(),
      '5',
    );
    assert.equal(
      await main()
        .getByLabel(/^Publication date/)
        .inputValue(),
      '2006-01-21',
    );
    await a11y.check(page, 'post a new work (refused: no fandom)');

    await fandoms.fill('Smallville');
    await post();
    await flash(page, 'Your work was posted.');
    symphonyId = workIdOf(page);
    assert.ok(symphonyId > 0, `posted to a work page (${page.url()})`);
    await page.getByRole('heading', { name: SYMPHONY, level: 1 }).waitFor();
    await main().getByText(`by ${writer.username}`).waitFor();
    const meta = await metaText();
    for (const expected of [
      'Teen And Up Audiences',
      'No Archive Warnings Apply',
      'F/M',
      'Smallville',
      'Lex Luthor/Lana Lang',
      'Lana Lang',
      'Soul-crushing angst',
      'Part 5 of Symphony',
      `Published: ${shownDate('2006-01-21')}`,
      'Words: 594',
      'Chapters: 1/?',
    ]) {
      assert.ok(meta.includes(expected), `meta block shows "${expected}": ${meta}`);
    }
    assert.ok(!meta.includes('Updated:'), 'a one-chapter work has no separate Updated date');
    await main().getByText('Peace.', { exact: true }).waitFor();
    await main().getByText('Incidentally, is there something buggered with DTS?', { exact: false }).waitFor();
    const body = squash(await main().locator('.chapter__body').innerText());
    assert.ok(body.startsWith('Lex opens the door'), `the story starts the chapter: ${body.slice(0, 60)}`);
    assert.equal(await main().locator('.chapter__body p').count(), STORY.split('\n\n').length);
    await a11y.check(page, 'work page (Symphony)');
    await screenshot(page, `work-${dialect}`);

    await clickAndLoad(page, main().locator('.work-meta').getByRole('link', { name: 'Symphony' }));
    assert.match(pathname(), /^\/series\/\d+$/);
    await page.getByRole('heading', { name: 'Symphony', level: 1 }).waitFor();
    assert.match(squash(await main().innerText()), /Part 5: Symphony, Part V/);
    await a11y.check(page, 'series page');
  });

  test('d. backdated to 2006, Symphony sits below the work posted today on /works', async () => {
    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Works' }),
    );
    assert.deepEqual(await listedTitles(page), [OTHER, SYMPHONY]);
    const symphonyRow = listedRows(page).filter({ hasText: SYMPHONY });
    assert.match(squash(await symphonyRow.innerText()), /Updated 21 Jan 2006/);
    assert.match(squash(await symphonyRow.innerText()), /Words: 594/);
    await a11y.check(page, 'works list');

    // A guest reads it now, as one chapter: the page they get must not outlive the next chapter.
    await go(guest, '/works');
    assert.deepEqual(await listedTitles(guest), [OTHER, SYMPHONY]);
    await clickAndLoad(guest, main(guest).getByRole('link', { name: SYMPHONY }));
    assert.equal(pathname(guest), `/works/${symphonyId}`);
    assert.ok((await metaText(guest)).includes('Chapters: 1/?'));
    assert.equal(await main(guest).getByRole('link', { name: 'Entire work' }).count(), 0);
    assert.equal(await main(guest).getByRole('link', { name: 'Add chapter' }).count(), 0);
    await a11y.check(guest, 'work page (guest, one chapter)');
  });

  test('e. adding a chapter today moves Symphony to the top (Date Updated)', async () => {
    const startedOn = shownDate(new Date());
    await clickAndLoad(page, main().getByRole('link', { name: SYMPHONY }));
    await clickAndLoad(page, main().getByRole('link', { name: 'Add chapter' }));
    assert.equal(pathname(), `/works/${symphonyId}/chapters/new`);
    await page.getByRole('heading', { name: `New chapter of “${SYMPHONY}”`, level: 1 }).waitFor();
    await a11y.check(page, 'new chapter');
    await main()
      .getByLabel(/^Chapter title/)
      .fill(CODA.title);
    await (await chapterText(main())).fill(CODA.body);
    await main().getByRole('radio', { name: 'Plain text (blank lines make paragraphs)' }).check();
    await clickAndLoad(page, main().getByRole('button', { name: 'Post chapter' }));
    await flash(page, 'Chapter saved.');
    assert.match(pathname(), new RegExp(`^/works/${symphonyId}/chapters/\\d+$`));
    await page.getByRole('heading', { name: `Chapter 2: ${CODA.title}`, level: 2 }).waitFor();
    const today = [startedOn, shownDate(new Date())];
    const meta = await metaText();
    assert.ok(meta.includes('Chapters: 2/?'), meta);
    assert.ok(meta.includes(`Published: ${shownDate('2006-01-21')}`), meta);
    assert.ok(
      today.some((d) => meta.includes(`Updated: ${d}`)),
      `"Updated" is today (${today.join(' or ')}): ${meta}`,
    );
    await a11y.check(page, 'chapter page (writer)');

    await clickAndLoad(
      page,
      page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Works' }),
    );
    assert.deepEqual(await listedTitles(page), [SYMPHONY, OTHER], 'Symphony moved to the top');
    const symphonyRow = squash(await listedRows(page).filter({ hasText: SYMPHONY }).innerText());
    assert.ok(
      today.some((d) => symphonyRow.includes(`Updated ${d}`)),
      `the listing shows today's date: ${symphonyRow}`,
    );
    await a11y.check(page, 'works list (after the new chapter)');
  });

  test('f. a guest reads it: Entire work, Chapter index, Next chapter', async () => {
    await go(guest, '/works');
    assert.deepEqual(await listedTitles(guest), [SYMPHONY, OTHER]);
    assert.equal(await main(guest).getByRole('link', { name: 'Post a new work' }).count(), 0);
    await a11y.check(guest, 'works list (guest)');

    await clickAndLoad(guest, main(guest).getByRole('link', { name: SYMPHONY }));
    assert.equal(pathname(guest), `/works/${symphonyId}`);
    await guest.getByRole('heading', { name: 'Chapter 1', level: 2 }).waitFor();
    assert.equal(
      await guest.getByRole('heading', { name: /^Chapter 2/ }).count(),
      0,
      'one chapter at a time',
    );
    assert.equal(await main(guest).getByRole('link', { name: 'Add chapter' }).count(), 0);
    await a11y.check(guest, 'work page (guest)');

    const actions = main(guest).getByRole('navigation', { name: 'Work' });
    await clickAndLoad(guest, actions.getByRole('link', { name: 'Entire work' }));
    assert.equal(new URL(guest.url()).search, '?view_full_work=true');
    await guest.getByRole('heading', { name: 'Chapter 1', level: 2 }).waitFor();
    await guest.getByRole('heading', { name: `Chapter 2: ${CODA.title}`, level: 2 }).waitFor();
    await main(guest).getByText('Lex opens the door', { exact: false }).waitFor();
    await main(guest).getByText('Lana pours two cups of coffee', { exact: false }).waitFor();
    await actions.getByRole('link', { name: 'Chapter by chapter' }).waitFor();
    await a11y.check(guest, 'entire work (guest)');

    await clickAndLoad(guest, actions.getByRole('link', { name: 'Chapter index' }));
    assert.equal(pathname(guest), `/works/${symphonyId}/navigate`);
    const index = main(guest).locator('.chapter-index');
    assert.deepEqual(await index.getByRole('link').allTextContents(), [
      'Chapter 1',
      `Chapter 2: ${CODA.title}`,
    ]);
    assert.match(squash(await index.innerText()), /Chapter 1 \(21 Jan 2006\)/);
    await a11y.check(guest, 'chapter index (guest)');

    await clickAndLoad(guest, index.getByRole('link', { name: 'Chapter 1' }));
    assert.match(pathname(guest), new RegExp(`^/works/${symphonyId}/chapters/\\d+$`));
    const chapters = main(guest).getByRole('navigation', { name: 'Chapters' });
    assert.equal(await chapters.getByRole('link', { name: '← Previous chapter' }).count(), 0);
    await a11y.check(guest, 'chapter 1 (guest)');
    await clickAndLoad(guest, chapters.getByRole('link', { name: 'Next chapter →' }));
    await guest.getByRole('heading', { name: `Chapter 2: ${CODA.title}`, level: 2 }).waitFor();
    assert.equal(await guest.getByRole('heading', { name: 'Chapter 1', level: 2 }).count(), 0);
    await chapters.getByRole('link', { name: '← Previous chapter' }).waitFor();
    assert.equal(await chapters.getByRole('link', { name: 'Next chapter →' }).count(), 0);
    assert.match(await guest.title(), new RegExp(`^${SYMPHONY} - Chapter 2: ${CODA.title} · `));
    await a11y.check(guest, 'chapter 2 (guest)');
  });

  test('g. the guest downloads the EPUB; epubcheck finds no errors', async (t) => {
    const before = guest.url();
    const downloading = guest.waitForEvent('download');
    await main(guest).getByRole('navigation', { name: 'Work' }).getByRole('link', { name: 'EPUB' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'Symphony_Part_V.epub');
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    assert.equal(guest.url(), before, 'the download leaves the reader on the chapter');
    const epub = fs.readFileSync(file);

    const entries = unzipSync(epub);
    assert.equal(strFromU8(entries.mimetype ?? new Uint8Array()), 'application/epub+zip');
    const text = Object.entries(entries)
      .filter(([name]) => /\.x?html$/.test(name))
      .map(([, data]) => strFromU8(data))
      .join('\n');
    for (const expected of ['Lex opens the door', 'Lana pours two cups of coffee', 'Symphony']) {
      assert.ok(text.includes(expected), `the EPUB contains "${expected}"`);
    }

    if (!fs.existsSync(EPUBCHECK)) {
      t.skip('epubcheck not installed');
      return;
    }
    const report = await epubcheck(epub);
    assert.equal(
      report.fatals + report.errors,
      0,
      `epubcheck: ${report.summary}\n${report.messages.join('\n')}`,
    );
    t.diagnostic(`epubcheck: ${report.summary}`);
  });

  test('h. a work only for registered users is a 404 page for the guest', async () => {
    await go(page, '/works/new');
    await fillWork({
      fandoms: 'Smallville',
      title: RESTRICTED,
      body: 'Only members read this.',
      restricted: true,
    });
    await post();
    await flash(page, 'Your work was posted.');
    restrictedId = workIdOf(page);
    assert.ok(restrictedId > 0);
    await a11y.check(page, 'work page (restricted, writer)');
    await go(page, '/works');
    assert.ok((await listedTitles(page)).includes(RESTRICTED), 'members see it on /works');

    const response = await go(guest, `/works/${restrictedId}`);
    assert.equal(response.status(), 404);
    await guest.getByRole('heading', { name: 'Page not found' }).waitFor();
    assert.equal(await guest.getByText(RESTRICTED).count(), 0, 'not even the title is shown');
    await a11y.check(guest, '404 (restricted work, guest)');
    await go(guest, '/works');
    assert.deepEqual(await listedTitles(guest), [SYMPHONY, OTHER], 'guests do not see it on /works');
    await a11y.check(guest, 'works list (guest, after the restricted work)');
    const epub = await fetch(server.url(`/works/${restrictedId}/download.epub`));
    assert.equal(epub.status, 404, 'nor can they download it');
  });

  test('i. a work the guest has read, restricted later through "Edit work", is then a 404', async () => {
    await go(guest, `/works/${otherId}`);
    await guest.getByRole('heading', { name: OTHER, level: 1 }).waitFor();
    await a11y.check(guest, 'work page (short work, guest)');

    await go(page, `/works/${otherId}`);
    await clickAndLoad(page, main().getByRole('link', { name: 'Edit work' }));
    assert.equal(pathname(), `/works/${otherId}/edit`);
    assert.equal(
      await main()
        .getByRole('textbox', { name: /^Work title/ })
        .inputValue(),
      OTHER,
    );
    await a11y.check(page, 'edit work');
    await main().getByRole('checkbox', { name: 'Only show this work to registered users' }).check();
    await clickAndLoad(page, main().getByRole('button', { name: 'Save changes' }));
    await flash(page, 'Your changes were saved.');
    assert.equal(pathname(), `/works/${otherId}`);
    await a11y.check(page, 'work page (short work, restricted, writer)');

    const response = await go(guest, `/works/${otherId}`);
    assert.equal(response.status(), 404, 'the guest is not served the page they read before');
    await guest.getByRole('heading', { name: 'Page not found' }).waitFor();
    assert.equal(await guest.getByText(OTHER).count(), 0);
    await go(guest, '/works');
    assert.deepEqual(await listedTitles(guest), [SYMPHONY]);
  });

  test('every visited page passes axe (no serious/critical issues), light and dark', () => {
    a11y.assertAllClean();
  });
});
