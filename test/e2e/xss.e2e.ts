// Hostile HTML in a real browser ([hardening]): the whole XSS corpus (test/xss/vectors.ts) is posted
// through every field that takes HTML (chapter bodies, summaries, notes and end notes, work summaries,
// notes and end notes, journal entries, comments on works and entries, forum posts, bookmark notes,
// pseud descriptions, journal subtitles) and each page is loaded in Chromium, first with the
// Content-Security-Policy header removed (the sanitizer alone) and then with it (the second wall).
// On every page: no dialog, no console marker, no request to another origin, no CSP violation, every
// vector's sentinel shown, nothing unsafe in the users' boxes, and the site's header, navigation and
// footer where a page of the same kind with harmless content has them, with nothing covering them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FACTORY_PASSWORD } from '../factories.ts';
import { type Posted, postCorpus, type Target } from '../xss/corpus-posting.ts';
import { type Box, inspect } from '../xss/page-checks.ts';
import { CONSOLE_MARKER, VECTORS, type XssVector } from '../xss/vectors.ts';
import {
  clickAndLoad,
  eachBrowserDialect,
  launchBrowser,
  startTestServer,
  type TestServer,
} from './browser.ts';

/** Content that must change nothing: the baseline each page kind's layout is compared with. */
const HARMLESS: XssVector[] = Array.from({ length: 6 }, (_, i) => ({
  id: `calm${String(i + 1).padStart(2, '0')}`,
  group: 'layout',
  name: 'harmless',
  html: `<p>A plain paragraph, <em>some</em> words and a <a href="https://example.org/">link</a>.</p>`,
}));
const TABS = 2;

