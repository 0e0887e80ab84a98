// The load benchmark (`npm run bench:load`): the real server (`node bin/quire.mjs serve`, the
// bundle) as a child process on a seeded archive, loaded by autocannon from another process with
// the mix of mix.ts for a bounded time. Reports throughput, p50/p99 latency, errors and non-2xx
// answers (429s included), the server's RSS over time and the load average, as Markdown for
// docs/performance.md. SQLite always; PostgreSQL on BENCH_DATABASE_URL, else on a throwaway
// cluster when PostgreSQL is installed.
//
// Environment: BENCH_SECONDS (30), BENCH_CONNECTIONS (20), BENCH_WORKS (3000), BENCH_ONLY
// (sqlite|postgres), BENCH_POPULARITY (uniform|zipf, mix.ts), BENCH_PROCESSES (the server's QUIRE_PROCESSES, default 1), BENCH_CPU_PROF=1 (the server
// writes a .cpuprofile to .tmp/load-prof).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';
import { seedLoadFixture } from './fixture.ts';
import { POPULARITY } from './mix.ts';
import { startServerProcess } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WORKS = Number(process.env.BENCH_WORKS ?? 3000);
const PROCESSES = process.env.BENCH_PROCESSES ?? '1';
const ROOT = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => process.stderr.write(`[load] ${line}\n`);

interface DriverReport {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  driverCpu: number;
  kinds: {
    kind: string;
    count: number;
    bad: number;
    statuses: Record<string, number>;
    p50: number;
    p99: number;
    sample?: string;
  }[];
}

function drive(url: string, fixtureFile: string, seconds: number, phase: number): Promise<DriverReport> {
  const args = [
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'driver.ts'),
    url,
    fixtureFile,
    String(seconds),
    String(CONNECTIONS),
    String(phase),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`load driver failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as DriverReport);
    });
  });
}

async function freshPostgres(base: string): Promise<string> {
  const name = `quire_load_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function run(dialect: 'sqlite' | 'postgres', pgBase?: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-load-'));
  const env = {
    QUIRE_DATA: dataDir,
    DATABASE_URL: dialect === 'postgres' ? await freshPostgres(pgBase!) : '',
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '14',
    SESSION_SECRET: 'load-bench-session-secret-not-for-production',
    // Every request comes from one loopback address and 300 readers write far faster than people
    // do: the allowances would turn the mix's writes into 429s (they are still counted per request).
    RATE_LIMIT_MAX: '1000000',
    QUIRE_PROCESSES: PROCESSES,
  };
  try {
    const config = loadConfig(env);
    const runtime = await openRuntime({ config, log: pino({ level: 'warn' }) });
    const fixture = await seedLoadFixture(runtime.ctx, { works: WORKS, readers: 300, writers: 20 }, log);
    await runtime.close();
    const fixtureFile = path.join(dataDir, 'fixture.json');
    fs.writeFileSync(fixtureFile, JSON.stringify(fixture));

    const server = await startServerProcess(env, {
      cpuProf: process.env.BENCH_CPU_PROF === '1' ? path.join(ROOT, '.tmp', 'load-prof') : undefined,
    });
    try {
      log(`${dialect}: server ${server.pid} at ${server.url}; warming up (5 s)`);
      await drive(server.url, fixtureFile, 5, 0);
      const loadBefore = os.loadavg();
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(server.rssMiB()), 1000);
      rss.push(server.rssMiB());
      const cpuBefore = server.cpuSeconds();
      log(`${dialect}: measuring ${SECONDS} s with ${CONNECTIONS} connections`);
      const report = await drive(server.url, fixtureFile, SECONDS, 1);
      clearInterval(sampler);
      rss.push(server.rssMiB());
      const cpu = server.cpuSeconds() - cpuBefore;
      return {
        dialect,
        report,
        rss,
        cpu,
        loadBefore,
        loadAfter: os.loadavg(),
        serverErrors: server.errorLines(),
      };
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const fixed = (n: number) => n.toFixed(2);
function print(result: Awaited<ReturnType<typeof run>>) {
  const { dialect, report: r, rss } = result;
  const bad = r.non2xx + r.errors + r.timeouts;
  console.log(
    `\n### ${dialect}: ${SECONDS} s, ${CONNECTIONS} connections, ${WORKS.toLocaleString('en')} works, ${PROCESSES} server process(es), ${POPULARITY} popularity\n`,
  );
  console.log(
    '| requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx + errors | RSS MiB start → peak → end | load average before / after |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${r.requests} | ${Math.round(r.rps)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${bad} | ${rss[0]} → ${Math.max(...rss)} → ${rss.at(-1)} | ${result.loadBefore.map(fixed).join(' ')} / ${result.loadAfter.map(fixed).join(' ')} |`,
  );
  console.log(`\nRSS every second (MiB): ${rss.join(' ')}\n`);
  // Independent of how much of the machine the server got: what a request costs the server's CPU
  // (the database's own processes, on PostgreSQL, are not counted).
  console.log(
    `Server CPU: ${result.cpu.toFixed(1)} s over ${SECONDS} s (${((100 * result.cpu) / SECONDS).toFixed(0)} % of one core); ${(r.requests / result.cpu).toFixed(0)} requests per CPU-second, ${((1000 * result.cpu) / r.requests).toFixed(2)} ms of CPU per request. The load generator used ${r.driverCpu.toFixed(1)} s of CPU (${((100 * r.driverCpu) / SECONDS).toFixed(0)} % of one core) on the same cores.\n`,
  );
  console.log('| kind | requests | share | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const k of r.kinds) {
    console.log(
      `| ${k.kind} | ${k.count} | ${((100 * k.count) / r.requests).toFixed(1)} % | ${k.p50} | ${k.p99} | ${k.bad} |`,
    );
  }
  for (const k of r.kinds.filter((k) => k.sample)) console.log(`\nfirst failure of ${k.kind}: ${k.sample}`);
  if (result.serverErrors.length > 0)
    console.log(`\nserver errors:\n${result.serverErrors.slice(0, 10).join('\n')}`);
  if (bad > 0) process.exitCode = 1;
}

type Cluster = { url: string; stop(): void } | null;
const CLUSTER_MODULE = '../../scripts/pg-cluster.mjs';
const { startCluster } = (await import(CLUSTER_MODULE)) as {
  startCluster(options: { log: (line: string) => void }): Promise<Cluster>;
};

const only = process.env.BENCH_ONLY;
if (only !== 'postgres') print(await run('sqlite'));
if (only !== 'sqlite') {
  let base = process.env.BENCH_DATABASE_URL;
  const cluster = base ? null : await startCluster({ log });
  base ??= cluster?.url;
  if (base) print(await run('postgres', base));
  else log('PostgreSQL: not installed and BENCH_DATABASE_URL unset: PostgreSQL run SKIPPED');
  cluster?.stop();
}
