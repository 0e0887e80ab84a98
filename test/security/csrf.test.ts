import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient, csrfToken, textOf } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { createTestEnv, type TestEnv } from '../harness.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_MESSAGE = /This form has expired or did not come from this site/;
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * CSRF on every state-changing route, found by enumerating the registered routes (a new route is
 * covered the day it is added). Page writes need the form's token, multipart uploads included; the
 * API's writes are not reachable with a browser's cookies at all (they need a bearer token), so a
 * forged cross-site request has nothing to ride on.
 */
describe('CSRF on every state-changing route', () => {
  // The check lives in the HTTP hooks and the database plays no part in it (sessions, which it
  // reads, are tested on both databases elsewhere): one database is enough for ~300 requests.
  let testEnv: TestEnv | undefined;
  before(async () => {
    testEnv = await createTestEnv('sqlite');
  });
  after(() => testEnv?.close());
  const env = () => testEnv!;
  let browser: TestClient;
  let username: string;
  let token: string;

  /** Every `:param` filled (and any wildcard), so the request reaches its route, never the 404. */
  const fill = (url: string) =>
    url
      .replace(/:(\w+)/g, (_m, name: string) =>
        ['username', 'name', 'pseud'].includes(name) ? username : '1',
      )
      .replace(/\*/g, 'x');

  const writes = () => env().app.routeList.filter((r) => UNSAFE.has(r.method) && !r.url.includes('/assets/'));

  it('logs in an administrator (who may do the most)', async () => {
    const admin = await makeUser(env().ctx, { role: 'admin' });
    username = admin.username;
    browser = new TestClient(env().app);
    await browser.post('/login', { login: admin.username, password: FACTORY_PASSWORD });
    token = csrfToken((await browser.get('/account')).body);
  });

  it('refuses every page write without its token or with a forged one, from the CSRF check itself', async () => {
    const pages = writes().filter((r) => !r.url.startsWith('/api/'));
    assert.ok(pages.length >= 80, `found ${pages.length} page write routes`);
    for (const route of pages) {
      const url = fill(route.url);
      // Missing, and a real token tampered with (a forged one is refused the same way).
      for (const csrf of [null, `${token.slice(0, -2)}xx`]) {
        const fields = new URLSearchParams({ name: 'x', body: 'x', role: 'user' });
        if (csrf) fields.set('_csrf', csrf);
        const response = await browser.inject({
          method: route.method as Method,
          url,
          payload: fields.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const what = `${route.method} ${route.url} (as ${url}) with token ${csrf}`;
        assert.equal(response.statusCode, 403, what);
        assert.match(textOf(response.body), CSRF_MESSAGE, `${what}: refused by the CSRF check`);
      }
    }
    assert.equal((await browser.get('/account')).statusCode, 200, 'still logged in: nothing was changed');
  });

  it('refuses multipart writes (uploads) without a token; routes that take no multipart refuse it outright', async () => {
    const takesMultipart: string[] = [];
    const upload = async (method: Method, url: string, csrf: string | null, asGuest = false) => {
      const form = new FormData();
      if (csrf) form.append('_csrf', csrf);
      form.append('keyword', 'x');
      form.append('file', new Blob(['just text'], { type: 'text/plain' }), 'story.txt');
      const encoded = new Response(form);
      const request = {
        method,
        url,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type')! },
      };
      return asGuest ? env().app.inject(request) : browser.inject(request);
    };
    for (const route of writes().filter((r) => !r.url.startsWith('/api/'))) {
      const url = fill(route.url);
      // Which routes parse multipart does not depend on who asks: found cheaply, without a session.
      if ((await upload(route.method as Method, url, null, true)).statusCode === 415) continue;
      takesMultipart.push(route.url);
      for (const csrf of [null, 'forged']) {
        const response = await upload(route.method as Method, url, csrf);
        const what = `${route.method} ${route.url} multipart with token ${csrf}`;
        assert.equal(response.statusCode, 403, what);
        assert.match(textOf(response.body), CSRF_MESSAGE, what);
      }
    }
    // The uploads this enumeration must have found (more may come).
    for (const upload of ['/account/icons', '/import'])
      assert.ok(takesMultipart.includes(upload), `${upload} takes multipart: ${takesMultipart.join(', ')}`);
  });

  it('never lets a browser session reach an API write: without a bearer token it is a 401', async () => {
    const api = writes().filter((r) => r.url.startsWith('/api/'));
    assert.ok(api.length >= 30, `found ${api.length} API write routes`);
    for (const route of api) {
      // The session cookie, and even the page's valid CSRF token: still not authorised.
      const response = await browser.inject({
        method: route.method as Method,
        url: fill(route.url),
        payload: JSON.stringify({ _csrf: token, name: 'x', body: 'x' }),
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      });
      const what = `${route.method} ${route.url}`;
      assert.equal(response.statusCode, 401, what);
      assert.equal(response.json().error.code, 'unauthorized', what);
    }
  });
});
