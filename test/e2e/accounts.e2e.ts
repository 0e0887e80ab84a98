// Browser journeys through accounts: first run, sign-up, log in/out, password reset, API
// tokens, keyboard access and the 404 page; axe on every page, in light and dark schemes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resetLinkFor } from '../outbox.ts';
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

const ADMIN = { username: 'Ada', email: 'ada@example.org', password: 'correct horse battery staple' };
const USER = {
  username: 'Grace',
  email: 'grace@example.org',
  password: 'compiler lantern teacup',
  newPassword: 'nanosecond wire spool garden',
};
const WRONG_LOGIN = 'That username or e-mail and password do not match. Please try again.';

eachBrowserDialect('account journeys in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const a11y = new A11yTracker(dialect);

  before(async () => {
    server = await startTestServer(dialect);
    browser = await launchBrowser();
    context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    page = a11y.watch(await context.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const go = async (path: string) => {
    const response = await page.goto(server.url(path));
    assert.ok(response, `no response for ${path}`);
    return response;
  };
  const pathname = () => new URL(page.url()).pathname;
  const header = () => page.getByRole('banner');

  async function logOut() {
    await clickAndLoad(page, header().getByRole('button', { name: 'Log out' }));
    await page.getByText('You have logged out.').waitFor();
    await header().getByRole('link', { name: 'Log in' }).waitFor();
  }

  async function logIn(login: string, password: string, remember = false) {
    if (pathname() !== '/login') await go('/login');
    await page.getByLabel(/^Username or e-mail/).fill(login);
    await page.getByLabel(/^Password/).fill(password);
    if (remember) await page.getByLabel(/^Remember me/).check();
    await clickAndLoad(page, page.getByRole('main').getByRole('button', { name: 'Log in' }));
  }

  test('a. first run: create the administrator', async () => {
    await go('/');
    await page.getByRole('heading', { name: 'Welcome to your new Quire' }).waitFor();
    await a11y.check(page, 'first-run form');
    const form = page.getByRole('main');
    await form.getByLabel(/^Username/).fill(ADMIN.username);
    await form.getByLabel(/^E-mail/).fill(ADMIN.email);
    await form.getByLabel(/^Password/).fill(ADMIN.password);
    await form.getByLabel(/^Confirm password/).fill(ADMIN.password);
    await clickAndLoad(page, form.getByRole('button', { name: 'Create administrator' }));
    assert.equal(pathname(), '/');
    await page.getByText(`You are the administrator, ${ADMIN.username}`).waitFor();
    await header().getByRole('link', { name: 'Admin', exact: true }).waitFor();
    await a11y.check(page, 'home (administrator)');
    await screenshot(page, `home-${dialect}`);
  });

  test('b. log out from the header', async () => {
    await logOut();
    assert.equal(pathname(), '/');
    assert.equal(await header().getByRole('link', { name: 'Admin', exact: true }).count(), 0);
    await a11y.check(page, 'home (logged out)');
  });

  test('c. sign up: a mismatched confirmation is explained, then the account is made', async () => {
    await go('/signup');
    await a11y.check(page, 'signup');
    const username = page.getByLabel(/^Username/);
    const email = page.getByLabel(/^E-mail/);
    const confirm = page.getByLabel(/^Confirm password/);
    await username.fill(USER.username);
    await email.fill(USER.email);
    await page.getByLabel(/^Password/).fill(USER.password);
    await confirm.fill(`${USER.password}!`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Create account' }));
    assert.equal(pathname(), '/signup');
    // Next to the field: inside its .field wrapper and announced as its description.
    const field = page.locator('.field').filter({ has: confirm });
    await field.getByText('The two passwords do not match.').waitFor();
    assert.match(await describedBy(confirm), /The two passwords do not match\./);
    assert.equal(await confirm.getAttribute('aria-invalid'), 'true');
    await page.getByRole('alert').getByText('The two passwords do not match.').waitFor();
    assert.equal(await username.inputValue(), USER.username);
    assert.equal(await email.inputValue(), USER.email);
    await a11y.check(page, 'signup with errors');

    await page.getByLabel(/^Password/).fill(USER.password);
    await confirm.fill(USER.password);
    await clickAndLoad(page, page.getByRole('button', { name: 'Create account' }));
    assert.equal(pathname(), '/');
    await page.getByText(`Welcome to Quire, ${USER.username}!`).waitFor();
    await header().getByText(`Hi, ${USER.username}`).waitFor();
    await a11y.check(page, 'home (new member)');
  });

  test('d. log in: a wrong password is refused, then "Remember me" keeps the session', async () => {
    await logOut();
    await go('/login');
    await a11y.check(page, 'login');
    await logIn(USER.username, 'not my password at all');
    assert.equal(pathname(), '/login');
    await page.getByText(WRONG_LOGIN).first().waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Log in', level: 1 }).count(), 1);
    assert.equal(await page.getByLabel(/^Username or e-mail/).inputValue(), USER.username);
    await a11y.check(page, 'login with error');

    await logIn(USER.username, USER.password, true);
    assert.equal(pathname(), '/');
    await header().getByText(`Hi, ${USER.username}`).waitFor();
    const session = (await context.cookies(server.base)).find((c) => c.name === 'quire_session');
    assert.ok(session, 'a session cookie is set');
    const days = (session.expires - Date.now() / 1000) / 86400;
    assert.ok(
      days > 29,
      `"Remember me" should keep the session ~30 days (expires in ${days.toFixed(1)} days)`,
    );
  });

  test('e. forgotten password: reset link by e-mail, new password works', async () => {
    await logOut();
    await go('/login');
    await clickAndLoad(page, page.getByRole('link', { name: 'Forgot your password?' }));
    assert.equal(pathname(), '/password/forgot');
    await a11y.check(page, 'forgot password');
    await page.getByLabel(/^Username or e-mail/).fill(USER.email);
    await clickAndLoad(page, page.getByRole('button', { name: 'Send reset link' }));
    await page.getByText('If an account matches').waitFor();
    await a11y.check(page, 'forgot password (sent)');

    await server.env.worker.drain();
    const link = resetLinkFor(server.env.dataDir, USER.email);
    assert.ok(link, 'a reset e-mail with a link is in the outbox');
    await go(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await a11y.check(page, 'reset password');
    await page.getByLabel(/^New password/).fill(USER.newPassword);
    await page.getByLabel(/^Confirm new password/).fill(USER.newPassword);
    await clickAndLoad(page, page.getByRole('button', { name: 'Set new password' }));
    assert.equal(pathname(), '/');
    await page.getByText('Your password has been changed and you are logged in.').waitFor();
    await header().getByText(`Hi, ${USER.username}`).waitFor();

    await logOut();
    await logIn(USER.email, USER.password);
    await page.getByText(WRONG_LOGIN).first().waitFor();
    await logIn(USER.email, USER.newPassword);
    assert.equal(pathname(), '/');
    await header().getByText(`Hi, ${USER.username}`).waitFor();
  });

  test('f. API token: shown once, works with the API, revoked', async () => {
    await go('/account');
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await a11y.check(page, 'account');
    await page.getByLabel(/^New token/).fill('backup script');
    await clickAndLoad(page, page.getByRole('button', { name: 'Create token' }));
    const shown = page.getByTestId('new-token');
    const token = (await shown.textContent())?.trim() ?? '';
    assert.match(token, /^quire_/);
    await a11y.check(page, 'account (new token)');
    await screenshot(page, `account-${dialect}`);

    const me = () =>
      fetch(`${server.base}/api/v1/me`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
    const ok = await me();
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { username: string }).username, USER.username);

    await clickAndLoad(page, page.getByRole('button', { name: 'Revoke token backup script' }));
    assert.equal(pathname(), '/account');
    await page.getByText('The token has been revoked.').waitFor();
    assert.equal(await page.getByTestId('new-token').count(), 0, 'the token is not shown again');
    assert.equal(await page.getByRole('button', { name: 'Revoke token backup script' }).count(), 0);
    await a11y.check(page, 'account (token revoked)');

    const refused = await me();
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get('content-type') ?? '', /application\/json/);
    const body = (await refused.json()) as { error?: { code?: unknown; message?: unknown } };
    assert.equal(typeof body.error?.code, 'string');
    assert.equal(typeof body.error?.message, 'string');
  });

  test('g. keyboard: the first Tab on /login focuses "Skip to content"', async () => {
    // A fresh, logged-out visitor (axe needs pages made from an explicit context).
    const anonContext = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    const anon = a11y.watch(await anonContext.newPage());
    try {
      await anon.goto(server.url('/login'));
      await anon.keyboard.press('Tab');
      const focused = anon.locator(':focus');
      assert.equal((await focused.textContent())?.trim(), 'Skip to content');
      assert.equal(await focused.evaluate((el) => el.tagName), 'A');
      await anon.keyboard.press('Enter');
      await anon.waitForURL(/#main$/);
      assert.equal(
        await anon.evaluate(() => document.activeElement?.id),
        'main',
        'focus moves to the main content',
      );
      await a11y.check(anon, 'login (anonymous)');
    } finally {
      await anonContext.close();
    }
  });

  test('h. 404 page has a title and a main landmark', async () => {
    const response = await go('/no-such-page');
    assert.equal(response.status(), 404);
    assert.match(await page.title(), /\S/);
    assert.equal(await page.getByRole('main').count(), 1);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await a11y.check(page, '404');
  });

  test('every visited page passes axe (no serious/critical issues), light and dark', () => {
    a11y.assertAllClean();
  });
});
