import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { findOrCreateTags } from '../tags/tags.repository.ts';
import { wrangleTag } from '../tags/wrangling.service.ts';
import { postWork } from '../works/works.service.ts';
import { browseIndexFor } from './browse-index.ts';

eachDialect('browsing works (GET /api/v1/works)', (env) => {
  let token = '';
  before(async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const admin = await makeUser(ctx, { role: 'admin' });
    ({ token } = await createToken(ctx, writer.id, 'test'));
    await postWork(
      ctx,
      writer,
      seedWorkInput({ title: 'One', relationships: ['Lex/Lana'], additionalTags: ['Fluff'] }),
    );
    await postWork(
      ctx,
      writer,
      seedWorkInput({
        title: 'Two',
        fandoms: ['Smallville', 'Supernatural'],
        rating: 'Explicit',
        additionalTags: ['Angst'],
        relationships: [],
        expectedChapters: null,
        chapter: {
          body: 'A crossover begins, and it is not finished yet.',
          format: 'text',
          title: '',
          summary: '',
          notes: '',
          endNotes: '',
        },
      }),
    );
    await postWork(
      ctx,
      writer,
      seedWorkInput({ title: 'Three', fandoms: ['Supernatural'], restricted: true, relationships: [] }),
    );
    await postWork(ctx, writer, seedWorkInput({ title: 'Draft', draft: true }));
    const [canonical] = await findOrCreateTags(
      ctx.db,
      'relationship',
      ['Lana Lang/Lex Luthor'],
      new Date().toISOString(),
    );
    await wrangleTag(ctx, admin, canonical!, { canonical: true });
    const [short] = await findOrCreateTags(ctx.db, 'relationship', ['Lex/Lana'], new Date().toISOString());
    await wrangleTag(ctx, admin, short!, { synonymOf: 'Lana Lang/Lex Luthor' });
    await env().worker.drain();
    await browseIndexFor(ctx.db).sync(true);
  });

  const get = async (query: string, signedIn = false) => {
    const response = await env().app.inject({
      method: 'GET',
      url: `/api/v1/works?${query}`,
      headers: signedIn ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.statusCode, body: response.json() };
  };
  const titles = (body: { works: { title: string }[] }) => body.works.map((w) => w.title);

  it('lists what a guest may see, newest first, with exact facet counts', async () => {
    const { status, body } = await get('');
    assert.equal(status, 200);
    assert.deepEqual(titles(body), ['Two', 'One']);
    assert.equal(body.total, 2);
    assert.deepEqual(body.facets.fandom, [
      { tag: 'Smallville', count: 2 },
      { tag: 'Supernatural', count: 1 },
    ]);
    const signedIn = await get('', true);
    assert.deepEqual(
      titles(signedIn.body),
      ['Three', 'Two', 'One'],
      'registered users see registered-only works',
    );
    assert.deepEqual(signedIn.body.facets.fandom, [
      { tag: 'Smallville', count: 2 },
      { tag: 'Supernatural', count: 2 },
    ]);
  });

  it('filters by tags through synonyms, exclusions, crossovers, completion and words', async () => {
    assert.deepEqual(
      titles((await get('tags=Lana%20Lang/Lex%20Luthor')).body),
      ['One'],
      'the synonym’s work is found',
    );
    assert.deepEqual(titles((await get('tags=Smallville&excludeTags=Angst')).body), ['One']);
    assert.deepEqual(titles((await get('crossover=only')).body), ['Two']);
    assert.deepEqual(titles((await get('crossover=exclude', true)).body), ['Three', 'One']);
    assert.deepEqual(titles((await get('complete=false')).body), ['Two']);
    assert.deepEqual(titles((await get('rating=Explicit')).body), ['Two']);
    assert.deepEqual(titles((await get('wordsFrom=100')).body), ['One']);
    assert.deepEqual(titles((await get('sort=title')).body), ['One', 'Two']);
    const unknown = await get('tags=Nobody%20Wrote%20This');
    assert.equal(unknown.body.total, 0);
    assert.deepEqual(unknown.body.notes, ['No tag is called “Nobody Wrote This”.']);
  });

  it('searches text within the filters', async () => {
    assert.deepEqual(titles((await get('q=crossover')).body), ['Two']);
    assert.deepEqual(titles((await get('q=Talon%20-crossover')).body), ['One']);
    assert.deepEqual(titles((await get('q=complete:no')).body), ['Two']);
  });

  it('refuses what it cannot do with a message naming the parameter', async () => {
    const cases: [string, string, RegExp][] = [
      ['sort=bogus', 'sort', /Sort by one of/],
      ['page=0', 'page', /Pages start at 1/],
      ['wordsFrom=-5', 'wordsFrom', /cannot be negative/],
      ['updatedFrom=yesterday', 'updatedFrom', /YYYY-MM-DD/],
      [
        `excludeTags=${Array.from({ length: 101 }, (_, i) => `t${i}`).join(',')}`,
        'excludeTags',
        /at most 100/,
      ],
    ];
    for (const [query, field, message] of cases) {
      const { status, body } = await get(query);
      assert.equal(status, 422, query);
      assert.equal(body.error.field, field, query);
      assert.match(body.error.message, message, query);
    }
  });
});
