import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import sharp from 'sharp';
import { postMultipart, TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { User } from '../../db/schema.ts';
import { ValidationError } from '../../lib/errors.ts';
import { ensurePersonalJournal } from '../journals/journals.repository.ts';
import { postEntry } from '../journals/journals.service.ts';
import { iconsFor } from './icons.repository.ts';
import { MAX_ICONS, processIconImage, uploadIcon } from './icons.service.ts';
import { UserIcon } from './icons.views.tsx';

type Bytes = Uint8Array<ArrayBuffer>;
const bytesOf = (buffer: Buffer): Bytes => new Uint8Array(buffer);

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 180, g: 60, b: 90, alpha: 1 } } });
const png = async (width: number, height: number) => bytesOf(await solid(width, height).png().toBuffer());

/** A PNG of random noise (it does not compress) over 3 MB: a real image, just too big. */
async function bigPng(): Promise<Bytes> {
  const width = 1100;
  const height = 1000;
  const raw = randomBytes(width * height * 3);
  return bytesOf(
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer(),
  );
}

async function expectFieldError(promise: Promise<unknown>, field: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error));
    assert.match(error.fields[field] ?? '', message, JSON.stringify(error.fields));
    return true;
  });
}

eachDialect('user icons', (env) => {
  const ctx = () => env().ctx;
  const iconRows = (userId: number) =>
    ctx().db.selectFrom('user_icons').selectAll().where('user_id', '=', userId).orderBy('id').execute();

  async function member(): Promise<{ user: User; browser: TestClient }> {
    const user = await makeUser(ctx());
    const browser = new TestClient(env().app);
    const login = await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    assert.equal(login.statusCode, 303);
    return { user, browser };
  }

  const upload = (
    browser: TestClient,
    fields: Record<string, string>,
    file: { name: string; type: string; bytes: Bytes } | null,
  ) =>
    postMultipart(
      browser,
      '/account/icons',
      fields,
      file ? { field: 'image', ...file } : null,
      '/account/icons',
    );

  it('shrinks an uploaded 400×300 PNG to a 100×75 WebP without metadata, and lists it', async () => {
    const { user, browser } = await member();
    const response = await upload(
      browser,
      { keyword: 'sunset', alt: 'A red square' },
      { name: 'sunset.png', type: 'image/png', bytes: await png(400, 300) },
    );
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, '/account/icons');
    const [row, ...rest] = await iconRows(user.id);
    assert.equal(rest.length, 0);
    assert.equal(row!.mime, 'image/webp');
    assert.deepEqual([row!.width, row!.height], [100, 75]);
    assert.equal(row!.is_default, 1, 'the first icon becomes the default');
    const stored = await sharp(Buffer.from(row!.data)).metadata();
    assert.equal(stored.format, 'webp');
    assert.deepEqual([stored.width, stored.height], [100, 75]);
    assert.equal(stored.exif, undefined);

    const page = await browser.get('/account/icons');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<img class="user-icon" src="/icons/${row!.id}" alt="A red square"`));
    assert.match(textOf(page.body), /sunset default/);
    assert.match(textOf(page.body), /Icon “sunset” uploaded/);
  });

  it('reads the picture by its content: a text file named .png and an SVG are refused, input kept', async () => {
    const { user, browser } = await member();
    const fake = bytesOf(Buffer.from('This is not a picture, whatever its name says.\n'.repeat(20)));
    const refused = await upload(
      browser,
      { keyword: 'tricky', alt: 'Pretends to be a picture', default: '1' },
      { name: 'photo.png', type: 'image/png', bytes: fake },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /not a PNG, JPEG, GIF or WebP image/);
    assert.match(refused.body, /id="f-keyword"[^>]*value="tricky"/);
    assert.match(refused.body, /id="f-alt"[^>]*value="Pretends to be a picture"/);
    assert.match(refused.body, /id="f-default"[^>]*checked/);
    const svg = bytesOf(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
    );
    const svgRefused = await upload(
      browser,
      { keyword: 'vector', alt: 'A square' },
      { name: 'icon.png', type: 'image/png', bytes: svg },
    );
    assert.equal(svgRefused.statusCode, 422);
    assert.match(textOf(svgRefused.body), /not a PNG, JPEG, GIF or WebP image/);
    const none = await upload(browser, { keyword: 'nothing', alt: 'No file' }, null);
    assert.equal(none.statusCode, 422);
    assert.match(textOf(none.body), /Please choose an image/);
    assert.deepEqual(await iconRows(user.id), []);
  });

  it('refuses a file over 2 MB with a message, keeping the form', async () => {
    const { user, browser } = await member();
    const big = await bigPng();
    assert.ok(big.length > 3 * 1024 * 1024, `${big.length} bytes`);
    const refused = await upload(
      browser,
      { keyword: 'huge', alt: 'Static' },
      { name: 'huge.png', type: 'image/png', bytes: big },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /larger than 2 MB/);
    assert.match(refused.body, /id="f-keyword"[^>]*value="huge"/);
    assert.deepEqual(await iconRows(user.id), []);
    await expectFieldError(processIconImage(big), 'image', /larger than 2 MB/);
  });

  it('requires a keyword and alt text, within their lengths, and reports every problem at once', async () => {
    const { user, browser } = await member();
    const refused = await upload(
      browser,
      { keyword: 'k'.repeat(61), alt: '   ' },
      { name: 'x.txt', type: 'text/plain', bytes: bytesOf(Buffer.from('hello')) },
    );
    assert.equal(refused.statusCode, 422);
    const text = textOf(refused.body);
    assert.match(text, /at most 60 characters/);
    assert.match(text, /describe the icon for people who cannot see it/);
    assert.match(text, /not a PNG/);
    await expectFieldError(
      uploadIcon(ctx(), user.id, { keyword: 'ok', alt: 'a'.repeat(121), image: await png(10, 10) }),
      'alt',
      /at most 120 characters/,
    );
    assert.deepEqual(await iconRows(user.id), []);
  });

  it(`refuses a ${MAX_ICONS + 1}th icon`, async () => {
    const { user, browser } = await member();
    const image = await png(20, 20);
    for (let i = 1; i <= MAX_ICONS; i++)
      await uploadIcon(ctx(), user.id, { keyword: `k${i}`, alt: `Icon ${i}`, image });
    const page = await browser.get('/account/icons');
    assert.match(textOf(page.body), /the most an account can have/);
    assert.doesNotMatch(page.body, /type="file"/, 'no upload form when full');
    const refused = await upload(
      browser,
      { keyword: 'one more', alt: 'Too many' },
      { name: 'x.png', type: 'image/png', bytes: image },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /You have 6 icons, the most an account can have/);
    assert.match(refused.body, /id="f-keyword"[^>]*value="one more"/);
    assert.equal((await iconRows(user.id)).length, MAX_ICONS);
  });

  it('refuses a keyword the account already uses (in any case), on upload and on edit', async () => {
    const { user, browser } = await member();
    const image = await png(50, 50);
    await uploadIcon(ctx(), user.id, { keyword: 'Happy', alt: 'Smiling', image });
    const other = await uploadIcon(ctx(), user.id, { keyword: 'sad', alt: 'Frowning', image });
    const refused = await upload(
      browser,
      { keyword: 'happy', alt: 'Grinning widely' },
      { name: 'x.png', type: 'image/png', bytes: image },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /already have an icon with the keyword “Happy”/);
    assert.match(refused.body, /id="f-keyword"[^>]*value="happy"/);
    assert.match(refused.body, /id="f-alt"[^>]*value="Grinning widely"/);
    assert.equal((await iconRows(user.id)).length, 2);

    // Someone else may use the same keyword.
    const stranger = await makeUser(ctx());
    await uploadIcon(ctx(), stranger.id, { keyword: 'happy', alt: 'Also smiling', image });

    const clash = await browser.post(
      `/account/icons/${other.id}/edit`,
      { keyword: ' HAPPY ', alt: 'Still frowning' },
      { csrfFrom: `/account/icons/${other.id}/edit` },
    );
    assert.equal(clash.statusCode, 422);
    assert.match(clash.body, /id="f-keyword"[^>]*value=" HAPPY "/);
    const before = (await iconRows(user.id)).find((r) => r.id === other.id)!;
    const saved = await browser.post(
      `/account/icons/${other.id}/edit`,
      { keyword: 'gloomy', alt: 'A rain cloud' },
      { csrfFrom: `/account/icons/${other.id}/edit` },
    );
    assert.equal(saved.statusCode, 303);
    const after = (await iconRows(user.id)).find((r) => r.id === other.id)!;
    assert.equal(after.keyword, 'gloomy');
    assert.equal(after.alt, 'A rain cloud');
    assert.deepEqual(Buffer.from(after.data), Buffer.from(before.data), 'the picture is unchanged');
  });

  it('switches the default: one at a time, by button or on upload', async () => {
    const { user, browser } = await member();
    const image = await png(30, 30);
    const first = await uploadIcon(ctx(), user.id, { keyword: 'first', alt: 'One', image });
    const second = await uploadIcon(ctx(), user.id, { keyword: 'second', alt: 'Two', image });
    assert.equal(first.is_default, 1);
    assert.equal(second.is_default, 0);
    const defaults = async () =>
      (await iconRows(user.id)).filter((r) => r.is_default === 1).map((r) => r.keyword);

    const made = await browser.post(
      `/account/icons/${second.id}/default`,
      {},
      { csrfFrom: '/account/icons' },
    );
    assert.equal(made.statusCode, 303);
    assert.deepEqual(await defaults(), ['second']);

    const third = await upload(
      browser,
      { keyword: 'third', alt: 'Three', default: '1' },
      { name: 'x.webp', type: 'image/webp', bytes: image },
    );
    assert.equal(third.statusCode, 303);
    assert.deepEqual(await defaults(), ['third']);
    await uploadIcon(ctx(), user.id, { keyword: 'fourth', alt: 'Four', image });
    assert.deepEqual(await defaults(), ['third'], 'an upload without the box leaves the default alone');

    const stranger = await member();
    const foreign = await stranger.browser.post(
      `/account/icons/${first.id}/default`,
      {},
      { csrfFrom: '/account/icons' },
    );
    assert.equal(foreign.statusCode, 404, 'nobody touches another account’s icons');
    assert.deepEqual(await defaults(), ['third']);
  });

  it('deletes an icon, and entries that used it keep no icon', async () => {
    const { user, browser } = await member();
    const image = await png(60, 60);
    const icon = await uploadIcon(ctx(), user.id, { keyword: 'cat', alt: 'A cat', image });
    const keep = await uploadIcon(ctx(), user.id, { keyword: 'dog', alt: 'A dog', image });
    const journal = await ensurePersonalJournal(ctx().db, user);
    const entryId = await postEntry(ctx(), user, journal, { subject: 'Hi', body: 'Hello', icon: 'cat' });
    const entryIcon = async () =>
      (
        await ctx()
          .db.selectFrom('entries')
          .select('icon_id')
          .where('id', '=', entryId)
          .executeTakeFirstOrThrow()
      ).icon_id;
    assert.equal(await entryIcon(), icon.id);

    const stranger = await member();
    const foreign = await stranger.browser.post(
      `/account/icons/${icon.id}/delete`,
      {},
      { csrfFrom: '/account/icons' },
    );
    assert.equal(foreign.statusCode, 404);

    const deleted = await browser.post(
      `/account/icons/${icon.id}/delete`,
      {},
      { csrfFrom: '/account/icons' },
    );
    assert.equal(deleted.statusCode, 303);
    assert.deepEqual(
      (await iconRows(user.id)).map((r) => r.id),
      [keep.id],
    );
    assert.equal(await entryIcon(), null);
    assert.equal((await env().app.inject({ url: `/icons/${icon.id}` })).statusCode, 404);
    assert.equal((await browser.get(`/account/icons/${icon.id}/edit`)).statusCode, 404);

    // Cat was the default: with none left, the next upload becomes it.
    const next = await uploadIcon(ctx(), user.id, { keyword: 'bird', alt: 'A bird', image });
    assert.equal(next.is_default, 1);
  });

  it('serves the bytes at /icons/:id with its type and long-lived caching', async () => {
    const user = await makeUser(ctx());
    const icon = await uploadIcon(ctx(), user.id, {
      keyword: 'x',
      alt: 'An icon',
      image: await png(120, 80),
    });
    const [row] = await iconRows(user.id);
    const response = await env().app.inject({ url: `/icons/${icon.id}` });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'image/webp');
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(response.rawPayload, Buffer.from(row!.data));
    assert.equal(response.headers['set-cookie'], undefined, 'no cookie on a cacheable response');
    for (const url of ['/icons/999999999', '/icons/abc', '/icons/0', '/icons/1e3', '/icons/99999999999']) {
      assert.equal((await env().app.inject({ url })).statusCode, 404, url);
    }
  });

  it('refuses an upload without a valid CSRF token, writing nothing', async () => {
    const { user, browser } = await member();
    const image = await png(40, 40);
    const form = new FormData();
    form.append('keyword', 'sneaky');
    form.append('alt', 'Cross-site');
    form.append('image', new Blob([image], { type: 'image/png' }), 'x.png');
    const encoded = new Response(form);
    const missing = await browser.inject({
      method: 'POST',
      url: '/account/icons',
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type')! },
    });
    assert.equal(missing.statusCode, 403);
    const forged = new FormData();
    forged.append('_csrf', 'forged');
    forged.append('keyword', 'sneaky');
    forged.append('alt', 'Cross-site');
    forged.append('image', new Blob([image], { type: 'image/png' }), 'x.png');
    const encodedForged = new Response(forged);
    const refused = await browser.inject({
      method: 'POST',
      url: '/account/icons',
      payload: Buffer.from(await encodedForged.arrayBuffer()),
      headers: { 'content-type': encodedForged.headers.get('content-type')! },
    });
    assert.equal(refused.statusCode, 403);
    const urlencoded = await browser.post('/account/icons', { keyword: 'x', alt: 'y' }, { csrf: false });
    assert.equal(urlencoded.statusCode, 403);
    assert.deepEqual(await iconRows(user.id), []);
    const guest = new TestClient(env().app);
    assert.equal((await guest.get('/account/icons')).statusCode, 401);
  });

  it('takes JPEG, GIF (first frame) and WebP; fits tall pictures; never enlarges; strips EXIF', async () => {
    const exifJpeg = await solid(40, 30)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Secret Person', ImageDescription: 'home address' } })
      .toBuffer();
    assert.ok((await sharp(exifJpeg).metadata()).exif, 'the fixture has EXIF');
    const small = await processIconImage(exifJpeg);
    assert.deepEqual([small.width, small.height], [40, 30], 'not enlarged');
    const meta = await sharp(small.data).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(meta.icc, undefined);
    assert.equal(meta.format, 'webp');

    const gif = await solid(50, 200).gif().toBuffer();
    const tall = await processIconImage(gif);
    assert.deepEqual([tall.width, tall.height], [25, 100]);

    const frame = (r: number, b: number) =>
      sharp({ create: { width: 80, height: 60, channels: 4, background: { r, g: 0, b, alpha: 1 } } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame(255, 0), await frame(0, 255)], { join: { animated: true } })
      .gif()
      .toBuffer();
    assert.equal((await sharp(animated).metadata()).pages, 2, 'the fixture is animated');
    const first = await processIconImage(animated);
    assert.deepEqual([first.width, first.height], [80, 60], 'one frame, not the strip of frames');
    const [red, , blue] = await sharp(first.data).raw().toBuffer();
    assert.ok(red! > 200 && blue! < 50, 'the first frame');

    const webp = await solid(300, 300).webp().toBuffer();
    const square = await processIconImage(webp);
    assert.deepEqual([square.width, square.height], [100, 100]);
  });

  it('gives entry pages their icons: iconsFor and <UserIcon>', async () => {
    const user = await makeUser(ctx());
    const image = await png(200, 100);
    const a = await uploadIcon(ctx(), user.id, { keyword: 'a', alt: 'Wide "quoted" <icon>', image });
    const b = await uploadIcon(ctx(), user.id, { keyword: 'b', alt: 'Another', image });
    const found = await iconsFor(ctx().db, [a.id, b.id, a.id, 987654321]);
    assert.deepEqual([...found.keys()].sort(), [a.id, b.id].sort());
    assert.equal(found.get(a.id)!.alt, 'Wide "quoted" <icon>');
    assert.deepEqual([found.get(a.id)!.width, found.get(a.id)!.height], [100, 50]);
    assert.equal((found.get(a.id) as unknown as Record<string, unknown>).data, undefined, 'never the bytes');
    assert.equal((await iconsFor(ctx().db, [])).size, 0);

    const html = renderToString(h(UserIcon, { icon: found.get(a.id)! }));
    assert.match(html, new RegExp(`src="/icons/${a.id}"`));
    assert.match(html, /alt="Wide &quot;quoted&quot; &lt;icon>"/);
    assert.match(html, /width="100" height="50"/);
    assert.match(renderToString(h(UserIcon, { icon: { id: 1, alt: 'x' } })), /width="100" height="100"/);
  });

  it('goes when the account goes', async () => {
    const user = await makeUser(ctx());
    await uploadIcon(ctx(), user.id, { keyword: 'bye', alt: 'Waving', image: await png(10, 10) });
    await ctx().db.deleteFrom('users').where('id', '=', user.id).execute();
    assert.deepEqual(await iconRows(user.id), []);
  });
});
