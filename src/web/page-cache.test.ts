import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { TestClient } from '../../test/client.ts';
import { makeUser } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';
import { seedWorkInput } from '../../test/seed.ts';
import { postWork } from '../features/works/works.service.ts';
import { acceptsGzip, PageCache } from './page-cache.ts';

describe('the guest page cache', () => {
  it('keeps pages gzipped, per version, within its budget', () => {
    const cache = new PageCache(64 * 1024);
    const page = `<p>${'A page of a story, told again and again. '.repeat(400)}</p>`;
    const kept = cache.set('/works/1|', 'v1', page);
    assert.ok(kept.length * 4 < Buffer.byteLength(page), `${kept.length} bytes kept for ${page.length}`);
    assert.equal(gunzipSync(cache.get('/works/1|', 'v1')!).toString(), page);
    assert.equal(cache.get('/works/1|', 'v2'), undefined, 'another version is a miss');
    for (let i = 2; i < 400; i++) cache.set(`/works/${i}|`, 'v1', `${page}${i}`);
    assert.equal(cache.get('/works/1|', 'v1'), undefined, 'the oldest page made room');
  });

  it('reads Accept-Encoding', () => {
    for (const [header, expected] of [
      ['gzip, deflate, br', true],
      ['br;q=1.0, gzip;q=0.8', true],
      ['*', true],
      ['identity', false],
      ['gzip;q=0', false],
      ['deflate, br', false],
      [undefined, false],
    ] as const)
      assert.equal(acceptsGzip(header), expected, String(header));
  });
});

eachDialect('cached work pages on the wire', (env) => {
  it('go gzipped to clients that take gzip and plain to the others, the same page either way', async () => {
    const { ctx, app } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, writer, seedWorkInput({ title: 'Sent twice', series: null }));
    const guest = new TestClient(app);
    const gzip = { 'accept-encoding': 'gzip, deflate, br' };
    const pages: string[] = [];
    for (const [round, headers] of [
      ['just rendered', gzip],
      ['from the cache', gzip],
      ['from the cache, unpacked', {}],
    ] as const) {
      const page = await guest.get(`/works/${workId}`, headers);
      assert.equal(page.statusCode, 200, round);
      assert.match(String(page.headers.vary), /Accept-Encoding/, round);
      const packed = 'accept-encoding' in headers;
      assert.equal(page.headers['content-encoding'], packed ? 'gzip' : undefined, round);
      pages.push(packed ? gunzipSync(page.rawPayload).toString() : page.body);
    }
    assert.match(pages[0]!, /Sent twice/);
    assert.deepEqual(pages, [pages[0], pages[0], pages[0]]);
  });
});
