import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser, uniqueName } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { resetLinkFor } from '../../../test/outbox.ts';
import { findUserByUsername } from './accounts.repository.ts';

const GOOD_PASSWORD = 'marmalade on toast';

eachDialect('account pages', (env) => {
  it('offers first-run admin creation until an admin exists, then never again', async () => {
    const browser = new TestClient(env().app);
    const first = await browser.get('/');
    assert.match(first.body, /Create the administrator account/);
    const bad = await browser.post(
      '/setup',
      { username: 'x', email: 'not-an-email', password: 'short', password_confirmation: 'short' },
      { csrfFrom: '/' },
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="not-an-email"/, 'what was typed is kept');
    assert.match(textOf(bad.body), /Usernames are 3 to 40 characters/);
    assert.match(textOf(bad.body), /Passwords must be at least 10 characters/);
    const ok = await browser.post(
      '/setup',
      {
        username: 'Ada',
        email: 'ada@example.org',
        password: GOOD_PASSWORD,
        password_confirmation: GOOD_PASSWORD,
      },
      { csrfFrom: '/' },
    );
    assert.equal(ok.statusCode, 303);
    assert.equal((await findUserByUsername(env().ctx.db, 'ada'))?.role, 'admin');
    const home = await browser.get('/');
    assert.match(textOf(home.body), /You are the administrator, Ada/);
    assert.match(home.body, /href="\/admin\/users"/);
    const stranger = new TestClient(env().app);
    const again = await stranger.post(
      '/setup',
      {
        username: 'Mallory',
        email: 'm@example.org',
        password: GOOD_PASSWORD,
        password_confirmation: GOOD_PASSWORD,
      },
      { csrfFrom: '/login' },
    );
    assert.equal(again.statusCode, 409);
    assert.equal(await findUserByUsername(env().ctx.db, 'mallory'), undefined);
  });

  it('signs up, keeping the form on errors with a message beside each field', async () => {
    const taken = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    const username = uniqueName('Reader');
    const clash = await browser.post('/signup', {
      username: taken.username,
      email: `${username}@example.org`,
      password: GOOD_PASSWORD,
      password_confirmation: 'something else entirely',
    });
    assert.equal(clash.statusCode, 422);
    assert.match(clash.body, new RegExp(`value="${username}@example.org"`));
    assert.match(clash.body, /id="f-password_confirmation-error"[^>]*>The two passwords do not match/);
    assert.doesNotMatch(clash.body, new RegExp(GOOD_PASSWORD), 'passwords are never echoed');
    const tooLong = await browser.post('/signup', {
      username: 'a'.repeat(41),
      email: 'x@example.org',
      password: GOOD_PASSWORD,
      password_confirmation: GOOD_PASSWORD,
    });
    assert.match(textOf(tooLong.body), /at most 40 characters/);
    const duplicate = await browser.post('/signup', {
      username: taken.username.toUpperCase(),
      email: taken.email,
      password: GOOD_PASSWORD,
      password_confirmation: GOOD_PASSWORD,
    });
    assert.match(textOf(duplicate.body), /That username is already taken/);
    assert.match(textOf(duplicate.body), /An account with that e-mail address already exists/);

    const ok = await browser.post('/signup', {
      username,
      email: `${username}@example.org`,
      password: GOOD_PASSWORD,
      password_confirmation: GOOD_PASSWORD,
    });
    assert.equal(ok.statusCode, 303);
    const home = await browser.get('/');
    assert.match(textOf(home.body), new RegExp(`Welcome to Quire, ${username}!`));
    assert.match(textOf(home.body), new RegExp(`Hi, ${username}`));
  });

  it('logs in with a session cookie that is httpOnly and SameSite, and logs out', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    const wrong = await browser.post('/login', { login: user.username, password: 'wrong password!' });
    assert.equal(wrong.statusCode, 401);
    assert.match(textOf(wrong.body), /do not match/);
    assert.match(wrong.body, new RegExp(`value="${user.username}"`));
    const unknown = await browser.post('/login', { login: 'no_such_person', password: 'wrong password!' });
    assert.equal(
      textOf(unknown.body).match(/That username.*?again\./)?.[0],
      textOf(wrong.body).match(/That username.*?again\./)?.[0],
    );

    const ok = await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    assert.equal(ok.statusCode, 303);
    const cookie = ok.cookies.find((c) => c.name === 'quire_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.maxAge, undefined, 'without "remember me" the cookie ends with the browser');
    assert.match(textOf((await browser.get('/account')).body), /Signed in as/);

    const out = await browser.post('/logout', {}, { csrfFrom: '/account' });
    assert.equal(out.statusCode, 303);
    assert.equal((await browser.get('/account')).statusCode, 401);
  });

  it('remembers a device for 30 days when asked, and returns to where you were', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    const ok = await browser.post('/login', {
      login: user.email,
      password: FACTORY_PASSWORD,
      remember_me: '1',
      return_to: '/account',
    });
    assert.equal(ok.headers.location, '/account');
    assert.equal(ok.cookies.find((c) => c.name === 'quire_session')?.maxAge, 30 * 24 * 3600);
    const evil = await new TestClient(env().app).post('/login', {
      login: user.email,
      password: FACTORY_PASSWORD,
      return_to: '//evil.example',
    });
    assert.equal(evil.headers.location, '/');
  });

  it('refuses state-changing forms without the CSRF token', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.get('/login');
    const forged = await browser.post(
      '/login',
      { login: user.username, password: FACTORY_PASSWORD },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
    assert.match(textOf(forged.body), /This form has expired or did not come from this site/);
    const wrongToken = await browser.post(
      '/login',
      { login: user.username, password: FACTORY_PASSWORD },
      { csrf: 'forged-token' },
    );
    assert.equal(wrongToken.statusCode, 403);
  });

  it('changes password and e-mail from the account page', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const wrong = await browser.post(
      '/account/password',
      { current_password: 'nope', password: GOOD_PASSWORD, password_confirmation: GOOD_PASSWORD },
      { csrfFrom: '/account' },
    );
    assert.equal(wrong.statusCode, 422);
    assert.match(textOf(wrong.body), /Your current password is not correct/);
    const ok = await browser.post(
      '/account/password',
      { current_password: FACTORY_PASSWORD, password: GOOD_PASSWORD, password_confirmation: GOOD_PASSWORD },
      { csrfFrom: '/account' },
    );
    assert.equal(ok.statusCode, 303);
    assert.match(textOf((await browser.get('/account')).body), /Your password has been changed/);
    const email = await browser.post(
      '/account/email',
      { email: `changed.${user.email}`, current_password: GOOD_PASSWORD },
      { csrfFrom: '/account' },
    );
    assert.equal(email.statusCode, 303);
    assert.match((await browser.get('/account')).body, new RegExp(`changed.${user.email}`));
  });

  it('resets a forgotten password through the e-mailed link, once', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    const sent = await browser.post('/password/forgot', { login: user.email });
    assert.match(textOf(sent.body), /If an account matches/);
    const unknown = await browser.post('/password/forgot', { login: 'nobody@nowhere.example' });
    assert.equal(
      textOf(unknown.body).match(/If an account matches[^.]*\./)?.[0],
      textOf(sent.body).match(/If an account matches[^.]*\./)?.[0],
    );
    await env().worker.drain();
    const absolute = resetLinkFor(env().dataDir, user.email);
    assert.ok(
      absolute?.startsWith(`${env().config.baseUrl}/password/reset?token=`),
      'the outbox e-mail has the link',
    );
    if (!absolute) return;
    const link = absolute.slice(env().config.baseUrl.length);
    assert.equal((await browser.get(link)).statusCode, 200);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const done = await browser.post(
      '/password/reset',
      { token, password: GOOD_PASSWORD, password_confirmation: GOOD_PASSWORD },
      { csrfFrom: link },
    );
    assert.equal(done.statusCode, 303);
    assert.match(
      textOf((await browser.get('/')).body),
      /Your password has been changed and you are logged in/,
    );
    const again = await browser.get(link);
    assert.equal(again.statusCode, 410);
    assert.match(textOf(again.body), /expired or was already used/);
  });

  it('deletes an account after confirming the password', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const wrong = await browser.post('/account/delete', {
      works: 'delete',
      current_password: 'not it at all',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /value="delete" checked/, 'the choice is kept');
    const ok = await browser.post('/account/delete', { works: 'orphan', current_password: FACTORY_PASSWORD });
    assert.equal(ok.statusCode, 303);
    assert.equal(await findUserByUsername(env().ctx.db, user.username), undefined);
    assert.equal((await browser.get(`/users/${user.username}`)).statusCode, 404);
  });
});

eachDialect(
  'rate limits',
  (env) => {
    it('answers repeated log-in attempts with a clear 429 page', async () => {
      const browser = new TestClient(env().app);
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 4; i++) {
        const response = await browser.post('/login', { login: 'someone', password: 'wrong password' });
        statuses.push(response.statusCode);
        last = response.body;
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      assert.match(textOf(last), /Too many attempts\. Please wait \d+ seconds/);
      assert.match(last, /<title>Slow down a little/);
    });
  },
  { app: { rateLimitMax: 3 } },
);
