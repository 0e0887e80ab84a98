import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hiddenValue, postMultipart, TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { SEED_POST } from '../../../test/seed.ts';
import { readWork } from '../works/works.read.ts';

/** The review form's fields as a browser would submit them (the values the page shows). */
function reviewFields(html: string, overrides: Record<string, string | string[]> = {}) {
  const input = (name: string) => {
    const match = new RegExp(`<input[^>]*id="f-${name}"[^>]*value="([^"]*)"`).exec(html);
    return match
      ? match[1]!
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
      : '';
  };
  const area = (name: string) => {
    const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
    return (match?.[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  };
  const checked = (name: string) =>
    [
      ...html.matchAll(
        new RegExp(
          `<input type="(?:checkbox|radio)" id="f-${name}-\\d+" name="${name}" value="([^"]*)" checked`,
          'g',
        ),
      ),
    ].map((m) => m[1]!);
  return {
    importInfo: hiddenValue(html, 'importInfo'),
    title: input('title'),
    rating: checked('rating')[0] ?? '',
    warnings: checked('warnings'),
    fandoms: input('fandoms'),
    relationships: input('relationships'),
    characters: input('characters'),
    additionalTags: input('additionalTags'),
    summary: area('summary'),
    notes: area('notes'),
    seriesTitle: input('seriesTitle'),
    seriesPart: input('seriesPart'),
    expectedChapters: input('expectedChapters'),
    postedAt: input('postedAt'),
    language: input('language'),
    chapterBody: area('chapterBody'),
    chapterFormat: 'html',
    save: 'post',
    ...overrides,
  };
}

eachDialect('importer pages', (env) => {
  async function writer() {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return { user, browser };
  }

  it('reads a pasted post into a pre-filled form, highlights what to check, and posts it once', async () => {
    const { browser } = await writer();
    const review = await browser.post('/import', { post: SEED_POST, format: 'auto' });
    assert.equal(review.statusCode, 200);
    const html = review.body;
    assert.match(html, /Check your import/);
    assert.match(html, /id="f-title"[^>]*value="Symphony, Part V"/);
    assert.match(html, /id="f-fandoms"[^>]*value="Smallville"/);
    assert.match(html, /value="Teen And Up Audiences" checked/);
    assert.match(html, /field--notice"[\s\S]*?not archive warnings/, 'warnings are highlighted');
    assert.match(textOf(html), /the header says 595, Quire counts 594/);

    const fields = reviewFields(html, { fandoms: 'Smallville (TV)' });
    const posted = await browser.post('/import/post', fields, { csrfFrom: '/import' });
    assert.equal(posted.statusCode, 303, posted.body.slice(0, 500));
    const workId = Number(/\/works\/(\d+)/.exec(String(posted.headers.location))?.[1]);
    const view = await readWork(env().ctx, null, workId);
    assert.deepEqual(view.tags.fandom, ['Smallville (TV)'], 'the corrected field is kept');
    assert.deepEqual(
      view.series.map((s) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.equal(view.work.published_at, '2006-01-21T19:20:00.000Z');

    const again = await browser.post('/import/post', fields, { csrfFrom: '/import' });
    assert.equal(again.statusCode, 303);
    assert.equal(
      again.headers.location,
      `/works/${workId}`,
      'importing the same post again makes nothing new',
    );
  });

  it('keeps what was typed and says what is wrong when the form is refused', async () => {
    const { browser } = await writer();
    const review = await browser.post('/import', { post: SEED_POST });
    const fields = reviewFields(review.body, { fandoms: '', title: 'My corrected title' });
    const refused = await browser.post('/import/post', fields, { csrfFrom: '/import' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Please add at least one fandom/);
    assert.match(refused.body, /value="My corrected title"/);
    assert.match(refused.body, /not archive warnings/, 'the notices are still shown');
  });

  it('takes an uploaded file, and refuses empty, binary and unsupported ones with one message', async () => {
    const { browser } = await writer();
    const bytes = (text: string) => new Uint8Array(Buffer.from(text));
    const upload = (name: string, type: string, data: Uint8Array<ArrayBuffer>) =>
      postMultipart(
        browser,
        '/import',
        { post: '', format: 'auto' },
        { field: 'file', name, type, bytes: data },
        '/import',
      );
    const ok = await upload('seed.txt', 'text/plain', bytes(SEED_POST));
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /id="f-title"[^>]*value="Symphony, Part V"/);

    const cases: [string, Uint8Array<ArrayBuffer>, RegExp][] = [
      ['empty.txt', new Uint8Array(0), /Paste a post, or choose a file/],
      ['story.epub', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /ZIP archive/],
      ['junk.bin', new Uint8Array([65, 66, 0, 1, 2, 3]), /binary/],
      ['story.pdf', bytes('%PDF-1.4 …'), /is a PDF/],
    ];
    for (const [name, data, message] of cases) {
      const refused = await upload(name, 'application/octet-stream', data);
      assert.equal(refused.statusCode, 422, name);
      assert.match(textOf(refused.body), message, name);
    }
    const nothing = await browser.post('/import', { post: '   ' });
    assert.equal(nothing.statusCode, 422);
    assert.match(nothing.body, /Paste a post, or choose a file/);
  });

  it('is for signed-in writers only', async () => {
    const guest = new TestClient(env().app);
    const page = await guest.get('/import');
    assert.equal(page.statusCode, 401);
  });
});
