import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../test/factories.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';

const scriptSrc = (html: string) => /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1];

describe('client scripts', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv('sqlite');
  });
  after(() => env.close());

  it('bundles on the first request and serves each output hashed, cached for ever', async () => {
    const alias = await env.app.inject({ url: '/assets/js/posting-form.js' });
    assert.equal(alias.statusCode, 200);
    assert.match(String(alias.headers['content-type']), /^text\/javascript/);
    assert.equal(alias.headers['cache-control'], 'no-cache');
    const again = await env.app.inject({
      url: '/assets/js/posting-form.js',
      headers: { 'if-none-match': String(alias.headers.etag) },
    });
    assert.equal(again.statusCode, 304);

    // Once built, pages link the hashed file; the editor is a chunk it loads when a form needs it.
    const writer = await makeUser(env.ctx);
    const browser = new TestClient(env.app);
    await browser.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
    const page = await browser.get('/works/new');
    const src = scriptSrc(page.body);
    assert.match(src ?? '', /^\/assets\/js\/posting-form\.[A-Z0-9]+\.js$/);
    assert.match(page.body, /<link rel="stylesheet" href="\/assets\/editor\.css"\/>/);
    const hashed = await env.app.inject({ url: src! });
    assert.equal(hashed.statusCode, 200);
    assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(hashed.body, alias.body);
    const chunk = /import\("\.\/(editor\.[A-Z0-9]+\.js)"\)/.exec(hashed.body)?.[1];
    assert.ok(chunk, 'the entry imports the editor on demand');
    const editor = await env.app.inject({ url: `/assets/js/${chunk}` });
    assert.equal(editor.statusCode, 200);
    assert.ok(editor.body.includes('ProseMirror'));

    const css = await env.app.inject({ url: '/assets/editor.css' });
    assert.equal(css.statusCode, 200);
  });

  it('answers 404 for anything else under /assets/js/', async () => {
    for (const url of ['/assets/js/nothing.js', '/assets/js/posting-form.ts', '/assets/js/..%2Fapp.ts']) {
      assert.equal((await env.app.inject({ url })).statusCode, 404, url);
    }
  });

  it('leaves pages without forms script-free', async () => {
    for (const url of ['/', '/login', '/works']) {
      const { body } = await env.app.inject({ url });
      assert.equal(scriptSrc(body), undefined, url);
    }
  });
});
