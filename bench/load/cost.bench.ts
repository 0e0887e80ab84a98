// What each kind of request of the load mix costs the server (`npm run bench:cost`): the app in
// this process, on the load benchmark's archive, answering the mix one request at a time through
// `app.inject`, so each request's wall time is its CPU time (no queueing, no other process). The
// load benchmark says how fast the whole is; this says where the time goes. SQLite only.
//
// Environment: COST_REQUESTS (4000 measured, after 2000 to warm up), BENCH_WORKS (3000), BENCH_POPULARITY (mix.ts), COST_CPU_PROF=FILE
// (a V8 CPU profile of the measured requests only, for Chrome's DevTools), COST_SQL=1 (the statements that
// took the most time, and how many statements each kind of request runs), COST_TRACE=1 (with COST_SQL: the
// statements of one measured request of each kind, in order), COST_ONLY=KIND (measure only that kind of
// request, e.g. "listing", to profile it).
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { seedLoadFixture } from './fixture.ts';
import { type Kind, MIX, Planner, POPULARITY } from './mix.ts';

const REQUESTS = Number(process.env.COST_REQUESTS ?? 4000);
const WORKS = Number(process.env.BENCH_WORKS ?? 3000);
const ONLY = process.env.COST_ONLY as Kind | undefined;
if (ONLY && !MIX.some(([kind]) => kind === ONLY))
  throw new Error(`COST_ONLY: no kind of request "${ONLY}" (${MIX.map(([kind]) => kind).join(', ')})`);
