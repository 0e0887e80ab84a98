// Browser journey through a journal ([journals]): the writer posts a public entry and an
// access-locked one from the form, gives a friend access, the friend reads the locked entry and
// steps through Previous/Next, a guest sees neither the locked entry nor a step towards it; the friend
// reads through a reading filter, and a journal search finds only what each may see. axe on every
// page; screenshots of Recent (both themes), an entry, reading filters and a search.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeUser } from '../factories.ts';
import {
  A11yTracker,
  clickAndLoad,
  eachBrowserDialect,
  launchBrowser,
  logIn,
  openTab,
  screenshot,
  startTestServer,
  type TestServer,
} from './browser.ts';

eachBrowserDialect('journal journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let writer: Page;
  let friend: Page;
  let guest: Page;
  let writerName = '';
  let friendName = '';
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    writerName = (await makeUser(server.env.ctx)).username;
    friendName = (await makeUser(server.env.ctx)).username;
    browser = await launchBrowser();
    const options = { colorScheme: 'light', reducedMotion: 'reduce' } as const;
    writer = await openTab(await browser.newContext(options), a11y);
    friend = await openTab(await browser.newContext(options), a11y);
    guest = await openTab(await browser.newContext(options), a11y);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const post = async (subject: string, body: string, security: string, date: string) => {
    await writer.goto(server.url(`/journals/${writerName}/post`));
    await writer.getByLabel('Subject').fill(subject);
    await writer.getByLabel('Entry', { exact: true }).fill(body);
    await writer.getByLabel('The entry is written in').selectOption('text');
    await writer.getByLabel('Tags').fill('symphony, fic');
    await writer.getByLabel('Who may read it').selectOption(security);
    await writer.getByLabel('Mood').fill('accomplished');
    await writer.getByLabel('Date').fill(date);
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Post entry' }));
    await writer.getByRole('status').filter({ hasText: 'Entry posted' }).waitFor();
  };

  test('a. the writer posts a public entry and a locked one, and gives a friend access', async () => {
    await logIn(writer, server, a11y, writerName);
    await writer.goto(server.url(`/journals/${writerName}/post`));
    await a11y.check(writer, 'post an entry');
    await post('Symphony, Part IV', 'The fourth part.\n\nIt rained.', 'public', '2006-01-14');
    await post('Symphony, Part V', 'Peace.\n\nWhat? I’m done?', 'access', '2006-01-21');
    await post('Symphony: a note', 'Thank you all.', 'public', '2006-01-22');
    await a11y.check(writer, 'entry (writer)');
    await writer.goto(server.url('/account/access'));
    await a11y.check(writer, 'access list');
    await writer.getByLabel('Give access to').fill(friendName);
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Give access' }));
    await writer.getByRole('status').filter({ hasText: 'may now read' }).waitFor();
    await writer.goto(server.url(`/journals/${writerName}`));
    await a11y.check(writer, 'recent (writer)');
    await screenshot(writer, `journal-recent-${dialect}`);
  });

  test('b. the friend reads the locked entry and steps through Previous/Next', async () => {
    await logIn(friend, server, a11y, friendName);
    await friend.goto(server.url(`/journals/${writerName}`));
    const subjects = await friend.locator('.entry__subject').allInnerTexts();
    assert.deepEqual(subjects, ['Symphony: a note', 'Symphony, Part V', 'Symphony, Part IV']);
    await clickAndLoad(friend, friend.getByRole('link', { name: 'Symphony, Part IV' }));
    await a11y.check(friend, 'entry (friend)');
    await clickAndLoad(friend, friend.getByRole('link', { name: 'Next entry →' }));
    await friend.getByRole('heading', { name: 'Symphony, Part V', level: 1 }).waitFor();
    await friend.getByText('What? I’m done?').waitFor();
    await a11y.check(friend, 'locked entry (friend)');
    await screenshot(friend, `journal-entry-${dialect}`);
    await clickAndLoad(friend, friend.getByRole('link', { name: 'Next entry →' }));
    await friend.getByRole('heading', { name: 'Symphony: a note', level: 1 }).waitFor();
  });

  test('c. a guest sees neither the locked entry nor a step towards it', async () => {
    await guest.goto(server.url(`/journals/${writerName}`));
    await a11y.check(guest, 'recent (guest)');
    const subjects = await guest.locator('.entry__subject').allInnerTexts();
    assert.deepEqual(subjects, ['Symphony: a note', 'Symphony, Part IV']);
    await clickAndLoad(guest, guest.getByRole('link', { name: 'Symphony, Part IV' }));
    await clickAndLoad(guest, guest.getByRole('link', { name: 'Next entry →' }));
    await guest.getByRole('heading', { name: 'Symphony: a note', level: 1 }).waitFor();
    await guest.goto(server.url(`/journals/${writerName}/calendar`));
    await a11y.check(guest, 'calendar (guest)');
    assert.equal(
      await guest.getByRole('link', { name: /21 January/ }).count(),
      0,
      'no day for the locked entry',
    );
    await guest.goto(server.url(`/journals/${writerName}/tags`));
    await a11y.check(guest, 'tags (guest)');
    assert.match(await guest.getByRole('main').innerText(), /fic\s*\(2 entries\)/);
  });

  test('d. the friend reads through a reading filter; a journal search finds only what each may see', async () => {
    await post('Symphony: encore', 'An encore for friends.', 'access', '');
    await a11y.check(writer, 'entry posted now (writer)');
    await friend.goto(server.url(`/journals/${writerName}`));
    await clickAndLoad(friend, friend.getByRole('button', { name: 'Subscribe' }));
    await friend.goto(server.url('/reading'));
    await clickAndLoad(friend, friend.getByRole('link', { name: 'Manage filters' }));
    await a11y.check(friend, 'reading filters');
    const fresh = friend.getByRole('region', { name: 'New filter' });
    await fresh.getByLabel('Filter name').fill('Symphonies');
    await fresh.getByLabel(writerName).check();
    await clickAndLoad(friend, fresh.getByRole('button', { name: 'Make filter' }));
    await friend.getByRole('status').filter({ hasText: 'Filter “Symphonies” made' }).waitFor();
    await screenshot(friend, `reading-filters-${dialect}`);
    await friend.goto(server.url('/reading'));
    await clickAndLoad(
      friend,
      friend.getByRole('navigation', { name: 'Reading filters' }).getByRole('link', { name: 'Symphonies' }),
    );
    await friend.getByRole('heading', { name: 'Reading page: Symphonies', level: 1 }).waitFor();
    await friend.getByRole('link', { name: 'Symphony: encore' }).waitFor();
    await a11y.check(friend, 'reading page through a filter');

    const search = async (page: Page, who: string) => {
      await page.goto(server.url(`/journals/${writerName}`));
      await page.getByRole('searchbox', { name: `Search ${writerName}` }).fill('symphony');
      await clickAndLoad(
        page,
        page.getByRole('navigation', { name: 'Journal' }).getByRole('button', { name: 'Search' }),
      );
      await a11y.check(page, `journal search (${who})`);
      return page.locator('.entry-results strong').allInnerTexts();
    };
    assert.deepEqual(await search(guest, 'guest'), ['Symphony: a note', 'Symphony, Part IV']);
    assert.deepEqual(await search(friend, 'friend'), [
      'Symphony: encore',
      'Symphony: a note',
      'Symphony, Part V',
      'Symphony, Part IV',
    ]);
    await screenshot(friend, `journal-search-${dialect}`);
  });

  test('e. the night theme', async () => {
    await writer.goto(server.url('/account/journal'));
    await a11y.check(writer, 'journal settings');
    await writer.getByLabel('Subtitle').fill('You might say I’m the most donest of all.');
    await writer.getByLabel('Theme').selectOption('night');
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Save settings' }));
    await guest.goto(server.url(`/journals/${writerName}`));
    await a11y.check(guest, 'recent, night theme');
    await screenshot(guest, `journal-night-${dialect}`);
    a11y.assertAllClean();
  });
});
