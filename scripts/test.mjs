#!/usr/bin/env node
// Test runner behind `npm test` (which runs lint and typecheck first). Plain Node, no dependencies.
//
//   node scripts/test.mjs                      # everything
//   node scripts/test.mjs accounts test/db.ts  # only files whose path contains "accounts", plus test/db.ts
//   node scripts/test.mjs --test-name-pattern=login   # arguments starting with "-" go to `node --test`
//
// Test files: src/**/*.test.ts(x) and test/**/*.test.ts(x) (unit + medium), test/e2e/**/*.e2e.ts (browser).
// Children get NODE_ENV=test, plus:
//   TEST_DATABASE_URL  PostgreSQL to test against: taken from the environment, else a throwaway
//                      cluster (scripts/pg-cluster.mjs) started here and stopped at the end;
//                      unset when there is no PostgreSQL, and the PostgreSQL suites skip themselves.
//   CHROMIUM_PATH      Chromium for the browser journeys (from the environment, else /usr/bin/chromium);
//                      without it the *.e2e.ts files are left out.
// With CI set, a missing PostgreSQL or Chromium is an error rather than a skip.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from './pg-cluster.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CALLER_CWD = process.cwd();
process.chdir(ROOT);
const CI = !['', '0', 'false'].includes(process.env.CI ?? '');

/** Prints a message and exits with status 1. */
function die(msg) {
  console.error(`\n✗ ${msg}\n`);
  process.exit(1);
}

/** Files under `dir` (relative to ROOT, sorted), skipping node_modules and dot-directories. */
function walk(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const isUnitTest = (f) => /\.test\.tsx?$/.test(f);
const isE2e = (f) => f.endsWith('.e2e.ts');

// ---- Which files ----
const args = process.argv.slice(2);
const nodeFlags = args.filter((a) => a.startsWith('-'));
const filters = args.filter((a) => !a.startsWith('-'));
const all = [...new Set([...walk('src'), ...walk('test')])].filter((f) => isUnitTest(f) || isE2e(f));

let files = all;
if (filters.length > 0) {
  const picked = new Set();
  for (const filter of filters) {
    const asPath = path.resolve(CALLER_CWD, filter);
    if (fs.existsSync(asPath) && fs.statSync(asPath).isFile()) {
      // An explicit file, possibly outside the usual folders.
      const rel = path.relative(ROOT, asPath);
      picked.add(rel.startsWith('..') ? asPath : rel);
      continue;
    }
    const needle = filter.replace(/^\.\//, '');
    const matches = all.filter((f) => f.includes(needle));
    if (matches.length === 0) console.error(`warning: no test file matches "${filter}"`);
    for (const f of matches) picked.add(f);
  }
  files = [...picked];
}

// ---- Chromium (browser journeys) ----
const env = { ...process.env, NODE_ENV: 'test' };
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && fs.existsSync(p));
if (chromium) {
  env.CHROMIUM_PATH = chromium;
} else {
  if (CI) die('Chromium not found (set CHROMIUM_PATH or install chromium): CI must run the browser tests.');
  if (process.env.CHROMIUM_PATH) console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  console.error('Chromium: not found — browser tests SKIPPED');
  delete env.CHROMIUM_PATH;
  files = files.filter((f) => !isE2e(f));
}

// ---- epubcheck (download validation) ----
// The download tests validate EPUBs with epubcheck when it is installed and say SKIPPED otherwise.
const epubcheck = fs.existsSync('/usr/bin/epubcheck');
if (!epubcheck) {
  if (CI) die('epubcheck not found (apt-get install epubcheck): CI must validate the EPUB downloads.');
  console.error('epubcheck: not found — EPUB validation SKIPPED');
}
// calibre's ebook-meta reads the EPUBs' metadata as readers' libraries do.
const calibre = fs.existsSync('/usr/bin/ebook-meta');
if (!calibre) {
  if (CI) die('calibre not found (apt-get install calibre): CI must check EPUB metadata with ebook-meta.');
  console.error('calibre: not found — EPUB metadata check SKIPPED');
}

if (files.length === 0) die(`No test files found${filters.length ? ` matching ${filters.join(' ')}` : ''}.`);
if (!fs.existsSync(path.join(ROOT, 'node_modules', 'tsx')))
  die('tsx is not installed: run `npm install` first.');

// ---- PostgreSQL ----
/** The URL without its password, for printing. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

let cluster = null;
let pgLabel;
if (process.env.TEST_DATABASE_URL) {
  pgLabel = `PostgreSQL at ${redact(process.env.TEST_DATABASE_URL)} (TEST_DATABASE_URL)`;
} else {
  let why = 'not found';
  try {
    cluster = await startCluster({ log: (msg) => console.error(`[pg] ${msg}`) });
  } catch (err) {
    why = `failed to start (${err instanceof Error ? err.message : err})`;
  }
  if (cluster) {
    env.TEST_DATABASE_URL = cluster.url;
    pgLabel = `PostgreSQL at ${cluster.url} (throwaway cluster)`;
  } else {
    if (CI)
      die(
        `PostgreSQL ${why}: CI must run the PostgreSQL suites (install postgresql or set TEST_DATABASE_URL).`,
      );
    console.error(`PostgreSQL: ${why} — PostgreSQL suites will be SKIPPED`);
    delete env.TEST_DATABASE_URL;
    pgLabel = 'PostgreSQL SKIPPED';
  }
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const browser = chromium ? `${plural(files.filter(isE2e).length, 'file')} with ${chromium}` : 'SKIPPED';
console.log(
  `\n▶ ${plural(files.length, 'test file')} · databases: SQLite + ${pgLabel} · browser tests: ${browser} · epubcheck: ${epubcheck ? 'yes' : 'SKIPPED'} · calibre: ${calibre ? 'yes' : 'SKIPPED'}\n`,
);

// ---- Run ----
// --test-concurrency needs Node >= 20.10. Each test file runs in its own process with tsx loaded.
const nodeArgs = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...nodeFlags];
const child = spawn(process.execPath, [...nodeArgs, ...files], { stdio: 'inherit', env, cwd: ROOT });

// Pass Ctrl-C / termination on to the tests; we exit (and stop the cluster) when they have gone.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));

child.on('error', (err) => {
  cluster?.stop();
  die(`could not run node --test: ${err.message}`);
});
child.on('exit', (code, signal) => {
  cluster?.stop();
  if (signal) process.exit(128 + (os.constants.signals[signal] ?? 1));
  process.exit(code ?? 1);
});
