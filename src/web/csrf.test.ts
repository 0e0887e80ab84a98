import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient } from '../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';

// Every state-changing route's CSRF check (pages, uploads, the API) is enumerated in
// test/security/csrf.test.ts.

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
