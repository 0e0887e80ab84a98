// Browser journey through abuse reports and statistics ([interactions]): a reader reports a work
// ("Plagiarism", with details) and sees the confirmation; a moderator opens the report queue from the
// site menu, hides the work with a note, and finds the action in the audit log; the reader can no
// longer open the work; its author opens their statistics page, sees the numbers and the SVG chart
// of hits and kudos, and switches it to months, without JavaScript. axe on every page, light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dayOf, countKudosDay } from '../../src/features/stats/daily-stats.ts';
import { recordHit } from '../../src/features/works/hits.ts';
import { setWorkCounter } from '../../src/features/works/work-counters.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { nowIso } from '../../src/lib/clock.ts';
import { makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
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

eachBrowserDialect('reports and statistics journey in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let reader: Page;
  let moderator: Page;
  let writer: Page;
  const names = { reader: '', moderator: '', writer: '' };
  let workId = 0;
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    const { ctx } = server.env;
    const [writerUser, readerUser, modUser, fan] = await Promise.all([
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx, { role: 'moderator' }),
      makeUser(ctx),
    ]);
    names.writer = writerUser.username;
    names.reader = readerUser.username;
    names.moderator = modUser.username;
    ({ workId } = await postWork(
      ctx,
      writerUser,
      seedWorkInput({ title: 'Borrowed Feathers', series: null }),
    ));
    await postWork(
      ctx,
      writerUser,
      seedWorkInput({ title: 'Quiet Harbour', series: null, postedAt: '2025-02-02' }),
    );
    // Some history for the chart: visits over the last weeks, and kudos on two days.
    for (let day = 30; day >= 1; day--)
      for (let v = 0; v < (day % 7) + 1; v++)
        await recordHit(ctx.db, workId, `visitor-${v}`, new Date(Date.now() - day * 86_400_000));
    for (const [user, ago] of [
      [fan, 3],
      [readerUser, 12],
    ] as const) {
      const day = dayOf(new Date(Date.now() - ago * 86_400_000));
      await ctx.db
        .insertInto('kudos')
        .values({ work_id: workId, user_id: user.id, guest_key: null, day, created_at: nowIso() })
        .execute();
      await countKudosDay(ctx.db, workId, day);
    }
    await setWorkCounter(ctx.db, workId, 'kudos_count', async () => 2);
    browser = await launchBrowser();
    const options = { colorScheme: 'light', reducedMotion: 'reduce' } as const;
    reader = await openTab(await browser.newContext(options), a11y);
    moderator = await openTab(await browser.newContext(options), a11y);
    writer = await openTab(await browser.newContext(options), a11y);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a. a reader reports the work and sees a confirmation', async () => {
    await logIn(reader, server, a11y, names.reader);
    await reader.goto(server.url(`/works/${workId}`));
    await a11y.check(reader, 'work');
    await clickAndLoad(
      reader,
      reader.getByRole('navigation', { name: 'Work' }).getByRole('link', { name: 'Report' }),
    );
    await a11y.check(reader, 'report form');
    // Sending without a reason: the form comes back with the message and the details kept.
    await reader.getByLabel('Details (optional)').fill('Chapter 1 is copied from a published novel.');
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Send the report' }));
    await reader.getByText('Choose what is wrong.').first().waitFor();
    assert.equal(
      await reader.getByLabel('Details (optional)').inputValue(),
      'Chapter 1 is copied from a published novel.',
    );
    await a11y.check(reader, 'report form (refused)');
    await reader.getByLabel('Plagiarism').check();
    await clickAndLoad(reader, reader.getByRole('button', { name: 'Send the report' }));
    await reader
      .getByRole('status')
      .filter({ hasText: 'your report of the work “Borrowed Feathers” was sent' })
      .waitFor();
    assert.equal(new URL(reader.url()).pathname, `/works/${workId}`);
    await a11y.check(reader, 'work (reported)');
  });

  test('b. a moderator hides it from the queue, and the audit log shows it', async () => {
    await logIn(moderator, server, a11y, names.moderator);
    await clickAndLoad(
      moderator,
      moderator.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Reports' }),
    );
    await a11y.check(moderator, 'report queue');
    const group = moderator.locator('.report-group').filter({ hasText: 'Borrowed Feathers' });
    await group.getByText('1 report').waitFor();
    await group.getByText('Chapter 1 is copied from a published novel.').waitFor();
    await screenshot(moderator, `reports-queue-${dialect}`);
    await group.getByLabel(/^Note/).fill('Plagiarism confirmed against the novel.');
    await clickAndLoad(moderator, group.getByRole('button', { name: /^Hide/ }));
    await moderator.getByRole('status').filter({ hasText: 'Hidden: the work “Borrowed Feathers”' }).waitFor();
    await moderator.getByText('No open reports.').first().waitFor();
    await a11y.check(moderator, 'report queue (empty)');
    await clickAndLoad(moderator, moderator.getByRole('link', { name: 'Audit log' }));
    await a11y.check(moderator, 'audit log');
    const row = moderator.getByRole('row').filter({ hasText: 'the work “Borrowed Feathers”' });
    await row.getByRole('cell', { name: 'Hid' }).waitFor();
    await row.getByRole('cell', { name: names.moderator }).waitFor();
    await row.getByRole('cell', { name: 'Plagiarism confirmed against the novel.' }).waitFor();
    await moderator.getByLabel('Action').selectOption('warn');
    await clickAndLoad(moderator, moderator.getByRole('button', { name: 'Filter' }));
    await moderator.getByText('No moderator actions match.').waitFor();
    await a11y.check(moderator, 'audit log (filtered)');

    const gone = await reader.goto(server.url(`/works/${workId}`));
    assert.equal(gone?.status(), 404, 'the hidden work is gone for the reader');
  });

  test('c. the author opens their statistics and sees the chart', async () => {
    await logIn(writer, server, a11y, names.writer);
    await writer.goto(server.url(`/users/${names.writer}/stats`));
    await a11y.check(writer, 'statistics');
    const table = writer.locator('table.stats-table');
    const feathers = table.getByRole('row').filter({ hasText: 'Borrowed Feathers' });
    await feathers.getByText('Hidden').waitFor();
    const hits = await feathers.locator('td').nth(2).innerText();
    // The seeded visits, and the reader's own of today (counted once, however many pages).
    const seeded = [...Array(30)].reduce((n: number, _, i) => n + ((30 - i) % 7) + 1, 0);
    assert.equal(hits, String(seeded + 1));
    const chart = writer.getByRole('img', { name: /Hits and kudos over time, all works/ });
    await chart.waitFor();
    assert.equal(await writer.locator('svg.stats-chart polyline').count(), 2);
    const points = await writer.locator('svg.stats-chart polyline').first().getAttribute('points');
    assert.equal(points?.trim().split(/\s+/).length, 90);
    await screenshot(writer, `stats-${dialect}`);
    await writer.getByText('The chart’s numbers as a table').click();
    await writer.getByRole('rowheader', { name: dayOf(new Date(Date.now() - 3 * 86_400_000)) }).waitFor();
    await a11y.check(writer, 'statistics (data table open)');

    await clickAndLoad(writer, table.getByRole('link', { name: /^Words/ }));
    assert.match(writer.url(), /sort=words/);
    await writer.getByLabel('Period', { exact: true }).selectOption('12m');
    await writer.getByLabel('Work', { exact: true }).selectOption({ label: 'Borrowed Feathers' });
    await clickAndLoad(writer, writer.getByRole('button', { name: 'Show' }));
    await writer.getByRole('img', { name: /over time, Borrowed Feathers/ }).waitFor();
    const monthly = await writer.locator('svg.stats-chart polyline').first().getAttribute('points');
    assert.equal(monthly?.trim().split(/\s+/).length, 12);
    await a11y.check(writer, 'statistics (by month, one work)');
    await clickAndLoad(writer, writer.getByRole('link', { name: '2025' }));
    await writer.getByRole('row').filter({ hasText: 'Quiet Harbour' }).waitFor();
    assert.equal(await table.getByRole('row').filter({ hasText: 'Borrowed Feathers' }).count(), 0);
    await a11y.check(writer, 'statistics (2025)');

    const refused = await reader.goto(server.url(`/users/${names.writer}/stats`));
    assert.equal(refused?.status(), 403, 'only the author sees them');
    await a11y.check(reader, 'statistics (refused)');
    a11y.assertAllClean();
  });
});
