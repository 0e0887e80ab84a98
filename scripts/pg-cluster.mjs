#!/usr/bin/env node
// Throwaway PostgreSQL cluster on loopback, for tests and CI. Plain Node, no dependencies.
//
// As a module:
//   import { startCluster } from './pg-cluster.mjs';
//   const pg = await startCluster({ log: console.error }); // null when PostgreSQL isn't installed
//   // ... connect to pg.url ...
//   pg.stop(); // synchronous; also runs automatically on exit / SIGINT / SIGTERM / SIGHUP
//
// As a CLI (the server outlives the process; stdout is KEY=value lines for scripts):
//   node scripts/pg-cluster.mjs start      # TEST_DATABASE_URL=postgres://... and PG_CLUSTER_DIR=/tmp/...
//   node scripts/pg-cluster.mjs stop DIR   # stops the server and removes DIR
// Exit codes: 0 ok, 1 failure, 2 usage, 3 PostgreSQL not installed.
//
// initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` system user
// (created with useradd if missing) on a data directory chown'ed to it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR_PREFIX = 'quire-pg-';
const PG_USER = 'postgres';
const IS_ROOT = process.getuid?.() === 0;

/** True when `file` is an executable regular file. */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The directory holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/N/bin. */
export function findPgBin() {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  let versions = [];
  try {
    versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // none installed there
  }
  versions.sort((a, b) => Number(b) - Number(a));
  dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  return (
    dirs.find((d) => isExecutable(path.join(d, 'initdb')) && isExecutable(path.join(d, 'pg_ctl'))) ?? null
  );
}

/** Runs a command, capturing output as text. */
function run(file, args, opts = {}) {
  return spawnSync(file, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    ...opts,
  });
}

/** uid/gid of the postgres system user, creating the user if needed (root only). */
function pgUserIds() {
  if (run('id', ['-u', PG_USER]).status !== 0) {
    const r = run('useradd', ['--system', PG_USER]);
    if (r.status !== 0)
      throw new Error(`useradd --system ${PG_USER} failed: ${(r.stderr || r.error || '').toString().trim()}`);
  }
  const uid = Number(run('id', ['-u', PG_USER]).stdout);
  const gid = Number(run('id', ['-g', PG_USER]).stdout);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`cannot look up user ${PG_USER}`);
  return { uid, gid };
}

/** Runs a PostgreSQL tool from `bin`, as the postgres user when we are root. */
function pgTool(bin, tool, args, cwd) {
  const cmd = path.join(bin, tool);
  if (!IS_ROOT) return run(cmd, args, { cwd });
  const r = run('runuser', ['-u', PG_USER, '--', cmd, ...args], { cwd });
  if (r.error?.code !== 'ENOENT') return r;
  return run(cmd, args, { cwd, ...pgUserIds() }); // no runuser(1): let Node drop privileges itself
}

/** Error text for a failed command: its output plus the tail of the server log, if any. */
function failure(what, r, dir) {
  let logTail = '';
  try {
    logTail = fs.readFileSync(path.join(dir, 'log'), 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    // none installed there
  }
  const out = [r.error?.message, r.stdout, r.stderr, logTail && `--- server log ---\n${logTail}`];
  return new Error(
    `${what} failed (exit ${r.status ?? r.signal}):\n${out.filter(Boolean).join('\n').trim()}`,
  );
}

/** A port that was free a moment ago on 127.0.0.1 (the kernel picks it; small race, so callers retry). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Stops the server in `dir` (fast, then immediate) and removes the directory. Best effort, synchronous. */
function stopDir(bin, dir, log) {
  if (bin && fs.existsSync(path.join(dir, 'postmaster.pid'))) {
    let r = pgTool(bin, 'pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop'], dir);
    if (r.status !== 0) r = pgTool(bin, 'pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop'], dir);
    if (r.status !== 0)
      log(`pg_ctl stop failed: ${(r.stderr || r.stdout || r.error || '').toString().trim()}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`stopped; removed ${dir}`);
}

/**
 * Creates and starts a throwaway cluster. Resolves to null when PostgreSQL isn't installed;
 * throws when it is installed but won't start. Unless `detach` is set (the CLI uses it), the
 * cluster is stopped automatically when this process exits or gets SIGINT/SIGTERM/SIGHUP.
 *
 * @param {{ log?: (msg: string) => void, detach?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => void } | null>}
 */
export async function startCluster({ log = () => {}, detach = false } = {}) {
  const bin = findPgBin();
  if (!bin) return null;

  const ids = IS_ROOT ? pgUserIds() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  let port = 0;
  try {
    if (ids) fs.chownSync(dir, ids.uid, ids.gid);
    log(`initdb ${dir} (${bin}${ids ? `, as ${PG_USER}` : ''})`);
    const initArgs = ['-D', dir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'];
    const init = pgTool(bin, 'initdb', initArgs, dir);
    if (init.status !== 0) throw failure('initdb', init, dir);

    // The Unix socket goes in the data dir: the default /var/run/postgresql may not exist.
    // Durability is off: the data is thrown away anyway. Retry in case another process grabbed the port.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const serverOpts = [
        `-c listen_addresses=127.0.0.1 -p ${port} -k '${dir}'`,
        '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
      ].join(' ');
      const args = ['-w', '-t', '60', '-D', dir, '-o', serverOpts, '-l', path.join(dir, 'log'), 'start'];
      const r = pgTool(bin, 'pg_ctl', args, dir);
      if (r.status === 0) break;
      if (attempt >= 3) throw failure('pg_ctl start', r, dir);
      log(`pg_ctl start failed on port ${port}; retrying with another port`);
    }
  } catch (err) {
    try {
      stopDir(bin, dir, () => {});
    } catch {
      // none installed there
    }
    throw err;
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`PostgreSQL listening at ${url}`);

  let stopped = false;
  const onExit = () => stop();
  const onSignal = (/** @type {NodeJS.Signals} */ sig) => {
    stop();
    // Re-raise for the default behaviour unless someone else (e.g. a test runner) handles the signal.
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  const signals = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    for (const sig of signals) process.off(sig, onSignal);
    stopDir(bin, dir, log);
  }
  if (!detach) {
    process.on('exit', onExit);
    for (const sig of signals) process.on(sig, onSignal);
  }
  return { url, port, dir, stop };
}

/** Stops a cluster left running by `start` (the CLI) and removes its directory. */
export function stopCluster(dir, { log = () => {} } = {}) {
  // Refuse anything that doesn't look like ours: this deletes the directory.
  if (!path.basename(dir).startsWith(DIR_PREFIX)) throw new Error(`not a pg-cluster directory: ${dir}`);
  stopDir(findPgBin(), path.resolve(dir), log);
}

// ---- CLI ----
const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [cmd, dir] = process.argv.slice(2);
  const log = (/** @type {string} */ msg) => console.error(`[pg-cluster] ${msg}`);
  try {
    if (cmd === 'start') {
      const cluster = await startCluster({ log, detach: true });
      if (!cluster) {
        console.error(
          'pg-cluster: PostgreSQL not found (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin)',
        );
        process.exit(3);
      }
      console.log(`TEST_DATABASE_URL=${cluster.url}`);
      console.log(`PG_CLUSTER_DIR=${cluster.dir}`);
    } else if (cmd === 'stop' && dir) {
      stopCluster(dir, { log });
    } else {
      console.error('usage: node scripts/pg-cluster.mjs start | stop DIR');
      process.exit(2);
    }
  } catch (err) {
    console.error(`pg-cluster: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
