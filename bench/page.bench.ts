// Serving a 5,000-word chapter to anonymous readers: Quire against a bare node:http server
// returning the same bytes, on loopback, bounded time. Run: `npm run bench:page`.
// Prints a Markdown table for docs/performance.md.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeUser } from '../test/factories.ts';
import { createTestEnv } from '../test/harness.ts';
import { seedWorkInput } from '../test/seed.ts';
import { postWork } from '../src/features/works/works.service.ts';
import { load as loadUrl } from './load.ts';
import type { Dialect } from '../src/db/connect.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

function chapterOf(words: number): string {
  const sentence = 'Lana looks him right in the eye and says that she will never be the one to change that. ';
  const perSentence = sentence.trim().split(/\s+/).length;
  const paragraphs: string[] = [];
  for (let n = 0; n < words; n += perSentence * 5) paragraphs.push(sentence.repeat(5).trim());
  return paragraphs.join('\n\n');
}

const load = (url: string) => loadUrl(url, { seconds: DURATION, connections: CONNECTIONS });

async function run(dialect: Dialect) {
  const env = await createTestEnv(dialect);
  try {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const writer = await makeUser(env.ctx);
    const { workId } = await postWork(
      env.ctx,
      { id: writer.id, username: writer.username, email: writer.email, role: 'user' },
      seedWorkInput({ series: null, chapter: { body: chapterOf(5000), format: 'text' } }),
    );
    const { port } = env.app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/works/${workId}`;
    const page = await fetch(url);
    const bytes = Buffer.from(await page.arrayBuffer());
    const bare = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const quire = await load(url);
    const baseline = await load(bareUrl);
    bare.close();
    console.log(
      `| ${dialect} | ${(bytes.length / 1024).toFixed(0)} KiB | ${Math.round(quire.rps)} | ${quire.p50} / ${quire.p99} | ${Math.round(baseline.rps)} | ${baseline.p50} / ${baseline.p99} | ${(quire.rps / baseline.rps).toFixed(2)}× | ${quire.bad + baseline.bad === 0 ? 'all 2xx' : `${quire.bad} bad`} |`,
    );
  } finally {
    await env.close();
  }
}

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL;
console.log(`${DURATION}s per case, ${CONNECTIONS} connections, 5,000-word chapter, anonymous reader`);
console.log(
  '| database | page | Quire req/s | p50 / p99 ms | bare node:http req/s | p50 / p99 ms | ratio | |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const dialect of process.env.TEST_DATABASE_URL
  ? (['sqlite', 'postgres'] as const)
  : (['sqlite'] as const)) {
  await run(dialect);
}
