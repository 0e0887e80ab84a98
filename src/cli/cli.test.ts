import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, quire } from '../../test/cli.ts';
import { migrationNames } from '../db/migrate.ts';
import { createPostgresDatabase, dialects } from '../../test/harness.ts';

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d;
      if (pattern.test(seen)) resolve(seen);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => (seen += d));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${seen}`)));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip = dialects.includes(dialect) ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';
  describe(`quire CLI [${dialect}]`, { skip }, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cli-'));
    const passwordFile = path.join(dataDir, 'password.txt');
    let env: Record<string, string> = { QUIRE_DATA: dataDir };
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      fs.writeFileSync(passwordFile, 'correct horse battery staple\n');
      if (dialect === 'postgres') {
        const database = await createPostgresDatabase();
        env = { ...env, DATABASE_URL: database.url };
        drop = database.drop;
      }
    });
    after(async () => {
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('migrates and reports the schema status', async () => {
      const migrate = await quire(['db', 'migrate'], env);
      assert.equal(migrate.code, 0, migrate.stderr);
      const names = migrationNames(dialect);
      assert.ok(names.length >= 15 && names[0] === '0001_foundation');
      assert.ok(
        migrate.stdout.includes(`Applied ${names.length} migration(s): ${names.join(', ')}`),
        migrate.stdout,
      );
      const status = await quire(['db', 'status'], env);
      assert.match(status.stdout, new RegExp(`${dialect}: ${names.length} applied, 0 pending`));
      assert.match((await quire(['db', 'migrate'], env)).stdout, /up to date/);
    });

    it('creates the admin from a password file, and refuses bad input with one line', async () => {
      const created = await quire(
        [
          'admin',
          'create',
          '--username',
          'Ada',
          '--email',
          'ada@example.org',
          '--password-file',
          passwordFile,
        ],
        env,
      );
      assert.equal(created.code, 0, created.stderr);
      assert.equal(created.stdout, 'Created administrator Ada <ada@example.org>\n');

      const failures: [string[], RegExp][] = [
        [
          [
            'admin',
            'create',
            '--username',
            'ada',
            '--email',
            'other@example.org',
            '--password-file',
            passwordFile,
          ],
          /^quire: --username: That username is already taken\.\n$/,
        ],
        [['user', 'role', 'ghost', 'admin'], /^quire: No account named "ghost"\.\n$/],
        [
          ['user', 'role', 'Ada', 'user'],
          /^quire: Ada is the only administrator; make someone else one first\.\n$/,
        ],
      ];
      for (const [args, message] of failures) {
        const run = await quire(args, env);
        assert.equal(run.code, 1, args.join(' '));
        assert.match(run.stderr, message, args.join(' '));
      }
    });

    it('creates ordinary accounts, lists them, sets roles and disables', async () => {
      const bea = await quire(
        [
          'user',
          'create',
          '--username',
          'Bea',
          '--email',
          'bea@example.org',
          '--password-file',
          passwordFile,
        ],
        env,
      );
      assert.equal(bea.stdout, 'Created account Bea <bea@example.org>\n');
      assert.equal(
        (await quire(['user', 'role', 'bea', 'tag_wrangler'], env)).stdout,
        'Bea is now tag_wrangler\n',
      );
      assert.equal((await quire(['user', 'disable', 'Bea'], env)).stdout, 'Bea is disabled\n');
      const list = await quire(['user', 'list'], env);
      assert.match(list.stdout, /^Ada\tada@example\.org\tadmin\tactive\t/m);
      assert.match(list.stdout, /^Bea\tbea@example\.org\ttag_wrangler\tdisabled\t/m);
      assert.match(list.stdout, /^2 account\(s\)$/m);
      assert.doesNotMatch(list.stdout, /orphan_account/);
      assert.match((await quire(['user', 'list', '--role', 'admin'], env)).stdout, /^1 account\(s\)$/m);
      assert.equal((await quire(['user', 'disable', 'Bea', '--enable'], env)).stdout, 'Bea is enabled\n');
    });

    it('prints a working API token', async () => {
      const run = await quire(['token', 'create', 'Ada', '--name', 'deploy'], env);
      assert.equal(run.code, 0, run.stderr);
      const token = run.stdout.trim();
      assert.match(token, /^quire_[\w-]{40,}$/);
      const port = await freePort();
      const server = spawn(process.execPath, [BIN, 'serve'], {
        env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      });
      try {
        await waitForOutput(server, /Quire is running/);
        const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal((await me.json()).username, 'Ada');
      } finally {
        server.kill('SIGTERM');
      }
      const missing = await quire(['token', 'create', 'nobody'], env);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'quire: username: no account named "nobody"\n');
    });
  });
}

describe('quire CLI without a database', () => {
  it('has --help everywhere', async () => {
    for (const args of [['--help'], ['user', 'create', '--help']]) {
      const run = await quire(args, {});
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, /Usage: quire/);
    }
  });

  it('refuses bad options with one line before touching the database', async () => {
    const env = { QUIRE_DATA: fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cli-')) };
    const failures: [string[], RegExp][] = [
      [
        ['user', 'create', '--username', 'x', '--email', 'x@example.org', '--password-file', '/etc/hostname'],
        /^quire: --username: Usernames are 3 to 40 characters[^\n]*\n$/,
      ],
      [
        [
          'user',
          'create',
          '--username',
          'Bea',
          '--email',
          'bea@example.org',
          '--password-file',
          '/nonexistent',
        ],
        /^quire: --password-file: cannot read \/nonexistent \(ENOENT\)\n$/,
      ],
      [
        ['user', 'create', '--username', 'Bea', '--email', 'bea@example.org'],
        /^quire: no terminal to ask for a password: pass --password-file FILE\n$/,
      ],
      [
        ['user', 'role', 'Ada', 'emperor'],
        /^quire: role: must be one of user, tag_wrangler, moderator, admin \(got "emperor"\)\n$/,
      ],
    ];
    for (const [args, message] of failures) {
      const run = await quire(args, env);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
    }
  });
});

describe('quire serve', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-serve-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('shuts down gracefully on SIGTERM, finishing the request in flight', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, QUIRE_DATA: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    await waitForOutput(server, /Quire is running at http:\/\/127\.0\.0\.1:\d+ \(sqlite\)/);
    // A request whose body is still arriving when the signal comes: the server must finish it.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let response = '';
    socket.on('data', (d) => (response += d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const body = 'login=someone&password=something';
    socket.write(
      `POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10));
    await closed;
    assert.match(response, /^HTTP\/1\.1 403 /, 'the in-flight request got its answer (403: no CSRF token)');
    assert.equal(await exited, 0);
  });

  it('exits 1 with one line for bad configuration and a port in use', async () => {
    const badPort = await quire(['serve'], { QUIRE_DATA: dataDir, PORT: 'eighty' });
    assert.equal(badPort.code, 1);
    assert.equal(badPort.stderr, 'quire: PORT: must be a whole number from 0 to 65535 (got "eighty")\n');

    const badUrl = await quire(['serve'], {
      QUIRE_DATA: dataDir,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    assert.equal(badUrl.code, 1);
    assert.match(
      badUrl.stderr,
      /^quire: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none \(ECONNREFUSED\)\n$/,
    );

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const inUse = await quire(['serve'], { QUIRE_DATA: dataDir, PORT: String(port), LOG_LEVEL: 'silent' });
      assert.equal(inUse.code, 1);
      assert.equal(
        inUse.stderr,
        `quire: PORT: port ${port} on 127.0.0.1 is already in use; set PORT to a free port\n`,
      );
    } finally {
      blocker.close();
    }
    const notWritable = await quire(['serve'], { QUIRE_DATA: '/etc/hostname/data' });
    assert.equal(notWritable.code, 1);
    assert.equal(
      notWritable.stderr,
      'quire: QUIRE_DATA: data directory /etc/hostname/data is not writable (ENOTDIR)\n',
    );
  });
});
