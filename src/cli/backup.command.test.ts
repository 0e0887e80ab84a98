import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { quire } from '../../test/cli.ts';
import { seedSmallArchive } from '../../test/content.ts';
import { makeUser } from '../../test/factories.ts';
import { createPostgresDatabase, eachDialect } from '../../test/harness.ts';
import { connect } from '../db/connect.ts';

eachDialect('quire backup / restore', (env) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-backup-'));
  const cleanup: (() => Promise<void>)[] = [];
  let vars: Record<string, string>;
  let seeded: Awaited<ReturnType<typeof seedSmallArchive>>;
  const ext = () => (env().dialect === 'sqlite' ? 'db' : 'pgdump');

  /** A second, empty database of the same dialect: its environment variables. */
  async function emptyTarget(): Promise<Record<string, string>> {
    const dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
    if (env().dialect === 'sqlite') return { QUIRE_DATA: dataDir, DATABASE_URL: '' };
    const database = await createPostgresDatabase();
    cleanup.push(database.drop);
    return { QUIRE_DATA: dataDir, DATABASE_URL: database.url };
  }

  async function titles(target: Record<string, string>): Promise<string[]> {
    const { loadConfig } = await import('../config.ts');
    const connection = await connect(loadConfig(target).database);
    try {
      const rows = await connection.db.selectFrom('works').select('title').orderBy('title').execute();
      return rows.map((r) => r.title);
    } finally {
      await connection.close();
    }
  }

  before(async () => {
    const { config, dataDir } = env();
    vars = {
      QUIRE_DATA: dataDir,
      DATABASE_URL: config.database.dialect === 'postgres' ? config.database.url : '',
    };
    seeded = await seedSmallArchive(env().ctx, env().app);
  });
  after(async () => {
    for (const drop of cleanup) await drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('backs up while writes go on, and the copy restores into an empty database', async () => {
    const file = path.join(tmp, `while-writing.${ext()}`);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await makeUser(env().ctx);
        written++;
        // Let the event loop see the child's exit (SQLite calls complete without waiting on I/O).
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const run = await quire(['backup', file], vars);
    writing = false;
    await writer;
    assert.equal(run.code, 0, run.stderr);
    assert.ok(written > 0, 'accounts were written during the backup');
    assert.match(
      run.stdout,
      /^Backed up the (SQLite|PostgreSQL) database to .+ \(\d.* (B|KiB|MiB), \d+ migrations\)\n$/,
    );
    assert.equal(fs.existsSync(`${file}.partial`), false);

    const target = await emptyTarget();
    const restored = await quire(['restore', file], target);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored .+ into the (SQLite|PostgreSQL) database/);
    assert.deepEqual(await titles(target), await titles(vars));
    if (env().dialect === 'sqlite') {
      const copy = new SQLite(path.join(target.QUIRE_DATA!, 'quire.sqlite'), { readonly: true });
      assert.deepEqual(copy.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
      copy.close();
    }
  });

  it('restores over a database that has changed only with --force, and then holds the backup exactly', async () => {
    const file = path.join(tmp, `before-change.${ext()}`);
    assert.equal((await quire(['backup', file], vars)).code, 0);
    const again = await quire(['backup', file], vars);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^quire: .+ already exists; choose a new name\n$/);

    const late = await makeUser(env().ctx, { username: 'after_the_backup' });
    const refused = await quire(['restore', file], vars);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^quire: .+ is not empty; restore over it with --force \(it will be replaced\)\n$/,
    );
    assert.ok(
      await env().ctx.db.selectFrom('users').select('id').where('id', '=', late.id).executeTakeFirst(),
    );

    const forced = await quire(['restore', '--force', file], vars);
    assert.equal(forced.code, 0, forced.stderr);
    const db = env().ctx.db;
    const gone = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'after_the_backup')
      .execute();
    assert.equal(gone.length, 0, 'the account made after the backup is gone');
    const work = await db
      .selectFrom('works')
      .select('title')
      .where('id', '=', seeded.annWork.id)
      .executeTakeFirst();
    assert.equal(work?.title, 'Ann’s Symphony');
  });

  it('refuses what is not a backup of this database and level, with one line', async () => {
    const junk = path.join(tmp, 'junk.bin');
    fs.writeFileSync(junk, 'hello, I am not a database\n');
    const cases: [string[], RegExp][] = [
      [
        ['restore', junk],
        /^quire: .+junk\.bin: not a Quire backup \(neither a SQLite file nor a pg_dump archive\)\n$/,
      ],
    ];
    // A backup of the other kind of database.
    const other = new SQLite(path.join(tmp, 'plain.sqlite'));
    other.exec('create table notes (x)');
    other.close();
    if (env().dialect === 'postgres')
      cases.push([
        ['restore', path.join(tmp, 'plain.sqlite')],
        /^quire: .+ is a SQLite backup but DATABASE_URL is PostgreSQL; use `quire export` to move between databases\n$/,
      ]);
    else
      cases.push([
        ['restore', path.join(tmp, 'plain.sqlite')],
        /^quire: .+plain\.sqlite: not a Quire backup \(it has no Quire migrations\)\n$/,
      ]);
    for (const [args, message] of cases) {
      const run = await quire(args, vars);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
    }
  });

  it('refuses a backup from a newer Quire, and (SQLite) a damaged one', async () => {
    // A database "from the future": record an unknown migration, back it up, take the record back.
    const db = env().ctx.db;
    await sql`insert into kysely_migration (name, timestamp) values ('9999_future', ${new Date().toISOString()})`.execute(
      db,
    );
    const newer = path.join(tmp, `newer.${ext()}`);
    const made = await quire(['backup', newer], vars);
    await sql`delete from kysely_migration where name = '9999_future'`.execute(db);
    assert.equal(made.code, 0, made.stderr);
    const target = await emptyTarget();
    const refused = await quire(['restore', newer], target);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^quire: .+: made by a newer Quire \(migration 9999_future is unknown here\); upgrade Quire first\n$/,
    );

    if (env().dialect !== 'sqlite') return;
    const damaged = path.join(tmp, 'damaged.db');
    const bytes = fs.readFileSync(newer);
    // Scribble over the middle of the file (b-tree pages), keeping the header intact.
    bytes.fill(0x5a, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 16384);
    fs.writeFileSync(damaged, bytes);
    const broken = await quire(['restore', damaged], await emptyTarget());
    assert.equal(broken.code, 1);
    assert.match(
      broken.stderr,
      /^quire: .+damaged\.db: (the backup fails its integrity check|cannot open as SQLite|not a Quire backup).*\n$/,
    );
  });
});
