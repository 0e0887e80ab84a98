// Helpers for the browser journeys (*.e2e.ts): a real HTTP server on the test harness,
// headless Chromium through playwright-core, and axe-core accessibility checks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe } from 'node:test';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Dialect } from '../../src/db/connect.ts';
import { FACTORY_PASSWORD } from '../factories.ts';
import { createTestEnv, dialects, type EnvOptions, type TestEnv } from '../harness.ts';

/** The Chromium to drive: CHROMIUM_PATH, else /usr/bin/chromium; undefined when neither exists. */
export const chromiumPath: string | undefined = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (p): p is string => !!p && fs.existsSync(p),
);

/** A `skip` value for describe(): false when Chromium is available, otherwise the reason. */
export const skipWithoutChromium: string | false = chromiumPath
  ? false
  : 'Chromium not found (set CHROMIUM_PATH or install /usr/bin/chromium): browser journeys skipped';

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(skipWithoutChromium || 'Chromium not found');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface TestServer {
  env: TestEnv;
  /** The origin the server listens on, e.g. http://127.0.0.1:41234 (no trailing slash). */
  base: string;
  /** An absolute URL on this server for a path, or for a link the app built with config.baseUrl. */
  url(pathOrLink: string): string;
  close(): Promise<void>;
}

/** A fresh harness environment of the dialect, listening on a random loopback port. */
export async function startTestServer(dialect: Dialect, options: EnvOptions = {}): Promise<TestServer> {
  const env = await createTestEnv(dialect, options);
  try {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await env.close();
    throw err;
  }
  const { address, port } = env.app.server.address() as AddressInfo;
  const base = `http://${address}:${port}`;
  return {
    env,
    base,
    // Links in e-mails use config.baseUrl (unknown port at start-up): keep path and query only.
    url: (pathOrLink) => {
      const u = new URL(pathOrLink, base);
      return `${base}${u.pathname}${u.search}${u.hash}`;
    },
    close: () => env.close(),
  };
}

const BLOCKING = new Set(['serious', 'critical']);

function describeViolation(v: Result): string {
  const node = v.nodes[0];
  const target = node ? JSON.stringify(node.target) : '(no node)';
  const summary = node?.failureSummary?.replace(/\s+/g, ' ').trim();
  return [
    `  - ${v.id} [${v.impact}] ${v.help}`,
    `    first node: ${target}`,
    ...(summary ? [`    ${summary}`] : []),
    `    (${v.nodes.length} node(s); ${v.helpUrl})`,
  ].join('\n');
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe's results for the page as it is now: only violations are collected (axe skips building
 * the passes' node lists, the larger part of its time on a long page). axe is injected once per
 * loaded document and reused by every later check of it (a colour scheme switch keeps it). It runs
 * in the top document only: Quire's pages have no frames.
 */
async function runAxe(page: Page, rules?: string[]): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (only) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
        resultTypes: ['violations'],
        ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
      }),
    rules ?? null,
  );
}

/** Runs axe on the page as it is now; fails if any violation is serious or critical. */
export async function expectAccessible(page: Page, label: string, rules?: string[]): Promise<void> {
  const results = await runAxe(page, rules);
  const blocking = results.violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  assert.ok(
    blocking.length === 0,
    `axe found ${blocking.length} serious/critical violation(s) on ${label} (${page.url()}):\n${blocking
      .map(describeViolation)
      .join('\n')}`,
  );
}

/**
 * Keeps track of every page the watched tabs load and of the axe checks made, so a journey can
 * check each page in light and dark schemes and, at the end, prove none was left unchecked.
 * Failures are collected rather than thrown at once, so one bad page doesn't stop the journeys.
 */
/** The axe rules whose outcome depends on the colour scheme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Records the pages a journey loads and runs axe on them. Accessibility is a property of the
 * templates, which are the same whatever the database: a journey's SQLite run checks every page
 * and its PostgreSQL run (the same pages with the same data) only the database's behaviour, so
 * axe runs once per journey instead of twice (docs/decisions.md).
 */
