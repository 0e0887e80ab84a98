import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { Writable } from 'node:stream';
import { TestClient, textOf } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { eachDialect, type TestEnv } from '../harness.ts';
import { seedWorkInput } from '../seed.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { PgFullDisk } from './pg-full-disk.ts';

/**
 * Disk full and read-only database, for real: SQLite's `max_page_count` pinned to the file's size
 * (a genuine SQLITE_FULL), PostgreSQL's comments table on a full tmpfs tablespace (a genuine
 * `could not extend file`, 53100; pg-full-disk.ts) and `query_only` (SQLITE_READONLY) on the app's own connection;
 * PostgreSQL's `default_transaction_read_only` on the database, its connections ended so the pool
 * reconnects read-only (as after a fail-over to a standby). Writes answer 503 with a clear page or
 * JSON error and `Retry-After`, nothing is half-written, reads keep answering 200, and writes
 * succeed again once the database takes them.
 */
eachDialect('disk full and read-only database answer 503', (env) => {
  let browser: TestClient;
  let token: string;
  let workId: number;

  const comments = async () =>
    Number(
      (
        await env()
          .ctx.db.selectFrom('comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A comment big enough to need new pages (and an index entry), by form and by the API. */
  const big = (tag: string) => `${tag} ${'a long comment that needs fresh pages '.repeat(250)}`;
  const postByForm = (tag: string) => browser.post(`/works/${workId}/comments`, { body: big(tag) });
  const postByApi = (tag: string) =>
    env().app.inject({
      method: 'POST',
      url: `/api/v1/works/${workId}/comments`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body: big(tag) },
    });

  async function assertRefused(what: string, says: RegExp) {
    const before = await comments();
    const page = await postByForm(`${what} form`);
    assert.equal(page.statusCode, 503, `${what}: the form answers 503`);
    assert.equal(page.headers['retry-after'], '30');
    assert.match(page.body, /<title>Quire can’t save right now/);
    assert.match(textOf(page.body), /nothing was saved \(nothing was half-written\)/);
    assert.match(textOf(page.body), says, `${what}: the page says why`);
    const api = await postByApi(`${what} api`);
    assert.equal(api.statusCode, 503, `${what}: the API answers 503`);
    assert.equal(api.headers['retry-after'], '30');
    assert.equal(api.json().error.code, 'unavailable');
    assert.equal(await comments(), before, `${what}: nothing was written`);
    assert.equal(env().app.outage.active, true, 'the outage is noted (and was logged once)');
    // Reads keep working, including those that write on the side (a hit, reading history, a session).
    for (const url of [`/works/${workId}`, '/', '/works', '/account', `/api/v1/works/${workId}`]) {
      const read = await browser.get(url);
      assert.equal(read.statusCode, 200, `${what}: GET ${url} still answers`);
    }
  }

  async function assertRecovered(what: string) {
    const before = await comments();
    const page = await postByForm(`${what} form`);
    assert.equal(page.statusCode, 303, `${what}: the form saves again`);
    assert.equal((await postByApi(`${what} api`)).statusCode, 201, `${what}: the API saves again`);
    assert.equal(await comments(), before + 2);
    assert.equal(env().app.outage.active, false, 'the recovery ends the outage');
  }

  it('sets up a reader, a token and a work', async () => {
    const writer = await makeUser(env().ctx);
    const reader = await makeUser(env().ctx);
    ({ workId } = await postWork(
      env().ctx,
      { ...writer, viewAdult: false },
      seedWorkInput({ series: null }),
    ));
    ({ token } = await createToken(env().ctx, reader.id, 'outage test'));
    browser = new TestClient(env().app);
    await browser.post('/login', { login: reader.username, password: FACTORY_PASSWORD });
    await assertRecovered('before');
  });

  it('answers 503 while the disk is full, and saves again when space returns', async (t) => {
    const db = env().ctx.db;
    if (env().dialect === 'postgres') {
      const disk = new PgFullDisk(db, 'comments');
      const why = disk.available();
      if (why) return t.skip(`PostgreSQL disk full not simulated here: ${why}`);
      try {
        await disk.fill();
        await assertRefused('disk full', /storage is full/);
        disk.free();
        await assertRecovered('space returned');
      } finally {
        await disk.remove();
      }
      return;
    }
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(db);
    try {
      await assertRefused('disk full', /storage is full/);
    } finally {
      await sql`pragma max_page_count = 4294967294`.execute(db);
    }
    await assertRecovered('space returned');
  });

  it('answers 503 while the database is read-only, and saves again once it is writable', async () => {
    await setReadOnly(env(), true);
    try {
      await assertRefused('read-only', /read-only for the moment/);
    } finally {
      await setReadOnly(env(), false);
    }
    await assertRecovered('writable again');
  });

  it('keeps the job worker polling through an outage, logging it once, and runs the job after', async (t) => {
    if (env().dialect !== 'sqlite')
      return t.skip('the worker is the same on PostgreSQL; SQLite makes it cheap');
    const lines: { level: number; msg: string }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const ran: unknown[] = [];
    const worker = new Worker(
      { ...env().ctx, log: pino({ level: 'info' }, stream) },
      { 'test.outage': async (payload) => void ran.push(payload) },
      5,
    );
    await enqueue(env().ctx.db, 'test.outage', { n: 1 });
    await setReadOnly(env(), true);
    worker.start();
    try {
      await sleep(300); // dozens of polls, each refused
    } finally {
      await setReadOnly(env(), false);
    }
    for (let i = 0; i < 200 && ran.length === 0; i++) await sleep(10);
    await worker.stop();
    assert.deepEqual(ran, [{ n: 1 }], 'the job ran once the database took writes');
    const errors = lines.filter((l) => l.level >= 50);
    assert.equal(errors.length, 1, `one error line, not one per poll: ${errors.length}`);
    assert.match(errors[0]!.msg, /cannot take writes/);
    assert.ok(lines.some((l) => /available again/.test(l.msg)));
  });
});

async function setReadOnly(env: TestEnv, on: boolean) {
  if (env.dialect === 'sqlite') {
    await sql.raw(`pragma query_only = ${on ? 1 : 0}`).execute(env.ctx.db);
    return;
  }
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(env.ctx.db)).rows[0]!
    .name;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(
      on
        ? `alter database ${name} set default_transaction_read_only = on`
        : `alter database ${name} reset default_transaction_read_only`,
    );
    // The pool's connections keep the setting they started with: end them, as a fail-over would.
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    for (let i = 0; i < 100; i++) {
      const left = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        name,
      ]);
      if (left.rows[0].n === 0) break;
      await sleep(20);
    }
  } finally {
    await admin.end();
  }
  // The pool hears of each ended connection on its socket; let it drop them before the next query.
  await sleep(200);
}
