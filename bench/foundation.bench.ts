// Foundation benchmarks: HTTP throughput of the web shell and the API, the job queue, and
// password hashing, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on
// PostgreSQL. Run: `npm run bench`. Prints a Markdown table for docs/performance.md.
import os from 'node:os';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { makeUser } from '../test/factories.ts';
import { createToken } from '../src/features/tokens/tokens.service.ts';
import { enqueue } from '../src/jobs/queue.ts';
import { Worker } from '../src/jobs/worker.ts';
import { hashPassword, verifyPassword } from '../src/lib/passwords.ts';
import type { Dialect } from '../src/db/connect.ts';
import { load } from './load.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const rows: string[] = [];

async function http(env: TestEnv, label: string, path: string, headers: Record<string, string> = {}) {
  const address = env.app.server.address() as { port: number };
  const result = await load(`http://127.0.0.1:${address.port}${path}`, {
    seconds: DURATION,
    connections: CONNECTIONS,
    headers,
  });
  rows.push(
    `| ${env.dialect} | ${label} | ${Math.round(result.rps)} | ${result.p50} | ${result.p99} | ${result.bad === 0 ? 'all 2xx' : `${result.bad} errors or non-2xx`} |`,
  );
}

async function jobs(env: TestEnv, count: number) {
  const worker = new Worker(env.ctx, { 'bench.noop': async () => {} });
  let start = performance.now();
  for (let i = 0; i < count; i++) await enqueue(env.ctx.db, 'bench.noop', { i });
  const enqueueMs = performance.now() - start;
  start = performance.now();
  const ran = await worker.drain();
  const drainMs = performance.now() - start;
  rows.push(
    `| ${env.dialect} | job queue: enqueue ${count} / run ${ran} | ${Math.round((count / enqueueMs) * 1000)} enq/s, ${Math.round((ran / drainMs) * 1000)} jobs/s | | | one worker |`,
  );
}

async function run(dialect: Dialect) {
  const env = await createTestEnv(dialect, { app: { rateLimitMax: 1_000_000 } });
  try {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const user = await makeUser(env.ctx, { username: 'bench_reader' });
    for (let i = 0; i < 1000; i++) await makeUser(env.ctx, { username: `member_${i}` });
    const { token } = await createToken(env.ctx, user.id, 'bench');
    await http(env, 'GET / (front page, guest)', '/');
    await http(env, 'GET /login (form + CSRF token)', '/login');
    await http(env, 'GET /users/bench_reader (profile)', '/users/bench_reader');
    await http(env, 'GET /search?q=member_99 (1,001 accounts)', '/search?q=member_99');
    await http(env, 'GET /api/v1/me (bearer token)', '/api/v1/me', { authorization: `Bearer ${token}` });
    await jobs(env, 2000);
  } finally {
    await env.close();
  }
}

async function hashing() {
  for (const cost of [14, 17]) {
    const hash = await hashPassword('benchmark password', cost);
    const start = performance.now();
    const n = cost === 17 ? 5 : 20;
    for (let i = 0; i < n; i++) await verifyPassword('benchmark password', hash);
    rows.push(
      `| – | scrypt verify, PASSWORD_HASH_COST=${cost} | ${Math.round((performance.now() - start) / n)} ms each | | | |`,
    );
  }
}

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL;
const dialects: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
console.error(
  `Benchmarking on ${os.cpus().length} cores, Node ${process.version}, ${DURATION}s per HTTP case, ${CONNECTIONS} connections`,
);
for (const dialect of dialects) await run(dialect);
await hashing();
console.log('| database | case | requests/s (mean) | p50 ms | p99 ms | notes |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
