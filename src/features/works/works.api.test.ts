import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedStoryText } from '../../../test/seed.ts';
import { createToken } from '../tokens/tokens.service.ts';

const seedJson = {
  title: 'Symphony, Part V',
  fandoms: ['Smallville'],
  rating: 'Teen And Up Audiences',
  warnings: ['No Archive Warnings Apply'],
  categories: ['F/M'],
  relationships: ['Lex Luthor/Lana Lang'],
  characters: ['Lex Luthor', 'Lana Lang'],
  additionalTags: ['Future AU', 'Soul-crushing angst'],
  summary: 'Peace.',
  notes: 'What? I’m done?',
  language: 'en',
  series: { title: 'Symphony', part: 5 },
  restricted: false,
  comments: 'everyone',
  postedAt: '2006-01-21',
  expectedChapters: null,
  draft: false,
  chapter: { title: '', body: seedStoryText(), format: 'text' },
};

eachDialect('works API', (env) => {
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    token?: string,
    payload?: unknown,
  ) =>
    env().app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('posts, reads, adds and edits chapters, and deletes through /api/v1/works', async () => {
    const writer = await makeUser(env().ctx);
    const { token } = await createToken(env().ctx, writer.id, 'api');
    const created = await call('POST', '/api/v1/works', token, seedJson);
    assert.equal(created.statusCode, 201, created.body);
    const work = created.json();
    assert.equal(work.wordCount, 594);
    assert.equal(work.revisedAt, '2006-01-21T12:00:00.000Z');
    assert.deepEqual(
      work.series.map((s: { title: string; part: number }) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.equal(work.downloads.epub, `${env().config.baseUrl}/works/${work.id}/download.epub`);
    assert.equal(work.version, '1.0');

    const guest = await call('GET', `/api/v1/works/${work.id}`);
    assert.equal(guest.json().title, 'Symphony, Part V');

    const chapter = await call('POST', `/api/v1/works/${work.id}/chapters`, token, {
      title: 'Coda',
      body: '<p>After the end.</p>',
    });
    assert.equal(chapter.statusCode, 201, chapter.body);
    const added = chapter.json();
    assert.equal(added.title, 'Coda');
    assert.ok(added.work.revisedAt > work.revisedAt, 'a new chapter bumps');
    assert.equal(added.work.version, '2.0');

    const edited = await call('PATCH', `/api/v1/works/${work.id}`, token, {
      ...seedJson,
      title: 'Symphony, Part V (revised)',
      chapter: undefined,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().revisedAt, added.work.revisedAt, 'an edit is not a bump');
    assert.equal(edited.json().version, '2.1');

    const removed = await call('DELETE', `/api/v1/works/${work.id}/chapters/${added.id}`, token);
    assert.equal(removed.json().revisedAt, '2006-01-21T12:00:00.000Z', 'Date Updated recomputed');
    assert.equal((await call('DELETE', `/api/v1/works/${work.id}`, token)).json().deleted, true);
    assert.equal((await call('GET', `/api/v1/works/${work.id}`)).statusCode, 404);
  });

  it('names the field in 422 errors and refuses other people’s works', async () => {
    const writer = await makeUser(env().ctx);
    const { token } = await createToken(env().ctx, writer.id, 'api');
    const missing = await call('POST', '/api/v1/works', token, { ...seedJson, fandoms: [] });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().error.field, 'fandoms');
    assert.match(missing.json().error.message, /at least one fandom/);
    const badRating = await call('POST', '/api/v1/works', token, { ...seedJson, rating: 'PG-13' });
    assert.equal(badRating.json().error.field, 'rating');
    assert.equal((await call('POST', '/api/v1/works', undefined, seedJson)).statusCode, 401);

    const work = (
      await call('POST', '/api/v1/works', token, { ...seedJson, series: null, restricted: true })
    ).json();
    assert.equal(
      (await call('GET', `/api/v1/works/${work.id}`)).statusCode,
      404,
      'restricted: not for guests',
    );
    const other = await makeUser(env().ctx);
    const { token: otherToken } = await createToken(env().ctx, other.id, 'api');
    assert.equal((await call('GET', `/api/v1/works/${work.id}`, otherToken)).statusCode, 200);
    const foreign = await call('POST', `/api/v1/works/${work.id}/chapters`, otherToken, {
      body: '<p>Mine.</p>',
    });
    assert.equal(foreign.statusCode, 403);
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/works'].post.requestBody);
    assert.ok(doc.paths['/api/v1/works/{id}/chapters/{chapterId}'].patch);
  });
});