const log = (line: string) => process.stderr.write(`[cost] ${line}\n`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-cost-'));
try {
  const config = loadConfig({
    QUIRE_DATA: dataDir,
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '14',
    SESSION_SECRET: 'load-bench-session-secret-not-for-production',
    RATE_LIMIT_MAX: '1000000',
    QUIRE_WORKER: 'off',
  });
  const runtime = await openRuntime({ config, log: pino({ level: 'warn' }) });
  const fixture = await seedLoadFixture(runtime.ctx, { works: WORKS, readers: 300, writers: 20 }, log);
  const app = await buildApp(runtime.ctx);
  await app.ready();

  // Statement timing: better-sqlite3's Statement methods, wrapped (COST_SQL=1).
  const sqlStats = new Map<string, { count: number; ms: number }>();
  let statementsRun = 0;
  if (process.env.COST_SQL === '1') {
    const probe = new SQLite(':memory:');
    const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
    probe.close();
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = proto[method] as (this: { source: string }, ...args: unknown[]) => unknown;
      proto[method] = function (this: { source: string }, ...args: unknown[]) {
        const started = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const stat = sqlStats.get(this.source) ?? { count: 0, ms: 0 };
          stat.count++;
          stat.ms += performance.now() - started;
          sqlStats.set(this.source, stat);
          statementsRun++;
          trace?.push(this.source);
        }
      };
    }
  }
  const statementsPerKind = new Map<Kind, number>();
  const bytesPerKind = new Map<Kind, number>();
  let trace: string[] | undefined;
  /** Measured times of guests' requests and of signed-in readers' and writers' requests. */
  const byGuests: number[] = [];
  const bySignedIn: number[] = [];
  const traced = new Map<Kind, string[]>();

  const run = async (planner: Planner, count: number, times?: Map<Kind, number[]>) => {
    for (let i = 0; i < count; i++) {
      const { kind, signedIn, request } = times && ONLY ? planner.plan(ONLY) : planner.next();
      const started = performance.now();
      const before = statementsRun;
      if (times && process.env.COST_TRACE === '1' && !traced.has(kind)) trace = [];
      const response = await app.inject({
        method: request.method,
        url: request.path,
        headers: request.headers,
        ...(request.body === undefined ? {} : { payload: request.body }),
      });
      const ms = performance.now() - started;
      if (response.statusCode >= 300)
        throw new Error(`${kind}: ${response.statusCode} for ${request.method} ${request.path}`);
      if (trace) traced.set(kind, trace);
      trace = undefined;
      times?.get(kind)!.push(ms);
      if (times) (signedIn ? bySignedIn : byGuests).push(ms);
      if (times) bytesPerKind.set(kind, (bytesPerKind.get(kind) ?? 0) + response.rawPayload.length);
      if (times) statementsPerKind.set(kind, (statementsPerKind.get(kind) ?? 0) + statementsRun - before);
    }
  };
  log(`warming up (${REQUESTS / 2} requests)`);
  await run(new Planner(fixture, 0), REQUESTS / 2);
  const times = new Map<Kind, number[]>(MIX.map(([kind]) => [kind, []]));
  log(`measuring ${REQUESTS} requests`);
  const profile = process.env.COST_CPU_PROF;
  const session = new Session();
  if (profile) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(new Planner(fixture, 1), REQUESTS, times);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (profile) {
    const { profile: written } = await session.post('Profiler.stop');
    fs.writeFileSync(profile, JSON.stringify(written));
    session.disconnect();
  }
  const total = [...times.values()].flat().reduce((a, b) => a + b, 0);

  const pct = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  console.log(
    `\n### Cost per request, ${REQUESTS} requests of the mix, ${WORKS.toLocaleString('en')} works (SQLite), ${POPULARITY} popularity\n`,
  );
  console.log(
    `${(wall / REQUESTS).toFixed(2)} ms a request on average (${(REQUESTS / (wall / 1000)).toFixed(0)} requests/s one at a time); CPU ${((used.user + used.system) / 1000 / REQUESTS).toFixed(2)} ms a request.\n`,
  );
  console.log(
    '| kind | requests | mean ms | p50 ms | p90 ms | share of the time | statements each | KiB each |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [kind, list] of times) {
    if (list.length === 0) continue;
    const sorted = [...list].sort((a, b) => a - b);
    const sum = list.reduce((a, b) => a + b, 0);
    console.log(
      `| ${kind} | ${list.length} | ${(sum / list.length).toFixed(2)} | ${pct(sorted, 0.5).toFixed(2)} | ${pct(sorted, 0.9).toFixed(2)} | ${((100 * sum) / total).toFixed(1)} % | ${((statementsPerKind.get(kind) ?? 0) / list.length).toFixed(1)} | ${((bytesPerKind.get(kind) ?? 0) / list.length / 1024).toFixed(1)} |`,
    );
  }
  // What no guest page cache can answer: were every guest request free, the signed-in share alone
  // would still cost this much a request of the mix, which bounds what one busy core can serve.
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const floor = sum(bySignedIn) / REQUESTS;
  console.log(
    `\nGuests: ${byGuests.length} requests, ${(sum(byGuests) / byGuests.length).toFixed(2)} ms each. Signed-in readers and writers: ${bySignedIn.length} requests, ${(sum(bySignedIn) / bySignedIn.length).toFixed(2)} ms each. Were every guest request free, the mix would still cost ${floor.toFixed(2)} ms a request: at most ${(1000 / floor).toFixed(0)} requests/s a busy core.`,
  );
  if (sqlStats.size > 0) {
    const sqlTotal = [...sqlStats.values()].reduce((a, b) => a + b.ms, 0);
    console.log(
      `\nSQLite statements: ${statementsRun.toLocaleString('en')} run, ${sqlTotal.toFixed(0)} ms (${((100 * sqlTotal) / total).toFixed(0)} % of the requests' time, warm-up included). The costliest:\n`,
    );
    console.log('| ms | runs | ms each | statement |');
    console.log('|---|---|---|---|');
    for (const [source, stat] of [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      console.log(
        `| ${stat.ms.toFixed(0)} | ${stat.count} | ${(stat.ms / stat.count).toFixed(3)} | \`${source.replace(/\s+/g, ' ').slice(0, 160)}\` |`,
      );
  }
  for (const [kind, list] of traced) {
    console.log(`\n#### ${kind}: ${list.length} statements\n`);
    for (const source of list) console.log(`- \`${source.replace(/\s+/g, ' ').slice(0, 200)}\``);
  }
  // With --expose-gc: what stays after a full collection (caches, and anything that leaks).
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    const m = process.memoryUsage();
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(
      `\nAfter a full GC: heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)}, RSS ${mib(m.rss)}.`,
    );
  }
  await app.close();
  await runtime.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
