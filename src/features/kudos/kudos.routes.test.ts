import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { nowIso } from '../../lib/clock.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';

eachDialect('kudos pages and API', (env) => {
  let writer: Awaited<ReturnType<typeof makeUser>>;
  let reader: Awaited<ReturnType<typeof makeUser>>;
  let workId = 0;
  let restrictedId = 0;

  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST', url: string, auth?: string) =>
    callApi(env().app, method, url, { token: auth });
  const kudosCount = async (id: number) =>
    (
      await env()
        .ctx.db.selectFrom('works')
        .select('kudos_count')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).kudos_count;

  before(async () => {
    const { ctx } = env();
    writer = await makeUser(ctx);
    reader = await makeUser(ctx);
    ({ workId } = await postWork(ctx, writer, seedWorkInput({ rating: 'General Audiences' })));
    ({ workId: restrictedId } = await postWork(
      ctx,
      writer,
      seedWorkInput({ rating: 'General Audiences', restricted: true }),
    ));
  });

  it('a reader leaves kudos with the button on the work page; a second time is refused with a message', async () => {
    const client = await login(reader);
    const page = await client.get(`/works/${workId}`);
    assert.match(page.body, /Kudos ♥/);
    assert.match(page.body, new RegExp(`action="/works/${workId}/kudos"`));
    const left = await client.post(`/works/${workId}/kudos`, {}, { csrfFrom: `/works/${workId}` });
    assert.equal(left.statusCode, 303);
    const after = await client.get(`/works/${workId}`);
    assert.match(after.body, /Thank you for leaving kudos!/);
    assert.match(textOf(after.body), new RegExp(`${reader.username} left kudos on this work!`));
    assert.match(after.body, new RegExp(`href="/users/${reader.username}"`));
    assert.match(textOf(after.body), /Kudos: 1 /, 'the stats line counts it');
    const again = await client.post(`/works/${workId}/kudos`, {}, { csrfFrom: `/works/${workId}/kudos` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /You have already left kudos here\./);
    assert.equal(await kudosCount(workId), 1);
    const forged = await client.post(`/works/${workId}/kudos`, {}, { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.equal(await kudosCount(workId), 1);
  });

  it('a guest reaches the button through a small page (the cached work page has no form)', async () => {
    const guest = new TestClient(env().app, { 'user-agent': 'Guest browser' });
    const page = await guest.get(`/works/${workId}`);
    assert.doesNotMatch(page.body, /name="_csrf"/, 'the guest’s work page stays cacheable');
    assert.match(
      page.body,
      new RegExp(`<a class="button button--primary" href="/works/${workId}/kudos">Kudos ♥</a>`),
    );
    const left = await guest.post(`/works/${workId}/kudos`, {});
    assert.equal(left.statusCode, 303);
    const again = await guest.post(`/works/${workId}/kudos`, {});
    assert.equal(again.statusCode, 409);
    const shown = await guest.get(`/works/${workId}`);
    assert.match(textOf(shown.body), new RegExp(`${reader.username} and 1 guest left kudos on this work!`));
    assert.equal(await kudosCount(workId), 2);
    const restricted = await guest.get(`/works/${restrictedId}/kudos`);
    assert.equal(restricted.statusCode, 404);
  });

  it('offers no button to the creators nor to someone they blocked, and refuses them', async () => {
    const own = await login(writer);
    const page = await own.get(`/works/${workId}`);
    assert.doesNotMatch(page.body, /Kudos ♥/);
    const refused = await own.post(`/works/${workId}/kudos`, {}, { csrfFrom: `/works/${workId}` });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /You cannot leave kudos on your own work\./);
    const blocked = await makeUser(env().ctx);
    await addRelation(env().ctx.db, 'block', writer.id, blocked.id, nowIso());
    const client = await login(blocked);
    assert.doesNotMatch((await client.get(`/works/${workId}`)).body, /Kudos ♥/);
    const response = await client.post(`/works/${workId}/kudos`, {}, { csrfFrom: `/works/${workId}/kudos` });
    assert.equal(response.statusCode, 403);
    assert.equal(await kudosCount(workId), 2);
  });

  it('the API: POST and GET /api/v1/works/:id/kudos, in the OpenAPI document', async () => {
    const fan = await makeUser(env().ctx);
    const { token } = await createToken(env().ctx, fan.id, 'test');
    const left = await api('POST', `/works/${restrictedId}/kudos`, token);
    assert.equal(left.status, 201);
    assert.deepEqual(left.body, { workId: restrictedId, count: 1, users: [fan.username], guests: 0 });
    const again = await api('POST', `/works/${restrictedId}/kudos`, token);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_left');
    assert.equal((await api('POST', `/works/${workId}/kudos`)).status, 401);
    assert.equal((await api('GET', `/works/${restrictedId}/kudos`)).status, 404, 'guests cannot see it');
    const listed = await api('GET', `/works/${workId}/kudos`);
    assert.deepEqual(listed.body, { workId, count: 2, users: [reader.username], guests: 1 });
    const doc = (await env().app.inject({ url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/works/{id}/kudos'].post);
    assert.ok(doc.paths['/api/v1/works/{id}/kudos'].get);
  });
});
