import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TestClient } from '../../test/client.ts';
import { makeUser } from '../../test/factories.ts';
import { createTestEnv, dialects, type TestEnv } from '../../test/harness.ts';
import { seedWorkInput } from '../../test/seed.ts';
import { postWork } from '../features/works/works.service.ts';

const skip = dialects.includes('postgres') ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('change feed [postgres]', { skip }, () => {
  let env: TestEnv;
  let other: pg.Client;
  let workId = 0;

  before(async () => {
    env = await createTestEnv('postgres');
    const url = env.config.database.dialect === 'postgres' ? env.config.database.url : '';
    other = new pg.Client({ connectionString: url });
    await other.connect();
    const writer = await makeUser(env.ctx);
    ({ workId } = await postWork(env.ctx, writer, seedWorkInput()));
  });
  after(async () => {
    await other?.end();
    await env?.close();
  });

  it('serves guests from the cache and sees a change made by another process', async () => {
    await until('the feed', () => env.ctx.changes.live);
    const guest = new TestClient(env.app);
    assert.match((await guest.get(`/works/${workId}`)).body, /Symphony, Part V/);
    const before = env.ctx.changes.version(workId);
    // Another process (or psql) renames the work, as Quire's services would: touching updated_at.
    await other.query(`update works set title = 'Symphony, Part Five', updated_at = now() where id = $1`, [
      workId,
    ]);
    await until('the notification', () => env.ctx.changes.version(workId) !== before);
    assert.match((await guest.get(`/works/${workId}`)).body, /Symphony, Part Five/);
  });

  it('moves every version as soon as this process answers a write, before the notification', async () => {
    const guest = new TestClient(env.app);
    assert.equal((await guest.get(`/works/${workId}`)).statusCode, 200);
    const before = env.ctx.changes.version(workId);
    // A write to something else entirely: the cached page must still not outlive it here.
    const response = await env.app.inject({ method: 'POST', url: '/logout' });
    assert.equal(response.statusCode, 403, 'refused by CSRF, still a write answered');
    assert.notEqual(env.ctx.changes.version(workId), before);
  });

  it('ignores hit counts, which do not change the page’s version', async () => {
    const before = env.ctx.changes.version(workId);
    await other.query('update works set hits = hits + 1 where id = $1', [workId]);
    await other.query(`select pg_notify('quire_probe', 'x')`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(env.ctx.changes.version(workId), before);
  });

  it('forgets every cached version when its connection drops, and listens again', async () => {
    const before = env.ctx.changes.version(workId);
    await other.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN quire_works' and pid <> pg_backend_pid()`,
    );
    await until(
      'the feed to notice',
      () => !env.ctx.changes.live || env.ctx.changes.version(workId) !== before,
    );
    await until('the feed to come back', () => env.ctx.changes.live);
    assert.notEqual(env.ctx.changes.version(workId), before);
    const guest = new TestClient(env.app);
    assert.equal((await guest.get(`/works/${workId}`)).statusCode, 200);
  });
});
