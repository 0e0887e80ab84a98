import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from './works.service.ts';

eachDialect('hiding and unhiding works (moderators)', (env) => {
  let workId: number;
  let moderator: TestClient;
  let author: TestClient;
  const guest = () => new TestClient(env().app);
  const auditRows = () =>
    env()
      .ctx.db.selectFrom('moderator_actions')
      .select(['action', 'reason', 'target_id'])
      .where('target_type', '=', 'work')
      .where('target_id', '=', workId)
      .orderBy('id')
      .execute();
  const indexJobs = () =>
    env().ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'search.index').execute();

  async function logIn(role: 'user' | 'moderator') {
    const user = await makeUser(env().ctx, { role });
    const client = new TestClient(env().app);
    await client.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return { user, client };
  }

  before(async () => {
    const writer = await logIn('user');
    author = writer.client;
    const work = await postWork(env().ctx, writer.user, seedWorkInput({ title: 'Lantern Harbour' }));
    workId = work.workId;
    moderator = (await logIn('moderator')).client;
  });

  it('offers moderators a Hide link and a form that needs a reason, keeping what was typed', async () => {
    assert.match((await moderator.get(`/works/${workId}`)).body, /href="\/works\/\d+\/moderation">Hide</);
    assert.doesNotMatch((await author.get(`/works/${workId}`)).body, /\/moderation"/);
    const empty = await moderator.post(`/works/${workId}/moderation`, { action: 'hide', reason: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(textOf(empty.body), /Say why, for the audit log/);
    const long = 'x'.repeat(1001);
    const tooLong = await moderator.post(`/works/${workId}/moderation`, { action: 'hide', reason: long });
    assert.equal(tooLong.statusCode, 422);
    assert.ok(tooLong.body.includes(long), 'the reason is kept');
    assert.deepEqual(await auditRows(), []);
    assert.equal((await guest().get(`/works/${workId}`)).statusCode, 200, 'nothing changed');
  });

  it('hides a work from everyone but its creators and staff, logs it and re-indexes search', async () => {
    const jobsBefore = (await indexJobs()).length;
    const hidden = await moderator.post(`/works/${workId}/moderation`, { action: 'hide', reason: 'Spam' });
    assert.equal(hidden.statusCode, 303);
    assert.equal((await guest().get(`/works/${workId}`)).statusCode, 404);
    assert.doesNotMatch((await guest().get('/works')).body, /Lantern Harbour/);
    const own = await author.get(`/works/${workId}`);
    assert.equal(own.statusCode, 200);
    assert.match(textOf(own.body), /Hidden by a moderator/);
    assert.deepEqual(await auditRows(), [{ action: 'hide', reason: 'Spam', target_id: workId }]);
    assert.equal((await indexJobs()).length, jobsBefore + 1, 'search is asked to drop it');
    const again = await moderator.post(`/works/${workId}/moderation`, { action: 'hide', reason: 'Again' });
    assert.equal(again.statusCode, 422);
    assert.match(textOf(again.body), /hidden already/);
  });

  it('unhides it: back in listings for everyone, logged as unhide', async () => {
    const form = await moderator.get(`/works/${workId}/moderation`);
    assert.match(textOf(form.body), /Unhide this work/);
    const shown = await moderator.post(`/works/${workId}/moderation`, { action: 'unhide', reason: 'Appeal' });
    assert.equal(shown.statusCode, 303);
    assert.equal((await guest().get(`/works/${workId}`)).statusCode, 200);
    assert.match((await guest().get('/works')).body, /Lantern Harbour/);
    assert.deepEqual(
      (await auditRows()).map((r) => r.action),
      ['hide', 'unhide'],
    );
    const audit = await moderator.get('/admin/audit?action=unhide');
    assert.match(textOf(audit.body), /Unhid/);
  });

  it('refuses readers (403) and answers the API for moderators only', async () => {
    assert.equal((await author.get(`/works/${workId}/moderation`)).statusCode, 403);
    const post = await author.post(
      `/works/${workId}/moderation`,
      { action: 'hide', reason: 'mine' },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(post.statusCode, 403);
    const reader = await makeUser(env().ctx);
    const staff = await makeUser(env().ctx, { role: 'moderator' });
    const call = async (userId: number, action: string) => {
      const { token } = await createToken(env().ctx, userId, 'api');
      return env().app.inject({
        method: 'POST',
        url: `/api/v1/works/${workId}/${action}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { reason: 'Checked' },
      });
    };
    assert.equal((await call(reader.id, 'hide')).statusCode, 403);
    assert.equal((await call(staff.id, 'hide')).statusCode, 200);
    assert.equal((await guest().get(`/works/${workId}`)).statusCode, 404);
    const twice = await call(staff.id, 'hide');
    assert.equal(twice.statusCode, 422);
    assert.equal((await call(staff.id, 'unhide')).statusCode, 200);
    assert.deepEqual(
      (await auditRows()).map((r) => r.action),
      ['hide', 'unhide', 'hide', 'unhide'],
    );
  });
});
