import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { chapterSchema } from '../works/works.schema.ts';
import { addChapter, postWork } from '../works/works.service.ts';

eachDialect('reading history', (env) => {
  async function reader() {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return { user, browser };
  }

  /** A posted work with `chapters` chapters; returns its id and chapter ids in order. */
  async function work(chapters = 2, overrides: Record<string, unknown> = {}) {
    const writer = await makeUser(env().ctx);
    const input = seedWorkInput({ series: null, expectedChapters: null, ...overrides });
    const { workId, chapterId } = await postWork(env().ctx, writer, input);
    const ids = [chapterId];
    for (let i = 2; i <= chapters; i++)
      ids.push(await addChapter(env().ctx, writer, workId, chapter(`Chapter ${i} text.`)));
    return { writer, workId, chapterIds: ids };
  }
  const chapter = (body: string) => chapterSchema.parse({ body, format: 'text' });

  const row = (userId: number, workId: number) =>
    env()
      .ctx.db.selectFrom('readings')
      .selectAll()
      .where('user_id', '=', userId)
      .where('work_id', '=', workId)
      .executeTakeFirst();

  it('records visits, the furthest chapter reached and the version seen; a new chapter shows as an update', async () => {
    const { workId, chapterIds, writer } = await work(3);
    const { user, browser } = await reader();
    assert.equal((await browser.get(`/works/${workId}`)).statusCode, 200);
    let reading = await row(user.id, workId);
    assert.equal(reading?.visits, 1);
    assert.equal(reading?.chapter_position, 1);
    assert.equal(reading?.major_version, 3, 'posted with one chapter, then two more: version 3');

    await browser.get(`/works/${workId}/chapters/${chapterIds[2]}`);
    await browser.get(`/works/${workId}/chapters/${chapterIds[1]}`);
    reading = await row(user.id, workId);
    assert.equal(reading?.visits, 3);
    assert.equal(reading?.chapter_position, 3, 'going back to chapter 2 keeps chapter 3 as reached');

    const before = await browser.get(`/users/${user.username}/readings?filter=updated`);
    assert.match(textOf(before.body), /Nothing here yet/);

    await addChapter(env().ctx, writer, workId, chapter('The fourth chapter.'));
    const listed = await browser.get(`/users/${user.username}/readings?filter=updated`);
    const text = textOf(listed.body);
    assert.match(text, /1 work/);
    assert.match(text, /Updated since you read it/);
    assert.match(text, /reached chapter 3 of 4/);

    const page = await browser.get(`/works/${workId}`);
    assert.match(textOf(page.body), /Updated since you last read it .*you had reached chapter 3/);
    assert.match(page.body, /Go on with chapter 4/);
    assert.equal((await row(user.id, workId))?.major_version, 4, 'this visit saw version 4');
    const after = await browser.get(`/users/${user.username}/readings?filter=updated`);
    assert.match(textOf(after.body), /Nothing here yet/);

    await browser.get(`/works/${workId}?view_full_work=true`);
    assert.equal(
      (await row(user.id, workId))?.chapter_position,
      4,
      'the entire work reaches the last chapter',
    );
  });

  it('records nothing for guests, creators, or invisible works', async () => {
    const { workId, writer } = await work(1);
    await new TestClient(env().app).get(`/works/${workId}`);
    const creator = new TestClient(env().app);
    await creator.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
    assert.equal((await creator.get(`/works/${workId}`)).statusCode, 200);
    const rows = await env()
      .ctx.db.selectFrom('readings')
      .selectAll()
      .where('work_id', '=', workId)
      .execute();
    assert.deepEqual(rows, []);

    const hidden = await work(1);
    await env()
      .ctx.db.updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', hidden.workId)
      .execute();
    const { user, browser } = await reader();
    assert.equal((await browser.get(`/works/${hidden.workId}`)).statusCode, 404);
    assert.equal(await row(user.id, hidden.workId), undefined);
    assert.equal(
      (await browser.post(`/works/${hidden.workId}/later`, {}, { csrfFrom: '/account' })).statusCode,
      404,
    );
    assert.equal(await row(user.id, hidden.workId), undefined);
  });

  it('leaves works the reader can no longer see out of the page, its total and the API', async () => {
    const kept = await work(1, { title: 'Still here' });
    const drafted = await work(1, { title: 'Drafted again' });
    const { user, browser } = await reader();
    await browser.get(`/works/${kept.workId}`);
    await browser.get(`/works/${drafted.workId}`);
    const { token } = await createToken(env().ctx, user.id, 'test');
    const api = () =>
      env().app.inject({
        method: 'GET',
        url: '/api/v1/me/readings',
        headers: { authorization: `Bearer ${token}` },
      });
    assert.equal((await api()).json().total, 2);
    await env().ctx.db.updateTable('works').set({ posted: 0 }).where('id', '=', drafted.workId).execute();
    const json = (await api()).json();
    assert.equal(json.total, 1);
    assert.deepEqual(
      json.readings.map((r: { work: { title: string } }) => r.work.title),
      ['Still here'],
    );
    const text = textOf((await browser.get(`/users/${user.username}/readings`)).body);
    assert.match(text, /1 work/);
    assert.ok(!text.includes('Drafted again'));
  });

  it('marks for later, filters by it, removes one and clears all', async () => {
    const a = await work(1, { title: 'Read now' });
    const b = await work(1, { title: 'Read later' });
    const { user, browser } = await reader();
    await browser.get(`/works/${a.workId}`);
    const marked = await browser.post(
      `/works/${b.workId}/later`,
      { return: `/works/${b.workId}` },
      { csrfFrom: '/account' },
    );
    assert.equal(marked.statusCode, 303);
    assert.equal(marked.headers.location, `/works/${b.workId}`);
    const later = textOf((await browser.get(`/users/${user.username}/readings?filter=later`)).body);
    assert.match(later, /1 work/);
    assert.match(later, /Read later/);
    assert.match(later, /not read yet/);
    assert.ok(!later.includes('Read now'));
    // Visiting the work now: it shows the mark.
    assert.match(textOf((await browser.get(`/works/${b.workId}`)).body), /Marked for later/);

    await browser.post(`/works/${b.workId}/later/delete`, {}, { csrfFrom: '/account' });
    assert.match(
      textOf((await browser.get(`/users/${user.username}/readings?filter=later`)).body),
      /Nothing here yet/,
    );
    assert.equal((await row(user.id, b.workId))?.visits, 1, 'a read work stays in history when unmarked');

    const removed = await browser.post(
      `/users/${user.username}/readings/${a.workId}/delete`,
      {},
      { csrfFrom: `/users/${user.username}/readings` },
    );
    assert.equal(removed.statusCode, 303);
    assert.equal(await row(user.id, a.workId), undefined);
    await browser.post(
      `/users/${user.username}/readings/clear`,
      {},
      { csrfFrom: `/users/${user.username}/readings` },
    );
    const left = await env()
      .ctx.db.selectFrom('readings')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    assert.deepEqual(left, []);
  });

  it('stops recording when switched off and keeps what it had until cleared', async () => {
    const a = await work(1);
    const b = await work(1);
    const { user, browser } = await reader();
    await browser.get(`/works/${a.workId}`);
    const off = await browser.post(
      `/users/${user.username}/readings/settings`,
      { enabled: '0' },
      { csrfFrom: `/users/${user.username}/readings` },
    );
    assert.equal(off.statusCode, 303);
    await browser.get(`/works/${b.workId}`);
    await browser.get(`/works/${a.workId}`);
    assert.equal(await row(user.id, b.workId), undefined, 'nothing new while off');
    assert.equal((await row(user.id, a.workId))?.visits, 1, 'no visit counted while off');
    const page = textOf((await browser.get(`/users/${user.username}/readings`)).body);
    assert.match(page, /Your history is off/);
    assert.match(page, /1 work/);

    const { token } = await createToken(env().ctx, user.id, 'test');
    const on = await env().app.inject({
      method: 'PUT',
      url: '/api/v1/me/readings/settings',
      headers: { authorization: `Bearer ${token}` },
      payload: { enabled: true },
    });
    assert.equal(on.json().enabled, true);
    await browser.get(`/works/${b.workId}`);
    assert.equal((await row(user.id, b.workId))?.visits, 1);
  });

  it('is its owner’s only, and goes with the account', async () => {
    const { user, browser } = await reader();
    const other = await makeUser(env().ctx);
    assert.equal((await browser.get(`/users/${other.username}/readings`)).statusCode, 403);
    assert.equal((await new TestClient(env().app).get(`/users/${user.username}/readings`)).statusCode, 401);
    const { workId } = await work(1);
    await browser.get(`/works/${workId}`);
    await env()
      .ctx.db.insertInto('user_mutes')
      .values({ user_id: other.id, target_id: user.id, created_at: new Date().toISOString() })
      .execute();
    await deleteAccount(env().ctx, user.id, { current_password: FACTORY_PASSWORD, works: 'orphan' });
    assert.equal(await row(user.id, workId), undefined);
    const mutes = await env()
      .ctx.db.selectFrom('user_mutes')
      .selectAll()
      .where('target_id', '=', user.id)
      .execute();
    assert.deepEqual(mutes, []);
  });

  it('answers the API: list, mark, unmark, delete, clear; JSON errors for unknown works', async () => {
    const a = await work(2);
    const { user, browser } = await reader();
    await browser.get(`/works/${a.workId}`);
    const { token } = await createToken(env().ctx, user.id, 'test');
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string) =>
      env().app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    const marked = await call('POST', `/api/v1/me/readings/${a.workId}/later`);
    assert.equal(marked.statusCode, 200, marked.body);
    let json = (await call('GET', '/api/v1/me/readings?filter=later')).json();
    assert.equal(json.total, 1);
    assert.equal(json.readings[0].chapterReached, 1);
    assert.equal(json.readings[0].postedChapters, 2);
    assert.equal(json.readings[0].markedForLater, true);
    assert.equal(
      (await call('DELETE', `/api/v1/me/readings/${a.workId}/later`)).json().markedForLater,
      false,
    );
    assert.equal((await call('GET', '/api/v1/me/readings?filter=later')).json().total, 0);
    const bad = await call('GET', '/api/v1/me/readings?filter=someday');
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.field, 'filter');
    assert.equal((await call('GET', '/api/v1/me/readings?page=0')).json().error.message, 'Pages start at 1.');
    assert.equal((await browser.get(`/users/${user.username}/readings?page=zero`)).statusCode, 422);
    const missing = await call('POST', '/api/v1/me/readings/999999/later');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
    assert.equal((await call('DELETE', `/api/v1/me/readings/${a.workId}`)).json().deleted, true);
    assert.equal((await call('DELETE', `/api/v1/me/readings/${a.workId}`)).statusCode, 404);
    await browser.get(`/works/${a.workId}`);
    assert.equal((await call('DELETE', '/api/v1/me/readings')).json().deleted, 1);
    json = (await call('GET', '/api/v1/me/readings')).json();
    assert.equal(json.total, 0);
    assert.equal((await env().app.inject({ method: 'GET', url: '/api/v1/me/readings' })).statusCode, 401);
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/me/readings'].get);
    assert.ok(doc.paths['/api/v1/me/readings/{workId}/later'].post);
  });
});