eachBrowserDialect('hostile HTML in every field, in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let hostile: Posted;
  let calm: Posted;
  const started = Date.now();

  before(async () => {
    server = await startTestServer(dialect);
    hostile = await postCorpus(server.env.ctx, VECTORS, 'xss');
    calm = await postCorpus(server.env.ctx, HARMLESS, 'calm');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    console.log(`xss journey [${dialect}]: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  /** A tab whose every dialog, marker, foreign request and CSP report is written to `events`. */
  async function tab(context: BrowserContext): Promise<{ page: Page; events: string[] }> {
    const page = await context.newPage();
    const events: string[] = [];
    page.on('dialog', (d) => {
      events.push(`dialog ${d.type()}(${d.message()})`);
      void d.dismiss().catch(() => {});
    });
    page.on('console', (m) => {
      const text = m.text();
      if (text.includes(CONSOLE_MARKER) || /Content Security Policy/i.test(text))
        events.push(`console: ${text}`);
    });
    page.on('pageerror', (e) => {
      if (e.message.includes(CONSOLE_MARKER)) events.push(`page error: ${e.message}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(`${server.base}/`) && !r.url().startsWith('data:'))
        events.push(`request to ${r.url()}`);
    });
    return { page, events };
  }

  async function contexts(withCsp: boolean) {
    // bypassCSP: Chromium ignores the policy, as if the header were removed (no interception,
    // which would make every image request of these pages a round trip through the test).
    const options = {
      colorScheme: 'light',
      reducedMotion: 'reduce',
      viewport: { width: 1280, height: 900 },
      bypassCSP: !withCsp,
    } as const;
    const guest = await browser.newContext(options);
    const author = await browser.newContext(options);
    for (const c of [guest, author]) {
      c.setDefaultTimeout(15_000);
      // tsx names the functions inside page.evaluate() with a helper the page lacks.
      await c.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    }
    const logIn = await tab(author);
    await logIn.page.goto(server.url('/login'));
    await logIn.page.getByLabel(/^Username or e-mail/).fill(hostile.author.username);
    await logIn.page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
    await clickAndLoad(logIn.page, logIn.page.getByRole('main').getByRole('button', { name: 'Log in' }));
    await logIn.page.close();
    return { guest, author };
  }

  /** Loads each target in a pool of tabs; returns each one's report and events. */
  async function visit(withCsp: boolean, targets: Target[]) {
    const { guest, author } = await contexts(withCsp);
    const results = new Map<Target, { events: string[]; report: Awaited<ReturnType<typeof inspect>> }>();
    const queue = [...targets];
    const worker = async (context: BrowserContext, as: Target['as']) => {
      const { page, events } = await tab(context);
      for (let t = queue.find((q) => q.as === as); t; t = queue.find((q) => q.as === as)) {
        queue.splice(queue.indexOf(t), 1);
        events.length = 0;
        const began = Date.now();
        await page.goto(server.url(t.path));
        // Let what a vector might start after load (a refresh, an image error) happen first.
        const loaded = Date.now();
        // What a vector might start after the load event (a refresh, a timer) shows up meanwhile,
        // or makes the inspection fail with a navigation.
        const report = await inspect(page, t.ids);
        if (process.env.XSS_TIMES)
          console.log(`    ${t.path}: ${loaded - began} + ${Date.now() - loaded} ms`);
        results.set(t, { events: [...events], report });
      }
    };
    await Promise.all([
      ...Array.from({ length: TABS }, () => worker(guest, 'guest')),
      worker(author, 'author'),
    ]);
    await Promise.all([guest.close(), author.close()]);
    return results;
  }

  const sameBox = (a: Box | null, b: Box | null, keys: (keyof Box)[]) =>
    !!a && !!b && keys.every((k) => Math.abs(a[k] - b[k]) < 0.5);

  let baseline: Awaited<ReturnType<typeof visit>> | undefined;

  async function check(withCsp: boolean) {
    // The author's pages are compared with the author's own form page (the harmless author's
    // editor is not theirs to open). The one-item pages (a pseud, a subtitle: about 90) are loaded
    // once, on SQLite without the CSP: what they show does not depend on the database (PostgreSQL
    // stores each of them above, which is where the two differ), and the CSP adds nothing to
    // escaped text or to the sanitizer path the listings already take with it.
    const calmTargets = calm.targets.map((t) =>
      t.as === 'author' ? { ...t, path: '/works/new', ids: [] } : t,
    );
    const once = (t: Target) => !['pseud', 'subtitle'].includes(t.kind) || (!withCsp && dialect === 'sqlite');
    // The harmless pages are loaded once, without the CSP: they give each kind's layout, and prove
    // the checks pass on pages with nothing hostile on them.
    const failures: string[] = [];
    const first = !baseline;
    baseline ??= await visit(false, calmTargets);
    const results = await visit(withCsp, hostile.targets.filter(once));
    const byKind = new Map([...baseline].map(([t, r]) => [t.kind, r.report.landmarks]));
    for (const [t, r] of first ? baseline : []) {
      const bad = [
        ...r.events,
        ...r.report.problems,
        ...r.report.missing.map((id) => `sentinel of ${id} missing`),
      ];
      if (bad.length) failures.push(`harmless ${t.label} (${t.path}):\n  ${bad.join('\n  ')}`);
    }
    for (const [t, r] of results) {
      const bad = [...r.events, ...r.report.problems];
      if (r.report.missing.length)
        bad.push(`vectors that never reached the page: ${r.report.missing.join(' ')}`);
      const base = byKind.get(t.kind)!;
      const mine = r.report.landmarks;
      if (!sameBox(mine.header, base.header, ['x', 'y', 'width', 'height']))
        bad.push(`header moved: ${JSON.stringify([mine.header, base.header])}`);
      if (!sameBox(mine.nav, base.nav, ['x', 'y', 'width', 'height']))
        bad.push(`navigation moved: ${JSON.stringify([mine.nav, base.nav])}`);
      if (!sameBox(mine.footer, base.footer, ['x', 'width', 'height']))
        bad.push(`footer changed: ${JSON.stringify([mine.footer, base.footer])}`);
      if (bad.length) failures.push(`${t.label} (${t.path}):\n  ${[...new Set(bad)].join('\n  ')}`);
    }
    return { failures, pages: results.size + (first ? baseline.size : 0) };
  }

  test('every field holds the whole corpus', () => {
    const kinds = new Set(hostile.targets.map((t) => t.kind));
    for (const kind of [
      'full-work',
      'chapter-edit',
      'work',
      'works-list',
      'bookmarks',
      'journal',
      'entry',
      'thread',
      'pseud',
      'subtitle',
    ])
      assert.ok(kinds.has(kind), kind);
    for (const kind of ['works-list', 'bookmarks', 'journal', 'thread', 'subtitle', 'pseud']) {
      const ids = new Set(hostile.targets.filter((t) => t.kind === kind).flatMap((t) => t.ids));
      assert.equal(ids.size, VECTORS.length, `${kind}: every vector posted`);
    }
  });

  test('with the CSP header removed, the sanitizer alone stops every vector', async () => {
    const { failures, pages } = await check(false);
    console.log(`  [${dialect}] no CSP: ${pages} pages loaded`);
    assert.deepEqual(failures, []);
  });

  test('with the CSP, nothing runs and the policy has nothing to refuse', async () => {
    const { failures, pages } = await check(true);
    console.log(`  [${dialect}] with CSP: ${pages} pages loaded`);
    assert.deepEqual(failures, []);
  });
});
