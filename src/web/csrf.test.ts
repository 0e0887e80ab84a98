import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient } from '../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

eachDialect('CSRF on every state-changing route', (env) => {
  it('refuses every registered non-API write without a valid token, even when logged in', async () => {
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: admin.username, password: FACTORY_PASSWORD });
    const writes = env().app.routeList.filter((r) => UNSAFE.has(r.method) && !r.url.startsWith('/api/'));
    assert.ok(writes.length >= 15, `found ${writes.length} write routes`);
    for (const route of writes) {
      const url = route.url.replace(':username', admin.username).replace(':id', '1');
      for (const csrf of [false, 'forged'] as const) {
        const response = await browser.post(url, { name: 'x', role: 'user' }, { csrf });
        assert.equal(response.statusCode, 403, `${route.method} ${route.url} with csrf=${csrf}`);
      }
    }
    assert.equal((await browser.get('/account')).statusCode, 200, 'still logged in: nothing was changed');
  });
});

eachDialect(
  'cookies behind https',
  (env) => {
    it('marks the session and CSRF cookies Secure when BASE_URL is https', async () => {
      const user = await makeUser(env().ctx);
      const browser = new TestClient(env().app);
      const response = await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
      const session = response.cookies.find((c) => c.name === 'quire_session');
      assert.equal(session?.secure, true);
      assert.equal(session?.httpOnly, true);
      const form = await env().app.inject({ url: '/login' });
      assert.equal(form.cookies.find((c) => c.name === 'quire_csrf')?.secure, true);
      assert.match(String(form.headers['strict-transport-security']), /max-age=31536000/);
    });
  },
  { config: { baseUrl: 'https://fic.example.org', secureCookies: true } },
);
