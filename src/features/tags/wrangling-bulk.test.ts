import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { TagType } from '../../db/schema.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';
import { findOrCreateTags } from './tags.repository.ts';
import { BULK_MAX, bulkWrangle, REINDEX_TAGS, wrangleTag } from './wrangling.service.ts';

eachDialect('bulk wrangling', (env) => {
  const ctx = () => env().ctx;
  const db = () => env().ctx.db;
  const tagIds = (type: TagType, names: string[]) =>
    findOrCreateTags(db(), type, names, new Date().toISOString());
  const tagId = async (type: TagType, name: string) => (await tagIds(type, [name]))[0]!;
  const tagRow = (id: number) =>
    db().selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const reindexJobs = async () =>
    Number(
      (
        await db()
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', REINDEX_TAGS)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const parents = async (childId: number, kind: 'fandom' | 'meta') =>
    (
      await db()
        .selectFrom('tag_links')
        .innerJoin('tags', 'tags.id', 'tag_links.parent_id')
        .select('tags.name')
        .where('tag_links.child_id', '=', childId)
        .where('tag_links.kind', '=', kind)
        .orderBy('tags.name')
        .execute()
    ).map((r) => r.name);
  /** Titles of the works a guest finds filtering on a tag (the filter engine, as /works uses it). */
  const filteredTitles = async (tag: string) => {
    await browseIndexFor(db()).sync(true);
    const response = await env().app.inject({
      method: 'GET',
      url: `/api/v1/works?tags=${encodeURIComponent(tag)}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json().works as { title: string }[]).map((w) => w.title).sort();
  };
  const wranglers = async () => ({
    wrangler: await makeUser(ctx(), { role: 'tag_wrangler' }),
    admin: await makeUser(ctx(), { role: 'admin' }),
  });

  it('makes ticked tags canonical at once, with one re-index job, and leaves the others alone', async () => {
    const { wrangler } = await wranglers();
    const [fluff, angst, other] = await tagIds('freeform', ['Bulk Fluff', 'Bulk Angst', 'Bulk Other']);
    const jobsBefore = await reindexJobs();
    const result = await bulkWrangle(ctx(), wrangler, {
      tagIds: [fluff!, angst!, fluff!],
      action: 'canonical',
    });
    assert.equal(result.message, '2 tags made canonical. Their works are being re-indexed.');
    assert.deepEqual(
      result.tags.map((t) => t.name),
      ['Bulk Angst', 'Bulk Fluff'],
    );
    assert.equal((await tagRow(fluff!)).canonical, 1);
    assert.equal((await tagRow(angst!)).canonical, 1);
    assert.ok((await tagRow(angst!)).wrangled_at);
    assert.equal((await tagRow(other!)).canonical, 0);
    assert.equal((await reindexJobs()) - jobsBefore, 1, 'one job for the whole action');
  });

  it('merges ticked tags as synonyms: after the job, filtering on the canonical finds their works', async () => {
    const { wrangler, admin } = await wranglers();
    const writer = await makeUser(ctx());
    await postWork(ctx(), writer, seedWorkInput({ title: 'Tagged Lex', characters: ['Lex'] }));
    await postWork(ctx(), writer, seedWorkInput({ title: 'Tagged Lexie', characters: ['Lexie L.'] }));
    await postWork(ctx(), writer, seedWorkInput({ title: 'Tagged Luthor', characters: ['Lex L. Luthor'] }));
    const canonical = await tagId('character', 'Lex Luthor Jr.');
    await wrangleTag(ctx(), admin, canonical, { canonical: true });
    const [lex, lexie] = await tagIds('character', ['Lex', 'Lexie L.']);
    await env().worker.drain();
    assert.deepEqual(await filteredTitles('Lex Luthor Jr.'), []);

    const jobsBefore = await reindexJobs();
    const result = await bulkWrangle(ctx(), wrangler, {
      tagIds: [lex!, lexie!],
      action: 'synonym',
      synonymOf: '  lex luthor jr.  ',
    });
    assert.equal(
      result.message,
      '2 tags made synonyms of “Lex Luthor Jr.”. Their works are being re-indexed.',
    );
    assert.equal((await reindexJobs()) - jobsBefore, 1, 'one job for the whole action');
    assert.equal((await tagRow(lex!)).merger_id, canonical);
    assert.equal((await tagRow(lexie!)).merger_id, canonical);
    await env().worker.drain();
    assert.deepEqual(await filteredTitles('Lex Luthor Jr.'), ['Tagged Lex', 'Tagged Lexie']);
    assert.deepEqual(
      await filteredTitles('Lex'),
      ['Tagged Lex', 'Tagged Lexie'],
      'a synonym filters as its canonical',
    );
  });

  it('adds parent fandoms and metatags to the links a tag has, and files fandoms under a medium', async () => {
    const { wrangler, admin } = await wranglers();
    const [smallville, dc] = await tagIds('fandom', ['Bulk Smallville', 'Bulk DC']);
    for (const id of [smallville!, dc!]) await wrangleTag(ctx(), admin, id, { canonical: true });
    const [chloe, clark] = await tagIds('character', ['Bulk Chloe', 'Bulk Clark']);
    await wrangleTag(ctx(), admin, clark!, { fandoms: ['Bulk DC'] });

    const added = await bulkWrangle(ctx(), wrangler, {
      tagIds: [chloe!, clark!],
      action: 'fandoms',
      fandoms: ['Bulk Smallville'],
    });
    assert.equal(
      added.message,
      'Parent fandom “Bulk Smallville” added to 2 tags. Their works are being re-indexed.',
    );
    assert.deepEqual(await parents(chloe!, 'fandom'), ['Bulk Smallville']);
    assert.deepEqual(await parents(clark!, 'fandom'), ['Bulk DC', 'Bulk Smallville'], 'added, not replaced');
    // Adding a fandom a tag has already is no error.
    await bulkWrangle(ctx(), wrangler, {
      tagIds: [clark!],
      action: 'fandoms',
      fandoms: ['Bulk DC', 'Bulk Smallville'],
    });
    assert.deepEqual(await parents(clark!, 'fandom'), ['Bulk DC', 'Bulk Smallville']);

    const [hurt, comfort, angst] = await tagIds('freeform', ['Bulk Hurt', 'Bulk Comfort', 'Bulk Angst 2']);
    await wrangleTag(ctx(), admin, angst!, { canonical: true });
    const meta = await bulkWrangle(ctx(), wrangler, {
      tagIds: [hurt!, comfort!],
      action: 'metatags',
      metatags: ['Bulk Angst 2'],
    });
    assert.match(meta.message, /^Metatag “Bulk Angst 2” added to 2 tags\./);
    assert.deepEqual(await parents(hurt!, 'meta'), ['Bulk Angst 2']);

    const filed = await bulkWrangle(ctx(), wrangler, {
      tagIds: [smallville!, dc!],
      action: 'media',
      media: 'TV Shows',
    });
    assert.match(filed.message, /^2 fandoms filed under TV Shows\./);
    assert.equal((await tagRow(dc!)).media, 'TV Shows');
  });

  it('refuses a bulk action all or nothing, saying which tag or name is wrong', async () => {
    const { wrangler, admin } = await wranglers();
    const [top, below, loose] = await tagIds('freeform', ['Refused Top', 'Refused Below', 'Refused Loose']);
    await wrangleTag(ctx(), admin, top!, { canonical: true });
    await wrangleTag(ctx(), admin, below!, { canonical: true, metatags: ['Refused Top'] });
    const raw = await tagId('freeform', 'Refused Raw');
    const fandom = await tagId('fandom', 'Refused Fandom');
    await wrangleTag(ctx(), admin, fandom, { canonical: true });
    const rating = await tagId('rating', 'Explicit');
    const before = await db().selectFrom('tags').selectAll().orderBy('id').execute();
    const linksBefore = await db().selectFrom('tag_links').selectAll().execute();
    const jobsBefore = await reindexJobs();
    const refuse = (input: Parameters<typeof bulkWrangle>[2], message: RegExp) =>
      assert.rejects(bulkWrangle(ctx(), wrangler, input), message);

    // "Refused Loose" sorts before "Refused Top", so it is changed first and must be rolled back.
    await refuse(
      { tagIds: [loose!, top!], action: 'metatags', metatags: ['Refused Below'] },
      /“Refused Below” is below “Refused Top” already; that would make a loop\./,
    );
    await refuse(
      { tagIds: [loose!, raw], action: 'synonym', synonymOf: 'Refused Raw' },
      /“Refused Raw” is not canonical yet/,
    );
    await refuse(
      { tagIds: [loose!], action: 'synonym', synonymOf: 'Nothing Like It' },
      /There is no freeform tag “Nothing Like It”/,
    );
    await refuse(
      { tagIds: [loose!, top!], action: 'synonym', synonymOf: 'Refused Top' },
      /“Refused Top” cannot be a synonym of itself/,
    );
    await refuse(
      { tagIds: [loose!, fandom], action: 'fandoms', fandoms: ['Refused Fandom'] },
      /Only characters, relationships and additional tags have parent fandoms: “Refused Fandom” is a fandom\./,
    );
    await refuse(
      { tagIds: [fandom, loose!], action: 'media', media: 'Movies' },
      /Only fandoms belong to a medium: “Refused Loose” is an additional tag\./,
    );
    await refuse(
      { tagIds: [loose!, rating], action: 'canonical' },
      /Ratings, warnings and categories are fixed: “Explicit” is a rating\./,
    );
    await refuse(
      { tagIds: [loose!, 99_999_999], action: 'canonical' },
      /1 ticked tag no longer exists \(99999999\)/,
    );
    await refuse({ tagIds: [], action: 'canonical' }, /Tick at least one tag/);
    await refuse(
      { tagIds: Array.from({ length: BULK_MAX + 1 }, (_, i) => i + 1), action: 'canonical' },
      /At most 200 tags can be wrangled at once/,
    );
    await refuse({ tagIds: [loose!], action: 'synonym' } as never, /Type the canonical tag/);
    await refuse({ tagIds: [loose!], action: 'explode' } as never, /Choose what to do with the ticked tags/);

    assert.deepEqual(
      await db().selectFrom('tags').selectAll().orderBy('id').execute(),
      before,
      'no tag changed',
    );
    assert.deepEqual(
      await db().selectFrom('tag_links').selectAll().execute(),
      linksBefore,
      'no link changed',
    );
    assert.equal(await reindexJobs(), jobsBefore, 'no job enqueued');
  });

  it('lets only wranglers and admins wrangle, and answers the same through the API', async () => {
    const { wrangler } = await wranglers();
    const reader = await makeUser(ctx());
    const [one, two] = await tagIds('relationship', ['Api One/Api Two', 'Api Three/Api Four']);
    await assert.rejects(
      bulkWrangle(ctx(), reader, { tagIds: [one!], action: 'canonical' }),
      /Only tag wranglers can change tags/,
    );
    assert.equal((await tagRow(one!)).canonical, 0);

    const call = async (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
      env().app.inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload ? { payload } : {}),
      });
    const readerToken = (await createToken(ctx(), reader.id, 'api')).token;
    const wranglerToken = (await createToken(ctx(), wrangler.id, 'api')).token;
    const body = { tagIds: [one!, two!], action: 'canonical' };

    assert.equal((await call('POST', '/api/v1/tags/wrangle', undefined, body)).statusCode, 401);
    const denied = await call('POST', '/api/v1/tags/wrangle', readerToken, body);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'forbidden');
    assert.equal((await call('GET', '/api/v1/tags/unwrangled', readerToken)).statusCode, 403);

    const queue = await call('GET', '/api/v1/tags/unwrangled?type=relationship', wranglerToken);
    assert.equal(queue.statusCode, 200, queue.body);
    const queued = (queue.json().tags as { id: number; type: string }[]).map((t) => t.id);
    assert.ok(queued.includes(one!) && queued.includes(two!));

    const invalid = await call('POST', '/api/v1/tags/wrangle', wranglerToken, {
      tagIds: [one],
      action: 'synonym',
    });
    assert.equal(invalid.statusCode, 422);
    assert.equal(invalid.json().error.field, 'synonymOf');
    const refused = await call('POST', '/api/v1/tags/wrangle', wranglerToken, {
      tagIds: [one, two],
      action: 'synonym',
      synonymOf: 'No Such Pairing',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json().error.message, /There is no relationship tag “No Such Pairing”/);

    const done = await call('POST', '/api/v1/tags/wrangle', wranglerToken, body);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().message, '2 tags made canonical. Their works are being re-indexed.');
    assert.equal((await tagRow(two!)).canonical, 1);
    const after = (await call('GET', '/api/v1/tags/unwrangled?type=relationship', wranglerToken)).json();
    assert.ok(!after.tags.some((t: { id: number }) => t.id === one || t.id === two), 'they left the queue');

    const openapi = (await call('GET', '/api/v1/openapi.json')).json();
    const operation = openapi.paths['/api/v1/tags/wrangle'].post;
    assert.deepEqual(operation.security, [{ bearerAuth: [] }]);
    assert.ok(JSON.stringify(operation.requestBody).includes('synonymOf'));
  });
});
