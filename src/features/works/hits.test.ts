import assert from 'node:assert/strict';
import { it } from 'node:test';
import pino from 'pino';
import { TestClient } from '../../../test/client.ts';
import { buildApp } from '../../app.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { DB } from '../../db/connect.ts';
import { forgetOldVisits, HitBuffer, recordHit, visitorKey } from './hits.ts';
import { readWork } from './works.read.ts';
import { postWork } from './works.service.ts';

async function hitsOf(db: DB, workId: number) {
  const work = await db.selectFrom('works').select('hits').where('id', '=', workId).executeTakeFirstOrThrow();
  const days = await db
    .selectFrom('work_daily_stats')
    .select(['day', 'hits'])
    .where('work_id', '=', workId)
    .execute();
  return { total: Number(work.hits), days: days.map((d) => [d.day, Number(d.hits)]) };
}

const today = () => new Date().toISOString().slice(0, 10);

eachDialect('hits', (env) => {
  it('counts each visitor once a day, never the creators, and never as a revision', async () => {
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ series: null }));
    const before = (await readWork(env().ctx, null, workId)).work.updated_at;
    const guest = visitorKey(null, '192.0.2.1', 'Firefox');
    assert.equal(await recordHit(env().ctx.db, workId, guest), true);
    assert.equal(await recordHit(env().ctx.db, workId, guest), false, 'same visitor, same day');
    assert.equal(await recordHit(env().ctx.db, workId, visitorKey(null, '192.0.2.2', 'Firefox')), true);
    assert.equal(await recordHit(env().ctx.db, workId, visitorKey(7, '192.0.2.1', 'Firefox')), true);
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    assert.equal(await recordHit(env().ctx.db, workId, guest, tomorrow), true, 'counted again the next day');
    const view = await readWork(env().ctx, null, workId);
    assert.equal(view.work.hits, 4);
    assert.equal(view.work.updated_at, before, 'hits do not change the version (cached pages stay valid)');
    assert.ok(!guest.includes('192.0.2.1'), 'addresses are not stored in the clear');
    assert.equal(await forgetOldVisits(env().ctx.db, tomorrow), 3);
  });

  it('counts a visit another process has not seen only once, in the work and in its day (the database decides)', async () => {
    const db = env().ctx.db;
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ series: null }));
    const guest = visitorKey(null, '192.0.2.9', 'Firefox');
    assert.equal(await recordHit(db, workId, guest), true);
    // A transaction is another handle, with no memory of the visit: as a second app process would be.
    const again = await db.transaction().execute((trx) => recordHit(trx, workId, guest));
    assert.equal(again, false, 'the unique key refuses the repeat');
    assert.equal(await recordHit(db, workId, visitorKey(null, '192.0.2.10', 'Firefox')), true);
    const work = await db
      .selectFrom('works')
      .select('hits')
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    const days = await db
      .selectFrom('work_daily_stats')
      .select(['day', 'hits'])
      .where('work_id', '=', workId)
      .execute();
    assert.equal(Number(work.hits), 2);
    assert.deepEqual(
      days.map((d) => [d.day, Number(d.hits)]),
      [[new Date().toISOString().slice(0, 10), 2]],
    );
  });
});

eachDialect('hits written in batches', (env) => {
  it('writes waiting visits in one flush: each visitor once, visits another process saved not again', async () => {
    const db = env().ctx.db;
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ series: null }));
    const buffer = new HitBuffer(db, pino({ level: 'silent' }), 60_000);
    // Another process already saved this visitor's visit today.
    const seen = visitorKey(null, '192.0.2.40', 'Firefox');
    await db.transaction().execute((trx) => recordHit(trx, workId, seen));
    for (const ip of ['192.0.2.41', '192.0.2.42', '192.0.2.41', '192.0.2.40'])
      buffer.add(workId, visitorKey(null, ip, 'Firefox'));
    assert.deepEqual(await hitsOf(db, workId), { total: 1, days: [[today(), 1]] }, 'nothing written yet');
    await buffer.flush();
    assert.deepEqual(await hitsOf(db, workId), { total: 3, days: [[today(), 3]] });
    await buffer.flush();
    assert.equal((await hitsOf(db, workId)).total, 3, 'an empty flush writes nothing');
  });

  it('flushes by itself, after its interval or once a batch waits, in statements of many rows', async () => {
    const db = env().ctx.db;
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ series: null }));
    const timed = new HitBuffer(db, pino({ level: 'silent' }), 20);
    timed.add(workId, 'g:timed');
    const deadline = Date.now() + 10_000;
    while ((await hitsOf(db, workId)).total === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await hitsOf(db, workId)).total, 1, 'written within its interval');

    const batched = new HitBuffer(db, pino({ level: 'silent' }), 60_000, 700);
    for (let i = 0; i < 700; i++) batched.add(workId, `g:reader-${i}`);
    await batched.flush(); // waits for the flush the 700th visit started
    assert.equal((await hitsOf(db, workId)).total, 701);
  });

  it('counts guests’ page views once a day each, those served from the page cache too', async () => {
    const { app, ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, writer, seedWorkInput({ series: null }));
    const guest = new TestClient(app);
    for (let i = 0; i < 3; i++) assert.equal((await guest.get(`/works/${workId}`)).statusCode, 200);
    const deadline = Date.now() + 10_000;
    while ((await hitsOf(ctx.db, workId)).total === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal((await hitsOf(ctx.db, workId)).total, 1, 'one guest, three views (two from the page cache)');
    assert.equal((await readWork(ctx, null, workId)).work.hits, 1);
  });

  it('writes the waiting hits when the server shuts down', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, writer, seedWorkInput({ series: null }));
    const app = await buildApp(ctx, { rateLimitMax: 1000 });
    assert.equal((await new TestClient(app).get(`/works/${workId}`)).statusCode, 200);
    assert.equal((await hitsOf(ctx.db, workId)).total, 0, 'waiting in the buffer');
    await app.close();
    assert.equal((await hitsOf(ctx.db, workId)).total, 1);
  });
});
