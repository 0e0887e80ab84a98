import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { TagSuggester } from '../browse/tag-suggestions.ts';
import { findActiveViewer } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from '../works/works.service.ts';
import { findOrCreateTags } from './tags.repository.ts';
import { wrangleTag } from './wrangling.service.ts';

const workForm = (title: string, tags: Record<string, string>, extra: Record<string, string> = {}) => ({
  title,
  rating: 'General Audiences',
  warnings: 'No Archive Warnings Apply',
  fandoms: 'Original Work',
  chapterBody: 'Once upon a time.',
  chapterFormat: 'text',
  save: 'post',
  ...tags,
  ...extra,
});

eachDialect('tag autocomplete', (env) => {
  const guest = () => new TestClient(env().app);
  let writer: TestClient;
  let reader: TestClient;
  let moderator: TestClient;

  async function loggedIn(role: 'user' | 'moderator' = 'user') {
    const user = await makeUser(env().ctx, { role });
    const client = new TestClient(env().app);
    await client.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return client;
  }

  async function post(title: string, tags: Record<string, string>, extra: Record<string, string> = {}) {
    const response = await writer.post('/works', workForm(title, tags, extra), { csrfFrom: '/works/new' });
    assert.equal(response.statusCode, 303, `posted ${title}`);
    return Number(/\/works\/(\d+)/.exec(String(response.headers.location))?.[1]);
  }

  /** The suggested names (and uses) for a look-up, as `client` sees them. */
  async function suggest(client: TestClient, type: string, q: string) {
    const response = await client.get(`/tags/autocomplete?type=${type}&q=${encodeURIComponent(q)}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    return (response.json() as { tags: { name: string; uses: number }[] }).tags.map(({ name, uses }) => ({
      name,
      uses,
    }));
  }
  const names = async (client: TestClient, type: string, q: string) =>
    (await suggest(client, type, q)).map((t) => t.name);

  before(async () => {
    writer = await loggedIn();
    reader = await loggedIn();
    moderator = await loggedIn('moderator');
    await post('One', {
      fandoms: 'Smallville, It’s a Small World',
      characters: 'Smallville Sheriff',
      relationships: 'Lex Luthor/Lana Lang',
    });
    await post('Two', { fandoms: 'Smallville, It’s a Small World, Small Soldiers, Smalltown Boys' });
    await post('Three', { fandoms: 'It’s a Small World', additionalTags: '100% Canon, snake_case' });
    await post('Four', { additionalTags: '100 Percent Fluff, snakeXcase, Shared Secret' });
    await post('Draft', { fandoms: 'Draftonly Fandom', additionalTags: 'Shared Secret' }, { save: 'draft' });
    await post('Members', { fandoms: 'Membersonly Fandom' }, { restricted: '1' });
    const hidden = await post('Hidden', { fandoms: 'Hiddenonly Fandom' });
    await env()
      .ctx.db.updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', hidden)
      .execute();
  });

  it('suggests names starting with the text first, then names with a word starting with it; by uses, then name', async () => {
    assert.deepEqual(await suggest(guest(), 'fandom', 'small'), [
      { name: 'Smallville', uses: 2 },
      { name: 'Small Soldiers', uses: 1 },
      { name: 'Smalltown Boys', uses: 1 },
      { name: 'It’s a Small World', uses: 3 },
    ]);
    assert.deepEqual(await names(guest(), 'fandom', 'SMALLV'), ['Smallville'], 'case-insensitive');
    assert.deepEqual(await names(guest(), 'fandom', '  world '), ['It’s a Small World'], 'trimmed');
    assert.deepEqual(await names(guest(), 'character', 'small'), ['Smallville Sheriff'], 'one type only');
    assert.deepEqual(await names(guest(), 'relationship', 'small'), []);
    for (const typed of ['Lex Luthor/La', 'lana lang', 'luthor/lana']) {
      assert.deepEqual(await names(guest(), 'relationship', typed), ['Lex Luthor/Lana Lang'], typed);
    }
  });

  it('suggests at most ten', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `Numbered Tag ${String(i + 1).padStart(2, '0')}`);
    await post('Many', { additionalTags: many.join(', ') });
    assert.deepEqual(await names(guest(), 'freeform', 'numbered tag'), many.slice(0, 10));
  });

  it('takes % and _ in the text literally', async () => {
    assert.deepEqual(await names(guest(), 'freeform', '100%'), ['100% Canon']);
    assert.deepEqual(await names(guest(), 'freeform', '%'), ['100% Canon']);
    assert.deepEqual(await names(guest(), 'freeform', 'snake_'), ['snake_case']);
    assert.deepEqual(await names(guest(), 'freeform', '_'), ['snake_case']);
    assert.deepEqual(await names(guest(), 'freeform', '\\'), []);
  });

  it('never suggests a tag only on a draft, to anyone, its writer included', async () => {
    for (const client of [guest(), reader, writer, moderator]) {
      assert.deepEqual(await names(client, 'fandom', 'draftonly'), []);
    }
    // A tag on a draft and on a posted work counts only the posted one.
    assert.deepEqual(await suggest(guest(), 'freeform', 'shared secret'), [
      { name: 'Shared Secret', uses: 1 },
    ]);
  });

  it('suggests a tag only on a work for registered users to registered users, not to guests', async () => {
    assert.deepEqual(await names(guest(), 'fandom', 'membersonly'), []);
    assert.deepEqual(await names(reader, 'fandom', 'membersonly'), ['Membersonly Fandom']);
  });

  it('never suggests a tag only on a hidden work (suggestions come from what listings may show)', async () => {
    for (const client of [guest(), reader, writer, moderator]) {
      assert.deepEqual(await names(client, 'fandom', 'hiddenonly'), []);
    }
  });

  it('matches the start of any word, and leads a synonym to its canonical tag', async () => {
    assert.deepEqual(await names(guest(), 'fandom', 'sold'), ['Small Soldiers']);
    assert.deepEqual(await names(guest(), 'fandom', 'mall'), [], 'not inside a word');
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const now = new Date().toISOString();
    const [pairing] = await findOrCreateTags(env().ctx.db, 'relationship', ['Lex Luthor/Lana Lang'], now);
    await wrangleTag(env().ctx, admin, pairing!, { canonical: true });
    await post('Short', { relationships: 'Lexana' });
    const [short] = await findOrCreateTags(env().ctx.db, 'relationship', ['Lexana'], now);
    await wrangleTag(env().ctx, admin, short!, { synonymOf: 'Lex Luthor/Lana Lang' });
    await env().worker.drain();
    assert.deepEqual(await suggest(guest(), 'relationship', 'lexana'), [
      { name: 'Lex Luthor/Lana Lang', uses: 2 },
    ]);
  });

  it('offers canonical tags first, and answers the same through the API', async () => {
    const writer = await makeUser(env().ctx, { role: 'admin' });
    await postWork(env().ctx, writer, seedWorkInput({ fandoms: ['Canon Town', 'Canon Towne'] }));
    await postWork(env().ctx, writer, seedWorkInput({ fandoms: ['Canon Towne'] }));
    const [town] = await findOrCreateTags(env().ctx.db, 'fandom', ['Canon Town'], new Date().toISOString());
    await wrangleTag(env().ctx, writer, town!, { canonical: true });
    const api = await env().app.inject({
      method: 'GET',
      url: '/api/v1/tags/autocomplete?type=fandom&q=canon',
    });
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json().tags, [
      { name: 'Canon Town', uses: 1, canonical: true },
      { name: 'Canon Towne', uses: 2, canonical: false },
    ]);
    const bad = await env().app.inject({ method: 'GET', url: '/api/v1/tags/autocomplete?type=rating&q=x' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.field, 'type');
  });

  it('keeps the most used of many matches for one letter, as a full sort would', async () => {
    // Tag j is on 40 − j public works; tags 30–39 are also on 35 registered-only works, so they
    // lead the popular list (counted for registered readers) but trail for guests: a scan that
    // stopped at the first ten canonical matches would answer guests wrongly.
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const tags = Array.from({ length: 40 }, (_, j) => `Qa ${String(j).padStart(2, '0')}`);
    const post = (title: string, additionalTags: string[], restricted = false) =>
      postWork(env().ctx, admin, {
        ...seedWorkInput({ series: undefined, additionalTags, restricted }),
        title,
      });
    for (let i = 0; i < 40; i++) await post(`Q ${i}`, tags.slice(0, i + 1).reverse());
    for (let i = 0; i < 35; i++) await post(`R ${i}`, tags.slice(30), true);
    const now = new Date().toISOString();
    for (const id of await findOrCreateTags(env().ctx.db, 'freeform', tags, now))
      await wrangleTag(env().ctx, admin, id, { canonical: true });
    // A word-start match used on more works still comes after the prefix matches.
    await post('Big', ['Big Q']);
    await env().worker.drain();
    const uses = (ids: number[], extra: number) => ids.map((j) => ({ name: tags[j]!, uses: 40 - j + extra }));
    const firstTen = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    assert.deepEqual(await suggest(guest(), 'freeform', 'q'), uses(firstTen, 0));
    // As at a million works, where the database's first rows of a letter are a small part: here
    // it gives 3, and the other answers come from the scan of the popular list.
    const { db, dialect } = env().ctx;
    const suggester = new TagSuggester(db, dialect, browseIndexFor(db), 3);
    const viaScan = async (viewer: Viewer | null) =>
      (await suggester.suggest(viewer, 'freeform', 'q')).map(({ name, uses }) => ({ name, uses }));
    assert.deepEqual(await viaScan(null), uses(firstTen, 0));
    const registered = await viaScan((await findActiveViewer(db, admin.id)) ?? null);
    assert.deepEqual(registered, await suggest(reader, 'freeform', 'qa'));
    assert.deepEqual(registered, [
      ...uses([30, 31, 32, 33, 34], 35),
      { name: 'Qa 00', uses: 40 },
      { name: 'Qa 35', uses: 40 },
      { name: 'Qa 01', uses: 39 },
      { name: 'Qa 36', uses: 39 },
      { name: 'Qa 02', uses: 38 },
    ]);
  });

  it('refuses a bad type or query with a 400 in the error shape', async () => {
    for (const [query, field] of [
      ['type=rating&q=teen', 'type'],
      ['type=fandom', 'q'],
      ['type=fandom&q=%20%20', 'q'],
      [`type=fandom&q=${'x'.repeat(101)}`, 'q'],
    ] as const) {
      const response = await guest().get(`/tags/autocomplete?${query}`);
      assert.equal(response.statusCode, 400, query);
      const body = response.json() as { error: { code: string; message: string; field?: string } };
      assert.equal(body.error.code, 'invalid_input', query);
      assert.equal(body.error.field, field, query);
      assert.ok(body.error.message.length > 0);
    }
    const ok = await guest().get(`/tags/autocomplete?type=fandom&q=${'x'.repeat(100)}`);
    assert.equal(ok.statusCode, 200, 'a 100-character query is fine');
  });
});
