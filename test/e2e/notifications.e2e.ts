// Browser journey through subscriptions and the inbox ([interactions]): a reader subscribes to a work
// from its page, the author posts a new chapter from the chapter form, the notification job runs, and
// the reader sees the unread count in the header, the notice in the inbox, opens it (it is read
// now), and changes an e-mail preference. axe on every page; screenshots of the inbox.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import { postWork } from '../../src/features/works/works.service.ts';
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

eachBrowserDialect('notifications journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let writer: Page;
  let reader: Page;
  let writerName = '';
  let readerName = '';
  let workId = 0;
  const a11y = new A11yTracker(dialect);
  const TITLE = 'Symphony, Part V';

  const inboxLink = (page: Page) =>
    page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: /^Inbox/ });

  before(async () => {
    server = await startTestServer(dialect);
    const author = await makeUser(server.env.ctx);
    writerName = author.username;
    readerName = (await makeUser(server.env.ctx)).username;
    ({ workId } = await postWork(server.env.ctx, author, seedWorkInput({ series: null })));
    await server.env.worker.drain();
    browser = await launchBrowser();
    const options = { colorScheme: 'light', reducedMotion: 'reduce' } as const;
    writer = await openTab(await browser.newContext(options), a11y);
    reader = await openTab(await browser.newContext(options), a11y);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. the reader subscribes to the work from its page', async () => {
    await logIn(reader, server, a11y, readerName);
    await reader.goto(server.url(`/works/${workId}`));
    await a11y.check(reader, 'work page (reader)');
    assert.equal(await inboxLink(reader).innerText(), 'Inbox', 'no unread count yet');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Subscribe' }));
    await reader
      .getByRole('status')
      .filter({ hasText: `Subscribed to “${TITLE}”` })
      .waitFor();
    await reader.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    await a11y.check(reader, 'work page (subscribed)');
    await reader.goto(server.url('/subscriptions'));
    await a11y.check(reader, 'subscriptions');
    await reader.getByRole('main').getByRole('link', { name: TITLE }).waitFor();
  });

  test('b. the author posts a new chapter; the job runs', async () => {
    await logIn(writer, server, a11y, writerName);
    await writer.goto(server.url(`/works/${workId}/chapters/new`));
    await a11y.check(writer, 'new chapter');
    const main = writer.getByRole('main');
    await main.getByLabel(/^Chapter title/).fill('Coda');
    await (await chapterText(main)).fill('After the symphony, silence.\n\nThen applause.');
    await main.getByRole('radio', { name: 'Plain text (blank lines make paragraphs)' }).check();
    await clickAndLoad(writer, main.getByRole('button', { name: 'Post chapter' }));
    await writer.getByRole('status').filter({ hasText: 'Chapter saved.' }).waitFor();
    await a11y.check(writer, 'chapter page (writer)');
    assert.ok((await server.env.worker.drain()) > 0, 'the notification job ran');
    await server.env.worker.drain(); // and the e-mail it enqueued
  });

  test('c. the reader sees the unread count in the header and the notice in the inbox, and opens it', async () => {
    await reader.goto(server.url('/'));
    await a11y.check(reader, 'home (one unread)');
    assert.equal((await inboxLink(reader).innerText()).replace(/\s+/g, ' '), 'Inbox1 unread');
    await clickAndLoad(reader, inboxLink(reader));
    await a11y.check(reader, 'inbox (unread)');
    await screenshot(reader, `inbox-${dialect}`);
    const item = reader.locator('.inbox__item--unread');
    assert.equal(await item.count(), 1);
    const notice = item.getByRole('link', { name: `${writerName} posted Chapter 2: Coda of “${TITLE}”` });
    await clickAndLoad(reader, notice);
    await reader.getByRole('heading', { name: 'Chapter 2: Coda', level: 2 }).waitFor();
    await a11y.check(reader, 'chapter page (reader)');
    assert.equal(await inboxLink(reader).innerText(), 'Inbox', 'read now: no count');
    await reader.goto(server.url('/inbox'));
    assert.equal(await reader.locator('.inbox__item--unread').count(), 0);
    await reader.getByRole('button', { name: /^Mark unread/ }).waitFor();
    await a11y.check(reader, 'inbox (read)');
  });

  test('d. the reader asks for a daily digest instead of immediate e-mails', async () => {
    await clickAndLoad(reader, reader.getByRole('link', { name: 'E-mail preferences' }));
    await a11y.check(reader, 'notification preferences');
    await reader.getByLabel('A new chapter of a work I subscribe to').selectOption('digest');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Save preferences' }));
    await reader.getByRole('status').filter({ hasText: 'Preferences saved.' }).waitFor();
    assert.equal(await reader.getByLabel('A new chapter of a work I subscribe to').inputValue(), 'digest');
    await a11y.check(reader, 'notification preferences (saved)');
  });

  test('z. every page visited was axe-checked, with no serious violation', () => {
    a11y.assertAllClean();
  });
});
