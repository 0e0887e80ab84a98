// Browser journey through comments ([interactions]): a reader comments on a chapter, the author
// replies from the "Reply" link (no JavaScript needed), a guest's comment on a journal entry is
// screened and the owner unscreens it. axe on every page; screenshots of a thread and an entry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeEntry, makeWork } from '../../src/features/comments/comments.fixtures.ts';
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

eachBrowserDialect('comments journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let author: Page;
  let reader: Page;
  let guest: Page;
  let authorName = '';
  let readerName = '';
  let chapterUrl = '';
  let entryUrl = '';
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const ctx = server.env.ctx;
    const writer = await makeUser(ctx);
    authorName = writer.username;
    readerName = (await makeUser(ctx)).username;
    const { workId, chapterIds } = await makeWork(ctx, writer, {}, 2);
    chapterUrl = `/works/${workId}/chapters/${chapterIds[1]}`;
    const entryId = await makeEntry(ctx, writer, { subject: 'Rainy day', screening: 'guests' });
    entryUrl = `/journals/${authorName}/entries/${entryId}`;
    browser = await launchBrowser();
    const options = { colorScheme: 'light', reducedMotion: 'reduce' } as const;
    author = await openTab(await browser.newContext(options), a11y);
    reader = await openTab(await browser.newContext(options), a11y);
    guest = await openTab(await browser.newContext(options), a11y);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. a reader comments on a chapter; an empty comment is refused first', async () => {
    await logIn(reader, server, a11y, readerName);
    await reader.goto(server.url(chapterUrl));
    await a11y.check(reader, 'chapter (reader)');
    const comments = reader.getByRole('region', { name: /Comments \(0\)/ });
    await clickAndLoad(reader, comments.getByRole('button', { name: 'Post comment' }));
    await reader.getByRole('alert').filter({ hasText: 'Write a comment.' }).waitFor();
    await a11y.check(reader, 'refused comment form');
    await reader.getByLabel('Your comment').fill('The ending of this chapter!\n\nI cried.');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Post comment' }));
    await reader.getByRole('status').filter({ hasText: 'Your comment was posted.' }).waitFor();
    await reader
      .getByRole('region', { name: /Comments \(1\)/ })
      .getByText('I cried.')
      .waitFor();
    await a11y.check(reader, 'chapter with the comment (reader)');
  });

  test('b. the author replies from the Reply link; the thread reads in order', async () => {
    await logIn(author, server, a11y, authorName);
    await author.goto(server.url(chapterUrl));
    await clickAndLoad(author, author.getByRole('link', { name: 'Reply', exact: true }));
    await a11y.check(author, 'reply form (author)');
    await author.getByLabel('Your reply').fill('Thank you for reading!');
    await clickAndLoad(author, author.getByRole('button', { name: 'Post reply' }));
    await author.getByRole('status').filter({ hasText: 'Your comment was posted.' }).waitFor();
    await a11y.check(author, 'thread (author)');
    await reader.goto(server.url(chapterUrl));
    await a11y.check(reader, 'chapter with a reply (reader)');
    const text = await reader.getByRole('region', { name: /Comments \(2\)/ }).innerText();
    assert.ok(text.indexOf('I cried.') < text.indexOf('Thank you for reading!'));
    await screenshot(reader, `comments-thread-${dialect}`);
  });

  test('c. a guest comments on an entry: screened until the owner unscreens it', async () => {
    await guest.goto(server.url(entryUrl));
    await a11y.check(guest, 'entry (guest)');
    await guest.getByLabel(/^Your name/).fill('Wandering reader');
    await guest.getByLabel('Your comment').fill('Lovely rain.');
    await clickAndLoad(guest, guest.getByRole('button', { name: 'Post comment' }));
    await guest.getByRole('status').filter({ hasText: 'screened' }).waitFor();
    await a11y.check(guest, 'entry after a screened comment (guest)');
    assert.equal(await guest.getByText('Lovely rain.').count(), 0, 'guests do not see screened comments');

    await author.goto(server.url(entryUrl));
    const section = author.getByRole('region', { name: /Comments/ });
    await section.getByText('Lovely rain.').waitFor();
    await section.getByText('Screened', { exact: true }).waitFor();
    await a11y.check(author, 'entry with a screened comment (owner)');
    await clickAndLoad(author, section.getByRole('button', { name: 'Unscreen' }));
    await author.getByRole('status').filter({ hasText: 'The comment is unscreened.' }).waitFor();
    await a11y.check(author, 'unscreened thread (owner)');
    await screenshot(author, `comments-entry-${dialect}`);

    await guest.goto(server.url(entryUrl));
    await guest
      .getByRole('region', { name: /Comments \(1\)/ })
      .getByText('Lovely rain.')
      .waitFor();
    await a11y.check(guest, 'entry with the unscreened comment (guest)');
    a11y.assertAllClean();
  });
});
