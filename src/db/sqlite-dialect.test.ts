import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Connection, connect } from './connect.ts';

// Two connections to one SQLite file stand for two processes (QUIRE_PROCESSES, a `quire import`
// beside the server). While one holds the write lock, the other's writes wait for it without
// stopping their process: its reads, timers and other requests go on (sqlite-dialect.ts).
describe('SQLite: waiting for another process’s write lock', () => {
  let dir: string;
  let holder: Connection;
  let waiter: Connection;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-lock-'));
    const file = path.join(dir, 'quire.sqlite');
    holder = await connect({ dialect: 'sqlite', file });
    waiter = await connect({ dialect: 'sqlite', file });
    await sql`create table notes (id integer primary key, body text not null)`.execute(holder.db);
  });

  after(async () => {
    await holder.close();
    await waiter.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `during` while `holder` keeps a write transaction open, then commits it. */
  async function whileLocked(during: () => Promise<void>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('held')`.execute(trx);
      locked();
      await released;
    });
    await isLocked;
    try {
      await during();
    } finally {
      release();
      await holding;
    }
  }

  const bodies = async () =>
    (await sql<{ body: string }>`select body from notes order by id`.execute(waiter.db)).rows.map(
      (r) => r.body,
    );

  it('an autocommit write waits, the process answers meanwhile, and the write lands after the lock', async () => {
    let write!: Promise<unknown>;
    let timerRan = false;
    await whileLocked(async () => {
      write = sql`insert into notes (body) values ('waited')`.execute(waiter.db);
      setTimeout(() => (timerRan = true), 5);
      await sleep(30);
      assert.ok(timerRan, 'the event loop turns while the write waits');
      // A read on the waiting connection is answered (the held row is not committed yet).
      assert.deepEqual(await bodies(), []);
    });
    await write;
    assert.deepEqual(await bodies(), ['held', 'waited']);
  });

  it('a transaction waits at its BEGIN in the same way, then runs whole', async () => {
    let txn!: Promise<unknown>;
    await whileLocked(async () => {
      txn = waiter.db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('first of two')`.execute(trx);
        await sql`insert into notes (body) values ('second of two')`.execute(trx);
      });
      await sleep(30);
      assert.equal((await bodies()).length, 2, 'still the two rows of the first test');
    });
    await txn;
    assert.deepEqual((await bodies()).slice(-3), ['held', 'first of two', 'second of two']);
  });
});
