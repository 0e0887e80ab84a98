import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { postMultipart, TestClient, textOf } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { eachDialect } from '../harness.ts';
import { seedWorkInput } from '../seed.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { LIMITS } from '../../src/features/works/works.vocabulary.ts';
import { BODY_LIMIT, LONG_TEXT_BODY_LIMIT } from '../../src/web/security/request-limits.ts';

const TOO_LARGE = /That is more than Quire accepts in one request\. Please shorten it/;

/**
 * Request bodies have a limit (413 with a clear message) that still lets every field reach its own
 * maximum the way a browser sends it; uploads are judged by their bytes, never their name or type.
 */
eachDialect('request body limits and uploads', (env) => {
  let browser: TestClient;
  let workId: number;
  let token: string;

  it('sets up a writer with a work', async () => {
    const writer = await makeUser(env().ctx);
    ({ workId } = await postWork(
      env().ctx,
      { ...writer, viewAdult: false },
      seedWorkInput({ series: null }),
    ));
    ({ token } = await createToken(env().ctx, writer.id, 'limits'));
    browser = new TestClient(env().app);
    await browser.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
  });

  it('lets a chapter reach its maximum length in a non-Latin script through the form (urlencoded)', async () => {
    // The worst case, measured the way a browser encodes it: each '字' is 3 bytes, each byte %XX.
    const longest = new URLSearchParams({ chapterBody: '字'.repeat(LIMITS.chapterBody) }).toString().length;
    assert.ok(longest > BODY_LIMIT && longest < LONG_TEXT_BODY_LIMIT - 512 * 1024, `${longest} bytes`);
    // For real, a chapter that is over the common limit on the wire (~2.3 MB), cheaper than the maximum.
    const body = '字'.repeat(Math.ceil(BODY_LIMIT / 9) + 20_000);
    const added = await browser.post(
      `/works/${workId}/chapters`,
      { chapterTitle: '長い章', chapterBody: body, chapterFormat: 'text', save: 'post' },
      { csrfFrom: `/works/${workId}/chapters/new` },
    );
    assert.equal(added.statusCode, 303, textOf(added.body).slice(0, 300));
    const saved = await env()
      .ctx.db.selectFrom('chapters')
      .select('title')
      .where('work_id', '=', workId)
      .where('title', '=', '長い章')
      .executeTakeFirst();
    assert.ok(saved, 'the chapter was saved');
  });

  it('answers a body over the limit with 413 and a clear page or JSON error, saving nothing', async () => {
    const before = await env().ctx.db.selectFrom('works').select('id').execute();
    const huge = await browser.post(
      '/works',
      { title: 'x', summary: 'x'.repeat(LONG_TEXT_BODY_LIMIT) },
      { csrfFrom: '/works/new' },
    );
    assert.equal(huge.statusCode, 413);
    assert.match(huge.body, /<title>That is too large/);
    assert.match(textOf(huge.body), TOO_LARGE);
    const login = await browser.post(
      '/password/forgot',
      { login: 'y'.repeat(BODY_LIMIT) },
      { csrfFrom: '/account' },
    );
    assert.equal(login.statusCode, 413, 'forms without long text keep the smaller limit');
    const api = await env().app.inject({
      method: 'POST',
      url: `/api/v1/works/${workId}/comments`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body: 'x'.repeat(BODY_LIMIT) },
    });
    assert.equal(api.statusCode, 413);
    assert.equal(api.json().error.code, 'too_large');
    assert.match(api.json().error.message, TOO_LARGE);
    assert.equal((await env().ctx.db.selectFrom('works').select('id').execute()).length, before.length);
  });

  it('judges uploads by their bytes: a picture named .txt is an icon, a PNG named .txt is no story', async () => {
    const picture = new Uint8Array(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c04070' } })
        .png()
        .toBuffer(),
    );
    const icon = await postMultipart(
      browser,
      '/account/icons',
      { keyword: 'named wrong', alt: 'A pink square' },
      { field: 'image', name: 'notes.txt', type: 'text/plain', bytes: picture },
      '/account/icons',
    );
    assert.equal(icon.statusCode, 303, 'the name and type said text; the bytes are a PNG');
    const text = new Uint8Array(Buffer.from('Only words here, whatever the name says.\n'.repeat(10)));
    const notIcon = await postMultipart(
      browser,
      '/account/icons',
      { keyword: 'not a picture', alt: 'Words' },
      { field: 'image', name: 'photo.png', type: 'image/png', bytes: text },
      '/account/icons',
    );
    assert.equal(notIcon.statusCode, 422);
    assert.match(textOf(notIcon.body), /not a PNG, JPEG, GIF or WebP image/);

    const story = await postMultipart(
      browser,
      '/import',
      { post: '', format: 'auto' },
      { field: 'file', name: 'story.txt', type: 'text/plain', bytes: picture },
      '/import',
    );
    assert.equal(story.statusCode, 422, 'a picture named story.txt is refused');
    assert.match(textOf(story.body), /The file is a PNG image/);
  });
});
