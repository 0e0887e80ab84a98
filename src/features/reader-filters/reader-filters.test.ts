import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient, textOf, callApi } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { findOrCreateTags } from '../tags/tags.repository.ts';
import { wrangleTag } from '../tags/wrangling.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';

const NONE = { relationships: [], characters: [], additionalTags: [] };

eachDialect('a reader’s blocklist and saved filters', (env) => {
  let token = '';
  let reader: Awaited<ReturnType<typeof makeUser>>;
  let other: Awaited<ReturnType<typeof makeUser>>;
  let smallville = 0;

  before(async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    other = await makeUser(ctx);
    reader = await makeUser(ctx);
    const admin = await makeUser(ctx, { role: 'admin' });
    ({ token } = await createToken(ctx, reader.id, 'test'));
    const post = (user: typeof writer, fields: Record<string, unknown>) =>
      postWork(ctx, user, seedWorkInput({ ...NONE, series: null, ...fields }));
    await post(writer, { title: 'One', relationships: ['Lex/Lana'], additionalTags: ['Fluff'] });
    await post(writer, { title: 'Two', fandoms: ['Smallville', 'Supernatural'], additionalTags: ['Angst'] });
    await post(other, { title: 'Three', fandoms: ['Supernatural'] });
    await post(writer, { title: 'Four', additionalTags: ['Soul-crushing angst'] });
    await post(writer, { title: 'Five', restricted: true });
    const now = new Date().toISOString();
    const [pairing] = await findOrCreateTags(ctx.db, 'relationship', ['Lana Lang/Lex Luthor'], now);
    await wrangleTag(ctx, admin, pairing!, { canonical: true });
    const [short] = await findOrCreateTags(ctx.db, 'relationship', ['Lex/Lana'], now);
    await wrangleTag(ctx, admin, short!, { synonymOf: 'Lana Lang/Lex Luthor' });
    const [angst, soul] = await findOrCreateTags(ctx.db, 'freeform', ['Angst', 'Soul-crushing angst'], now);
    await wrangleTag(ctx, admin, angst!, { canonical: true });
    await wrangleTag(ctx, admin, soul!, { canonical: true, metatags: ['Angst'] });
    smallville = (await findOrCreateTags(ctx.db, 'fandom', ['Smallville'], now))[0]!;
    await env().worker.drain();
    await browseIndexFor(ctx.db).sync(true);
  });

  const api = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object, auth = true) =>
    callApi(env().app, method, url, { token: auth && token, payload });
  const titles = (body: { works: { title: string }[] }) => body.works.map((w) => w.title).sort();

  describe('applied by the server', () => {
    before(async () => {
      const put = await api('PUT', '/me/blocklist', {
        tags: ['Angst', 'Lex/Lana'],
        creators: [other.username],
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
    });

    it('leaves blocked tags (with their synonyms and subtags) and creators out of listings and counts', async () => {
      const { body } = await api('GET', '/works');
      assert.deepEqual(titles(body), ['Five']);
      assert.equal(body.total, 1);
      assert.deepEqual(body.facets.fandom, [{ tag: 'Smallville', count: 1 }]);
      assert.deepEqual(body.facets.freeform, []);
      assert.deepEqual(body.blocklist, { tags: 2, creators: 1, applied: true });
    });

    it('applies to tag listings, creator listings and text search', async () => {
      assert.deepEqual(titles((await api('GET', '/tags/Smallville/works')).body), ['Five']);
      assert.deepEqual(titles((await api('GET', '/tags/Supernatural/works')).body), []);
      assert.deepEqual(titles((await api('GET', '/works?q=Peace')).body), ['Five']);
      const page = await env().app.inject({ url: `/users/${other.username}/works` });
      assert.match(textOf(page.body), /Works by/);
    });

    it('can be switched off for one listing, and never touches anyone else’s', async () => {
      const off = (await api('GET', '/works?blocklist=off')).body;
      assert.deepEqual(titles(off), ['Five', 'Four', 'One', 'Three', 'Two']);
      assert.equal(off.blocklist.applied, false);
      const guest = (await api('GET', '/works', undefined, false)).body;
      assert.deepEqual(titles(guest), ['Four', 'One', 'Three', 'Two']);
      assert.equal(guest.blocklist, null);
      assert.equal((await api('GET', '/tags/Nobody%20Tagged%20This/works')).status, 404);
    });

    it('is read and replaced whole through the API; an unknown name changes nothing', async () => {
      const bad = await api('PUT', '/me/blocklist', { tags: ['Angst', 'Not A Tag'] });
      assert.equal(bad.status, 422);
      assert.match(bad.body.error.message, /No tag is called “Not A Tag”/);
      const { body } = await api('GET', '/me/blocklist');
      assert.deepEqual(body.tags.map((t: { name: string }) => t.name).sort(), [
        'Angst',
        'Lana Lang/Lex Luthor',
      ]);
      assert.deepEqual(
        body.creators.map((c: { username: string }) => c.username),
        [other.username],
      );
      assert.equal((await api('GET', '/me/blocklist', undefined, false)).status, 401);
    });
  });

  describe('from the pages', () => {
    let browser: TestClient;
    before(async () => {
      await api('PUT', '/me/blocklist', { tags: [], creators: [] });
      browser = new TestClient(env().app);
      await browser.post('/login', { login: reader.username, password: FACTORY_PASSWORD });
    });

    it('saves a listing’s excluded tag to the blocklist and the counts follow', async () => {
      const listing = `/tags/${smallville}/works`;
      const before = textOf((await browser.get(listing)).body);
      assert.match(before, /1–4 of 4 works/);
      const excluded = (await browser.get(`${listing}?excludeTags=Angst`)).body;
      assert.match(textOf(excluded), /1–2 of 2 works/);
      assert.match(textOf(excluded), /Always hide “Angst”/);
      const saved = await browser.post(
        '/account/blocklist/tags',
        { tags: ['Angst'], return: listing },
        { csrfFrom: `${listing}?excludeTags=Angst` },
      );
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, listing);
      const after = textOf((await browser.get(listing)).body);
      assert.match(after, /1–2 of 2 works/);
      assert.match(after, /Your blocklist \(1 tag\) is hiding works here/);
      assert.match(textOf((await browser.get(`${listing}?blocklist=off`)).body), /1–4 of 4 works/);
      assert.match(textOf((await browser.get('/works')).body), /1–3 of 3 works/);
    });

    it('says what is wrong and keeps what was typed', async () => {
      const unknown = await browser.post('/account/blocklist/tags', { tags: 'Fluff, Not A Tag' });
      assert.equal(unknown.statusCode, 422);
      assert.match(textOf(unknown.body), /No tag is called “Not A Tag”/);
      assert.match(unknown.body, /value="Fluff, Not A Tag"/);
      const self = await browser.post('/account/blocklist/creators', { username: reader.username });
      assert.equal(self.statusCode, 422);
      assert.match(textOf(self.body), /cannot block your own works/);
      const nobody = await browser.post('/account/blocklist/creators', { username: 'no-such-person' });
      assert.match(textOf(nobody.body), /No one is called “no-such-person”/);
    });

    it('blocks a creator from the page and removes entries again', async () => {
      const blocked = await browser.post('/account/blocklist/creators', { username: other.username });
      assert.equal(blocked.statusCode, 303);
      const page = (await browser.get('/account/blocklist')).body;
      assert.match(textOf(page), new RegExp(`Angst.*${other.username}`));
      assert.match(textOf((await browser.get('/works')).body), /1–2 of 2 works/);
      const ids = [...page.matchAll(/action="(\/account\/blocklist\/(?:tags|creators)\/\d+\/delete)"/g)];
      assert.equal(ids.length, 2);
      for (const [, action] of ids) {
        assert.equal((await browser.post(action!, {}, { csrfFrom: '/account/blocklist' })).statusCode, 303);
      }
      assert.match(textOf((await browser.get('/works')).body), /1–5 of 5 works/);
    });

    it('saves a filter, offers it on every listing, and deletes it', async () => {
      const query = `/tags/${smallville}/works?excludeTags=Fluff&sort=title`;
      const saved = await browser.post(
        '/account/saved-filters',
        { name: 'No fluff', query },
        { csrfFrom: query },
      );
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, query);
      assert.match(
        (await browser.get('/works')).body,
        /href="\/tags\/\d+\/works\?excludeTags=Fluff&amp;sort=title">No fluff</,
      );
      const outside = await browser.post('/account/saved-filters', {
        name: 'Away',
        query: 'https://example.com/',
      });
      assert.equal(outside.statusCode, 422);
      assert.match(textOf(outside.body), /Only a listing of works can be saved/);
      assert.match(outside.body, /value="Away"/);
      const list = await api('GET', '/me/saved-filters');
      assert.deepEqual(
        list.body.filters.map((f: { name: string }) => f.name),
        ['No fluff'],
      );
      const [{ id }] = list.body.filters;
      assert.equal((await api('DELETE', `/me/saved-filters/${id}`)).status, 200);
      assert.equal((await api('DELETE', `/me/saved-filters/${id}`)).status, 404);
      const created = await api('POST', '/me/saved-filters', {
        name: 'Explicit only',
        query: '/works?rating=Explicit',
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.query, '/works?rating=Explicit');
    });
  });
});