export class A11yTracker {
  readonly visited = new Set<string>();
  readonly checked = new Set<string>();
  readonly failures: string[] = [];
  /** False on the PostgreSQL run of a journey: axe ran on the same pages in its SQLite run. */
  readonly runsAxe: boolean;

  constructor(dialect: Dialect) {
    this.runsAxe = dialect === 'sqlite';
  }

  watch(page: Page): Page {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.visited.add(new URL(frame.url()).pathname);
    });
    return page;
  }

  /**
   * axe on the page as shown now, with prefers-color-scheme light (every rule) and then dark (the
   * rules that depend on colours: the dark scheme changes nothing else).
   */
  async check(page: Page, label: string): Promise<void> {
    if (!this.runsAxe) {
      this.checked.add(new URL(page.url()).pathname);
      return;
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      // Reduced motion turns off the stylesheet's colour transitions, so axe measures the
      // scheme's final colours and not a frame halfway through the switch.
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      try {
        await expectAccessible(
          page,
          `${label} [${colorScheme}]`,
          colorScheme === 'dark' ? COLOUR_RULES : undefined,
        );
      } catch (err) {
        if (!(err instanceof assert.AssertionError)) throw err;
        console.log(err.message);
        this.failures.push(err.message);
      }
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    this.checked.add(new URL(page.url()).pathname);
  }

  /** As `check`, unless a page at this path was checked already (a form every log-in passes through). */
  async checkOnce(page: Page, label: string): Promise<void> {
    if (!this.checked.has(new URL(page.url()).pathname)) await this.check(page, label);
  }

  /** Every loaded page was checked, and no check found a serious or critical violation. */
  assertAllClean(): void {
    const unchecked = [...this.visited].filter((p) => p !== 'blank' && !this.checked.has(p));
    assert.deepEqual(unchecked, [], 'pages visited but never axe-checked');
    assert.equal(this.failures.length, 0, `accessibility violations:\n${this.failures.join('\n')}`);
  }
}

/** A new tab in `context` (10 s default timeout) whose page loads `a11y` records. */
export async function openTab(context: BrowserContext, a11y: A11yTracker): Promise<Page> {
  context.setDefaultTimeout(10_000);
  return a11y.watch(await context.newPage());
}

/** Logs `username` in through the log-in form (the factories' password); axe checks both pages once. */
export async function logIn(page: Page, server: TestServer, a11y: A11yTracker, username: string) {
  await page.goto(server.url('/login'));
  await a11y.checkOnce(page, 'login');
  await page.getByLabel(/^Username or e-mail/).fill(username);
  await page.getByLabel(/^Password/).fill(FACTORY_PASSWORD);
  await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
  await a11y.checkOnce(page, 'home');
}

/** Clicks a submit button (or link) and waits until the browser has loaded the next page. */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
}

/**
 * The chapter text field, once the rich-text editor (loaded on demand) has taken its place: the
 * editor hides the textarea as it attaches, so a fill that found the textarea first would wait
 * on a hidden element. In rich-text mode the label names the editor; in plain text, the textarea.
 */
export async function chapterText(scope: Page | Locator): Promise<Locator> {
  await scope.locator('.rte').first().waitFor({ state: 'attached' });
  return scope.getByLabel(/^Chapter text/);
}

/** The text of the elements an input's aria-describedby points to (hint and error). */
export function describedBy(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .join(' | '),
  );
}

export const SHOTS_DIR = '/tmp/e2e-shots';

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = `${SHOTS_DIR}/${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * One journey per database, in Chromium: PostgreSQL's is reported as skipped (with the reason)
 * when there is none, and every journey is skipped when Chromium is missing.
 */
export function eachBrowserDialect(name: string, body: (dialect: Dialect) => void): void {
  if (!dialects.includes('postgres')) {
    describe(`${name} [postgres]`, { skip: 'PostgreSQL not available (TEST_DATABASE_URL unset)' }, () => {});
  }
  for (const dialect of dialects) {
    describe(`${name} [${dialect}]`, { skip: skipWithoutChromium }, () => body(dialect));
  }
}
