import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { setDisabled } from '../accounts/accounts.service.ts';
import { createToken } from './tokens.service.ts';

eachDialect('API tokens and /api/v1', (env) => {
  const api = (url: string, token?: string, method: 'GET' | 'DELETE' | 'POST' = 'GET') =>
    env().app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('creates a token on the account page, shows it once, and it authenticates the API', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const blank = await browser.post('/account/tokens', { name: '   ' }, { csrfFrom: '/account' });
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /Please name the token/);
    const created = await browser.post(
      '/account/tokens',
      { name: 'backup script' },
      { csrfFrom: '/account' },
    );
    assert.equal(created.headers['cache-control'], 'no-store');
    const token = /data-testid="new-token">([^<]+)</.exec(created.body)?.[1];
    assert.match(token ?? '', /^quire_[\w-]{40,}$/);
    const page = await browser.get('/account');
    assert.doesNotMatch(page.body, new RegExp(token!), 'never shown again');
    assert.match(page.body, /backup script/);

    const me = await api('/api/v1/me', token);
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, user.username);
    assert.equal(me.json().pseuds[0].name, user.username);
    assert.equal(me.json().password_hash, undefined);
  });

  it('answers with one error shape, and refuses missing, wrong and revoked tokens', async () => {
    const user = await makeUser(env().ctx);
    const { token, row } = await createToken(env().ctx, user.id, 'ci');
    const none = await api('/api/v1/me');
    assert.equal(none.statusCode, 401);
    assert.deepEqual(Object.keys(none.json().error).sort(), ['code', 'message']);
    assert.equal(none.json().error.code, 'unauthorized');
    assert.equal((await api('/api/v1/me', 'quire_not-a-real-token')).statusCode, 401);
    assert.equal((await api('/api/v1/nope', token)).json().error.code, 'not_found');

    const list = await api('/api/v1/tokens', token);
    assert.deepEqual(
      list.json().tokens.map((t: { name: string }) => t.name),
      ['ci'],
    );
    assert.ok(list.json().tokens[0].last_used_at, 'use is recorded');
    assert.equal((await api(`/api/v1/tokens/${row.id}`, token, 'DELETE')).json().revoked, true);
    const revoked = await api('/api/v1/me', token);
    assert.equal(revoked.statusCode, 401);
    assert.match(revoked.json().error.message, /revoked/);
  });

  it('revokes from the account page, and a disabled account’s tokens stop working', async () => {
    const user = await makeUser(env().ctx);
    const { token, row } = await createToken(env().ctx, user.id, 'laptop');
    const other = await makeUser(env().ctx);
    const { token: otherToken } = await createToken(env().ctx, other.id, 'other');
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: other.username, password: FACTORY_PASSWORD });
    const foreign = await browser.post(`/account/tokens/${row.id}/revoke`, {}, { csrfFrom: '/account' });
    assert.equal(foreign.statusCode, 404, 'nobody revokes another person’s token');
    assert.equal((await api('/api/v1/me', token)).statusCode, 200);

    await setDisabled(env().ctx, other.username, true);
    assert.equal((await api('/api/v1/me', otherToken)).statusCode, 401);
  });

  it('does not let a session cookie write through the API (writes need a token, so no CSRF hole)', async () => {
    const user = await makeUser(env().ctx);
    const { row } = await createToken(env().ctx, user.id, 'keep me');
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const readWithCookie = await env().app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `quire_session=${browser.cookie('quire_session')}` },
    });
    assert.equal(readWithCookie.statusCode, 200, 'our own pages may read with the session');
    const writeWithCookie = await env().app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${row.id}`,
      headers: { cookie: `quire_session=${browser.cookie('quire_session')}` },
    });
    assert.equal(writeWithCookie.statusCode, 401);
  });

  it('publishes an OpenAPI document listing every API route', async () => {
    const doc = (await api('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/me'].get);
    assert.ok(doc.paths['/api/v1/tokens/{id}'].delete);
    assert.ok(doc.paths['/api/v1/users/{username}'].get);
    assert.deepEqual(doc.paths['/api/v1/me'].get.security, [{ bearerAuth: [] }]);
    assert.equal(
      doc.paths['/api/v1/me'].get.responses['200'].content['application/json'].schema.properties.username
        .type,
      'string',
    );
  });
});
