import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { connect, type Dialect } from '../../src/db/connect.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { openRuntime } from '../../src/runtime.ts';
import { apiCall } from '../content.ts';
import { makeUser } from '../factories.ts';
import { createPostgresDatabase, dialects } from '../harness.ts';
import { seedWorkInput } from '../seed.ts';
import { freePort, killHard, seededRandom, startServer, stopServer } from './server-process.ts';
import { startSmtpSink } from '../smtp-sink.ts';

const SEED = Number(process.env.CRASH_SEED ?? 20261124);
const ROUNDS = { sqlite: 3, postgres: 3 } as const;
const CLIENTS = 4;

interface Acknowledged {
  works: { id: number; title: string }[];
  chapters: { id: number; workId: number }[];
  comments: { id: number; workId: number }[];
  posts: { id: number; threadId: number }[];
}

interface Actor {
  name: string;
  token: string;
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const skip = dialects.includes(dialect) ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';
  describe(`crash safety: kill -9 under load [${dialect}] (seed ${SEED})`, { skip }, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-crash-'));
    let env: Record<string, string>;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let drop: (() => Promise<void>) | undefined;
    let actors: Actor[] = [];
    let threadId = 0;
    const acked: Acknowledged = { works: [], chapters: [], comments: [], posts: [] };
    const worksOf = new Map<string, number[]>();

    before(async () => {
      sink = await startSmtpSink();
      let databaseUrl = '';
      if (dialect === 'postgres') {
        const database = await createPostgresDatabase();
        databaseUrl = database.url;
        drop = database.drop;
      }
      const port = await freePort();
      env = {
        QUIRE_DATA: dataDir,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        BASE_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: sink.url,
        PASSWORD_HASH_COST: '14',
        // Four clients write as fast as they can from one address: far past any person's pace.
        RATE_LIMIT_MAX: '100000',
      };
      // Accounts, tokens and a forum thread, made in-process before the server ever runs.
      const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
      const runtime = await openRuntime({ config, log: pino({ level: 'silent' }) });
      const app = await buildApp(runtime.ctx, { rateLimitMax: 100_000 });
      await app.ready();
      const admin = await makeUser(runtime.ctx, { role: 'admin' });
      const adminToken = (await createToken(runtime.ctx, admin.id, 'crash')).token;
      for (const name of ['ann', 'ben']) {
        const user = await makeUser(runtime.ctx, { username: `${name}_crash` });
        actors.push({ name, token: (await createToken(runtime.ctx, user.id, 'crash')).token });
        // Every actor starts with one work, so there is always something to comment on.
        const work = await apiCall<{ id: number }>(app, actors.at(-1)!.token, 'POST', '/works', {
          ...seedWorkInput({ title: `${name}'s first work`, series: undefined }),
        });
        worksOf.set(name, [work.id]);
      }
      const board = await apiCall<{ id: number }>(app, adminToken, 'POST', '/boards', {
        name: 'Crash board',
      });
      const thread = await apiCall<{ id: number }>(app, adminToken, 'POST', `/boards/${board.id}/threads`, {
        title: 'Crash thread',
        body: 'Where the replies go.',
      });
      threadId = thread.id;
      await app.close();
      await runtime.close();
    });

    after(async () => {
      await sink?.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
      actors = [];
    });

    /** One client: posts works, chapters, comments and forum replies until told to stop. */
    async function client(base: string, random: () => number, stop: { now: boolean }, n: number) {
      let i = 0;
      while (!stop.now) {
        i++;
        const me = actors[(n + i) % actors.length]!;
        const other = actors[(n + i + 1) % actors.length]!;
        const call = async <T>(url: string, body: unknown): Promise<T | null> => {
          const response = await fetch(`${base}/api/v1${url}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(15_000),
          });
          const text = await response.text();
          if (response.status !== 201) throw new Error(`${url}: ${response.status} ${text.slice(0, 200)}`);
          return JSON.parse(text) as T;
        };
        const roll = random();
        try {
          if (roll < 0.25) {
            const title = `crash work ${n}.${i}.${Math.floor(random() * 1e6)}`;
            const work = await call<{ id: number }>('/works', {
              ...seedWorkInput({ title, series: undefined }),
            });
            acked.works.push({ id: work!.id, title });
            worksOf.get(me.name)!.push(work!.id);
          } else if (roll < 0.45) {
            const mine = worksOf.get(me.name)!;
            const workId = mine[Math.floor(random() * mine.length)]!;
            const chapter = await call<{ id: number }>(`/works/${workId}/chapters`, {
              title: `Chapter ${i}`,
              body: `Chapter text ${n}.${i}: ${'words '.repeat(50 + Math.floor(random() * 200))}`,
              format: 'text',
            });
            acked.chapters.push({ id: chapter!.id, workId });
          } else if (roll < 0.8) {
            const theirs = worksOf.get(other.name)!;
            const workId = theirs[Math.floor(random() * theirs.length)]!;
            const comment = await call<{ id: number }>(`/works/${workId}/comments`, {
              body: `A comment ${n}.${i} from ${me.name}.`,
            });
            acked.comments.push({ id: comment!.id, workId });
          } else {
            const post = await call<{ id: number }>(`/threads/${threadId}/posts`, {
              body: `Reply ${n}.${i}.`,
            });
            acked.posts.push({ id: post!.id, threadId });
          }
        } catch (error) {
          // Refused, reset or timed out by the kill: the outcome is unknown, so nothing is expected of it.
          if (
            !/fetch failed|aborted|timeout|ECONN|other side closed|terminated/i.test(
              String((error as Error)?.cause ?? error),
            ) &&
            !/fetch failed|aborted|timeout/i.test((error as Error).message)
          )
            throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    }

    it(`survives ${ROUNDS[dialect]} kill -9 rounds: nothing acknowledged lost, nothing half-written, every e-mail once`, async (t) => {
      const random = seededRandom(SEED);
      for (let round = 0; round < ROUNDS[dialect]; round++) {
        const server = await startServer(env);
        const stop = { now: false };
        const clients = Array.from({ length: CLIENTS }, (_, n) =>
          client(env.BASE_URL!, seededRandom(SEED + round * 100 + n), stop, n),
        );
        await new Promise((resolve) => setTimeout(resolve, 1500 + random() * 3000));
        await killHard(server.child);
        stop.now = true;
        await Promise.all(clients);
      }
      assert.ok(acked.works.length + acked.comments.length > 0, 'the load got some writes through');

      // A last start: the queue resumes; wait for every due job to finish, then stop gracefully.
      const server = await startServer(env);
      const connection = await connect(loadConfig({ ...env, LOG_LEVEL: 'silent' }).database);
      const db = connection.db;
      try {
        // The queue must resume and finish. A slow host only makes it slower: the test fails when the
        // due count stops falling for 30 s (a stuck queue) or the whole wait passes 4 minutes.
        const started = Date.now();
        let first = -1;
        let least = Infinity;
        let movedAt = started;
        for (;;) {
          const due = await db
            .selectFrom('jobs')
            .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
            .where('status', 'in', ['pending', 'running'])
            .where('run_at', '<=', new Date().toISOString())
            .groupBy('kind')
            .execute();
          const left = due.reduce((sum, row) => sum + Number(row.n), 0);
          if (first < 0) first = left;
          if (left === 0) break;
          if (left < least) [least, movedAt] = [left, Date.now()];
          const waited = (Date.now() - started) / 1000;
          assert.ok(
            Date.now() - movedAt < 30_000 && waited < 240,
            `jobs still due after ${waited.toFixed(0)} s (${left} of ${first}: ${due.map((r) => `${r.n} ${r.kind}`).join(', ')})`,
          );
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        t.diagnostic(
          `after the last start, ${first} due jobs ran in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        await stopServer(server.child);

        if (dialect === 'sqlite') {
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
          assert.deepEqual(check.rows, [{ integrity_check: 'ok' }]);
        }

        // Every write that got its 201 is there.
        const have = async (table: 'works' | 'chapters' | 'comments' | 'posts', ids: number[]) => {
          if (ids.length === 0) return;
          const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
          const found = new Set(rows.map((r) => r.id));
          assert.deepEqual(
            ids.filter((id) => !found.has(id)),
            [],
            `acknowledged ${table} missing`,
          );
        };
        await have(
          'works',
          acked.works.map((w) => w.id),
        );
        await have(
          'chapters',
          acked.chapters.map((c) => c.id),
        );
        await have(
          'comments',
          acked.comments.map((c) => c.id),
        );
        await have(
          'posts',
          acked.posts.map((p) => p.id),
        );

        // Nothing half-written: each work has its creator and a chapter, its counters match its rows.
        const works = await db.selectFrom('works').selectAll().execute();
        for (const work of works) {
          const chapters = await db
            .selectFrom('chapters')
            .selectAll()
            .where('work_id', '=', work.id)
            .execute();
          const posted = chapters.filter((c) => c.posted === 1);
          assert.ok(chapters.length > 0, `work ${work.id} has no chapter`);
          assert.equal(work.posted_chapters, posted.length, `work ${work.id}: posted_chapters`);
          assert.equal(
            work.word_count,
            posted.reduce((sum, c) => sum + c.word_count, 0),
            `work ${work.id}: word_count`,
          );
          const creators = await db
            .selectFrom('work_creators')
            .select('user_id')
            .where('work_id', '=', work.id)
            .execute();
          assert.ok(creators.length > 0, `work ${work.id} has no creator`);
          const comments = await db
            .selectFrom('comments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('work_id', '=', work.id)
            .where('state', '=', 'visible')
            .where('deleted_at', 'is', null)
            .executeTakeFirstOrThrow();
          assert.equal(work.comment_count, Number(comments.n), `work ${work.id}: comment_count`);
        }
        const thread = await db
          .selectFrom('threads')
          .selectAll()
          .where('id', '=', threadId)
          .executeTakeFirstOrThrow();
        const posts = await db
          .selectFrom('posts')
          .select(['number'])
          .where('thread_id', '=', threadId)
          .execute();
        assert.equal(thread.post_count, posts.length, 'thread post_count');
        assert.deepEqual(
          posts.map((p) => p.number).sort((a, b) => a - b),
          posts.map((_, i) => i + 1),
          'post numbers have no gaps or repeats',
        );

        // The queue resumed: no job left running, pending (when due) or failed.
        const stuck = await db
          .selectFrom('jobs')
          .select(['id', 'kind', 'status', 'last_error'])
          .where((eb) =>
            eb.or([
              eb('status', 'in', ['running', 'failed']),
              eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', new Date().toISOString())]),
            ]),
          )
          .execute();
        assert.deepEqual(stuck, []);

        // Every e-mail a job owed was delivered, and none twice except where a send was interrupted.
        const mails = await db
          .selectFrom('jobs')
          .leftJoin('mail_deliveries', 'mail_deliveries.job_id', 'jobs.id')
          .select([
            'jobs.id',
            'mail_deliveries.message_id',
            'mail_deliveries.sent_at',
            'mail_deliveries.attempts',
          ])
          .where('jobs.kind', '=', 'email.send')
          .execute();
        const acknowledgedComments = acked.comments.length;
        assert.ok(mails.length >= Math.min(1, acknowledgedComments), 'comments produced e-mails');
        const received = new Map<string, number>();
        for (const mail of sink.received)
          received.set(mail.messageId, (received.get(mail.messageId) ?? 0) + 1);
        for (const mail of mails) {
          assert.ok(mail.sent_at, `e-mail job ${mail.id} was never sent`);
          const copies = received.get(mail.message_id!) ?? 0;
          assert.ok(copies >= 1, `e-mail job ${mail.id} (${mail.message_id}) never reached the sink`);
          if (copies > 1)
            assert.ok(mail.attempts! > 1, `e-mail job ${mail.id} sent ${copies} times by one attempt`);
        }
        const owed = new Set(mails.map((m) => m.message_id));
        assert.deepEqual(
          sink.received.map((m) => m.messageId).filter((id) => !owed.has(id)),
          [],
          'unexpected e-mails',
        );
        const interrupted = mails.filter((m) => m.attempts! > 1).length;
        t.diagnostic(
          `acknowledged: ${acked.works.length} works, ${acked.chapters.length} chapters, ${acked.comments.length} comments, ` +
            `${acked.posts.length} posts; ${mails.length} e-mails owed, ${sink.received.length} received, ${interrupted} re-sent after a crash`,
        );
      } finally {
        await stopServer(server.child);
        await connection.close();
      }
    });
  });
}
