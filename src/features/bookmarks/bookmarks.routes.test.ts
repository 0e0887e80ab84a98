import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';

eachDialect('bookmark pages, forms and API', (env) => {
  let writer: Awaited<ReturnType<typeof makeUser>>;
  let reader: Awaited<ReturnType<typeof makeUser>>;
  let token = '';
  let workId = 0;
  let otherId = 0;
  let draftId = 0;

  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, auth = token) =>
    callApi(env().app, method, url, { token: auth, payload });
  const bookmarkRows = () =>
    env().ctx.db.selectFrom('bookmarks').selectAll().where('user_id', '=', reader.id).execute();
  const sync = async () => {
    await env().worker.drain();
    await browseIndexFor(env().ctx.db).sync(true);
  };

  before(async () => {
    const { ctx } = env();
    writer = await makeUser(ctx);
    reader = await makeUser(ctx);
    ({ token } = await createToken(ctx, reader.id, 'test'));
    ({ workId } = await postWork(
      ctx,
      writer,
      seedWorkInput({ rating: 'General Audiences', title: 'Symphony' }),
    ));
    ({ workId: otherId } = await postWork(
      ctx,
      writer,
      seedWorkInput({ rating: 'General Audiences', title: 'Overture', series: undefined }),
    ));
    ({ workId: draftId } = await postWork(ctx, writer, seedWorkInput({ draft: true, series: undefined })));
  });

  it('bookmarks from the work page’s form, shows it on the bookmarks page, and filters by a tag', async () => {
    const client = await login(reader);
    const work = await client.get(`/works/${workId}`);
    assert.match(work.body, new RegExp(`href="/works/${workId}/bookmark"`));
    const form = await client.get(`/works/${workId}/bookmark`);
    assert.equal(form.statusCode, 200);
    const saved = await client.post(`/works/${workId}/bookmark`, {
      notes: 'Read it twice.',
      tags: 'comfort, strings',
      rec: '1',
    });
    assert.equal(saved.statusCode, 303);
    assert.match(
      String(saved.headers.location),
      new RegExp(`^/users/${reader.username}/bookmarks#bookmark-\\d+$`),
    );
    await client.post(`/works/${otherId}/bookmark`, { tags: 'later' });
    await sync();
    const page = await client.get(`/users/${reader.username}/bookmarks`);
    const text = textOf(page.body);
    assert.match(text, /Bookmarks by /);
    assert.match(text, /2 works/);
    assert.match(text, /Read it twice\./);
    assert.match(page.body, /<span class="badge">Rec<\/span>/);
    assert.match(
      page.body,
      /Bookmarks: <a href="\/works\/\d+\/bookmarks">1<\/a>/,
      'the stats line links the count',
    );
    const filtered = await client.get(`/users/${reader.username}/bookmarks?bookmarkTags=strings`);
    assert.match(textOf(filtered.body), /1 work/);
    assert.match(filtered.body, /Symphony/);
    assert.doesNotMatch(filtered.body, /Overture/);
    assert.match(filtered.body, /comfort \(1\)/, 'the bookmarker’s tags, counted over what is listed');
    const edit = await client.get(`/works/${workId}`);
    assert.match(edit.body, /Edit bookmark/);
  });

  it('shows the form again with what was typed when the input is bad; nothing saved', async () => {
    const client = await login(reader);
    const before = await bookmarkRows();
    const response = await client.post(`/works/${workId}/bookmark`, {
      notes: 'x'.repeat(5001),
      tags: 'kept tag',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Notes can be at most 5,000 characters\./);
    assert.match(response.body, /value="kept tag"/);
    assert.deepEqual(await bookmarkRows(), before);
    const draft = await client.get(`/works/${draftId}/bookmark`);
    assert.equal(draft.statusCode, 404, 'someone else’s draft does not exist for the reader');
    const refused = await client.post(
      `/works/${draftId}/bookmark`,
      { tags: 'x' },
      { csrfFrom: `/works/${workId}/bookmark` },
    );
    assert.equal(refused.statusCode, 404);
    assert.deepEqual(await bookmarkRows(), before);
  });

  it('keeps private bookmarks to their owner and lists a work’s public bookmarks', async () => {
    const client = await login(reader);
    const [own] = (await bookmarkRows()).filter((b) => b.work_id === otherId);
    const edited = await client.post(`/bookmarks/${own!.id}/edit`, { tags: 'later', private: '1' });
    assert.equal(edited.statusCode, 303);
    await sync();
    const guest = new TestClient(env().app);
    const seen = await guest.get(`/users/${reader.username}/bookmarks`);
    assert.match(seen.body, /Symphony/);
    assert.doesNotMatch(seen.body, /Overture/);
    assert.match(textOf(seen.body), /1 work/);
    assert.match((await client.get(`/users/${reader.username}/bookmarks`)).body, /Overture/);
    const list = await guest.get(`/works/${workId}/bookmarks`);
    assert.match(textOf(list.body), new RegExp(`Bookmarked by ${reader.username}`));
    assert.doesNotMatch(textOf((await guest.get(`/works/${otherId}/bookmarks`)).body), /Bookmarked by/);
    const stranger = await login(writer);
    assert.equal((await stranger.get(`/bookmarks/${own!.id}/edit`)).statusCode, 404);
    const deleted = await client.post(
      `/bookmarks/${own!.id}/delete`,
      {},
      { csrfFrom: `/bookmarks/${own!.id}/edit` },
    );
    assert.equal(deleted.statusCode, 303);
    assert.equal((await bookmarkRows()).length, 1);
  });

  it('the API: create, edit by posting again, PATCH, list with filters, delete; listings carry the counts', async () => {
    const created = await api('POST', `/works/${otherId}/bookmarks`, {
      notes: 'Via the API',
      tags: ['api', 'Later'],
      private: false,
      rec: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.created, true);
    assert.deepEqual(created.body.tags, ['api', 'Later']);
    const again = await api('POST', `/works/${otherId}/bookmarks`, { tags: 'api' });
    assert.equal(again.body.id, created.body.id);
    assert.equal(again.body.created, false);
    assert.equal(again.body.rec, false);
    const patched = await api('PATCH', `/bookmarks/${created.body.id}`, { rec: true });
    assert.deepEqual([patched.body.rec, patched.body.tags], [true, ['api']]);
    const bad = await api('POST', `/works/${otherId}/bookmarks`, { tags: ['z'.repeat(151)] });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'tags');
    assert.equal((await api('POST', `/works/${draftId}/bookmarks`, {})).status, 404);
    assert.equal((await api('POST', `/works/${otherId}/bookmarks`, {}, '')).status, 401);
    await sync();
    const listing = await api('GET', `/users/${reader.username}/bookmarks?bookmarkTags=api`, undefined, '');
    assert.equal(listing.status, 200);
    assert.deepEqual(
      listing.body.works.map((w: { title: string; bookmarks: number }) => [w.title, w.bookmarks]),
      [['Overture', 1]],
    );
    assert.deepEqual(
      listing.body.bookmarks.map((b: { tags: string[] }) => b.tags),
      [['api']],
    );
    const works = await api('GET', '/works?sort=bookmarks', undefined, '');
    const symphony = works.body.works.find((w: { id: number }) => w.id === workId);
    assert.deepEqual([symphony.bookmarks, symphony.kudos, symphony.comments], [1, 0, 0]);
    const publicList = await api('GET', `/works/${otherId}/bookmarks`, undefined, '');
    assert.equal(publicList.body.total, 1);
    const removed = await api('DELETE', `/bookmarks/${created.body.id}`);
    assert.deepEqual(removed.body, { deleted: true });
    assert.equal((await api('GET', `/bookmarks/${created.body.id}`)).status, 404);
    const doc = (await env().app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/works/{id}/bookmarks',
      '/api/v1/series/{id}/bookmarks',
      '/api/v1/users/{name}/bookmarks',
      '/api/v1/bookmarks/{id}',
    ])
      assert.ok(doc.paths[path], path);
  });
});
