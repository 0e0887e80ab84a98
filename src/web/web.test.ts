import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';

eachDialect('web shell', (env) => {
  it('sends security headers with a CSP that forbids inline script', async () => {
    const response = await env().app.inject({ url: '/login' });
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.doesNotMatch(response.body, /<script(?![^>]*\ssrc=)/, 'no inline scripts in pages');
  });

  it('gives every page a title, landmarks and a skip link', async () => {
    for (const url of ['/', '/login', '/signup', '/password/forgot', '/search?q=a', '/no-such-page']) {
      const { body } = await env().app.inject({ url });
      assert.match(body, /<title>[^<]+ · Quire<\/title>/, url);
      assert.match(body, /<a class="skip-link" href="#main">/, url);
      for (const landmark of ['<header', '<nav', '<main id="main"', '<footer'])
        assert.ok(body.includes(landmark), `${url} ${landmark}`);
      assert.match(body, /<html lang="en">/);
    }
  });

  it('renders 404, 401 and 403 pages for people, and JSON for the API', async () => {
    const missing = await env().app.inject({ url: '/no-such-page' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<title>Page not found/);
    const login = await env().app.inject({ url: '/account' });
    assert.equal(login.statusCode, 401);
    assert.match(login.body, /href="\/login\?return_to=%2Faccount"/);
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const admin = await browser.get('/admin/users');
    assert.equal(admin.statusCode, 403);
    assert.match(textOf(admin.body), /Only administrators can manage accounts/);
    const apiMissing = await env().app.inject({ url: '/api/v1/nothing-here' });
    assert.deepEqual(apiMissing.json(), {
      error: { code: 'not_found', message: 'There is nothing at this address.' },
    });
  });

  it('escapes what users type everywhere it is shown', async () => {
    const browser = new TestClient(env().app);
    const page = await browser.get('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.match(page.body, /<title>Search: “&lt;script>alert\(1\)&lt;\/script>” · Quire<\/title>/);
  });

  it('finds people by username or pseud', async () => {
    const user = await makeUser(env().ctx, { username: 'Searchable_Writer' });
    const response = await env().app.inject({ url: '/search?q=searchable' });
    assert.match(response.body, new RegExp(`href="/users/${user.username}/pseuds/${user.username}"`));
    const wildcard = await env().app.inject({ url: '/search?q=%25' });
    assert.match(textOf(wildcard.body), /No people match/, '% is taken literally');
  });

  it('lets an admin change roles and disable accounts, keeping one admin', async () => {
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const member = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: admin.username, password: FACTORY_PASSWORD });
    const list = await browser.get(`/admin/users?q=${member.username}`);
    assert.match(list.body, new RegExp(member.email));
    await browser.post(
      `/admin/users/${member.username}/role`,
      { role: 'moderator' },
      { csrfFrom: '/admin/users' },
    );
    assert.match(
      textOf((await browser.get('/admin/users')).body),
      new RegExp(`${member.username} is now moderator`),
    );
    await browser.post(`/admin/users/${member.username}/disable`, {}, { csrfFrom: '/admin/users' });
    const refused = await new TestClient(env().app).post('/login', {
      login: member.username,
      password: FACTORY_PASSWORD,
    });
    assert.match(textOf(refused.body), /This account has been disabled/);
    const invalid = await browser.post(
      `/admin/users/${member.username}/role`,
      { role: 'emperor' },
      { csrfFrom: '/admin/users' },
    );
    assert.equal(invalid.statusCode, 422);
  });

  it('reports liveness and readiness', async () => {
    assert.deepEqual((await env().app.inject({ url: '/healthz' })).json(), { status: 'ok' });
    const ready = await env().app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().migrations, 'current');
    assert.equal(ready.json().dialect, env().dialect);
  });

  it('serves the stylesheet and icon', async () => {
    const css = await env().app.inject({ url: '/assets/quire.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /text\/css/);
    assert.equal((await env().app.inject({ url: '/assets/favicon.svg' })).statusCode, 200);
  });
});
