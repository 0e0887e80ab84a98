// `quire serve` with QUIRE_PROCESSES=2 on one SQLite file (one machine's cores serving pages,
// src/cli/serve-cluster.ts): writes that race through both processes are all kept, numbered and
// counted right, with no SQLITE_BUSY; a server process that dies is replaced. SQLite only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { startServerProcess, type ServerProcess } from '../../bench/load/server-process.ts';
import { loadConfig } from '../../src/config.ts';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { startThread } from '../../src/features/forums/posting.service.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { makeUser } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import { api, eventually } from './cluster.ts';

type Account = Awaited<ReturnType<typeof makeUser>> & { token: string };

/** The pids of the server processes that logged an answer to `url` (Fastify's "incoming request" log lines). */
function answeredBy(server: ServerProcess, url: RegExp): Set<number> {
  const pids = new Set<number>();
  for (const line of server.output().split('\n')) {
    if (!line.startsWith('{') || !line.includes('"incoming request"')) continue;
    const entry = JSON.parse(line) as { pid: number; req?: { url?: string } };
    if (url.test(entry.req?.url ?? '')) pids.add(entry.pid);
  }
  return pids;
}

/** The server's processes (the primary's children running quire), from /proc. */
function serverProcesses(primary: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return (
          Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === primary &&
          command.includes('quire.mjs')
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('two server processes on one SQLite database', { timeout: 180_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-processes-'));
  let server: ServerProcess;
  let runtime: Runtime;
  let readers: Account[];
  let workId: number;
  let threadId: number;
  const db = () => runtime.ctx.db;

  before(async () => {
    const env = {
      QUIRE_DATA: dataDir,
      QUIRE_PROCESSES: '2',
      LOG_LEVEL: 'info',
      PASSWORD_HASH_COST: '14',
      RATE_LIMIT_MAX: '100000',
    };
    server = await startServerProcess(env, { timeoutMs: 90_000 });
    runtime = await openRuntime({
      config: loadConfig({ ...env, LOG_LEVEL: 'silent' }),
      log: pino({ level: 'silent' }),
      migrate: false,
    });
    const ctx = runtime.ctx;
    const withToken = async (u: Awaited<ReturnType<typeof makeUser>>) => ({
      ...u,
      token: (await createToken(ctx, u.id, 'processes test')).token,
    });
    const writer = await makeUser(ctx);
    readers = await Promise.all(Array.from({ length: 12 }, async () => withToken(await makeUser(ctx))));
    ({ workId } = await postWork(ctx, writer, seedWorkInput({ series: null, title: 'Raced' })));
    const admin = await makeUser(ctx, { role: 'admin' });
    const board = await createBoard(ctx, admin, { name: 'Both cores', access: 'public' });
    ({ threadId } = await startThread(ctx, admin, board.id, { title: 'Count with me', body: 'One.' }));
  });

  after(async () => {
    await server?.stop();
    await runtime?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('concurrent forum replies: none lost, numbered 1…41, counts match, both processes answered', async () => {
    assert.equal(serverProcesses(server.pid).length, 2, 'two server processes under the primary');
    const replies = 40;
    await Promise.all(
      Array.from({ length: replies }, (_, i) =>
        api(server.url, readers[i % readers.length]!.token, 'POST', `/threads/${threadId}/posts`, {
          body: `Reply ${i + 1}`,
        }),
      ),
    );
    const posts = await db().selectFrom('posts').select('number').where('thread_id', '=', threadId).execute();
    assert.deepEqual(
      posts.map((p) => p.number).sort((a, b) => a - b),
      Array.from({ length: replies + 1 }, (_, i) => i + 1),
    );
    const thread = await db()
      .selectFrom('threads')
      .select(['reply_count', 'post_count'])
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(thread, { reply_count: replies, post_count: replies + 1 });
    await eventually('both processes in the log', async () =>
      answeredBy(server, new RegExp(`/threads/${threadId}/posts`)).size === 2 ? true : undefined,
    );
    assert.deepEqual(server.errorLines(), []);
  });

  it('concurrent kudos and comments: the work’s counters match its rows', async () => {
    await Promise.all(
      readers.flatMap((reader, i) => [
        api(server.url, reader.token, 'POST', `/works/${workId}/kudos`, {}),
        api(server.url, reader.token, 'POST', `/works/${workId}/comments`, { body: `Comment ${i}` }),
      ]),
    );
    const work = await db()
      .selectFrom('works')
      .select(['kudos_count', 'comment_count'])
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(work, { kudos_count: readers.length, comment_count: readers.length });
    assert.deepEqual(server.errorLines(), []);
  });

  it('a server process that dies is replaced, and the site keeps answering', async () => {
    const [victim] = serverProcesses(server.pid);
    process.kill(victim!, 'SIGKILL');
    await eventually('a replacement process', async () => {
      const now = serverProcesses(server.pid);
      return now.length === 2 && !now.includes(victim!) ? true : undefined;
    });
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${server.url}/works/${workId}`);
      assert.equal(response.status, 200);
      await response.text();
    }
  });
});
