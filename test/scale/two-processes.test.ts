// Two Quire processes (the bundled `quire serve`, each with its job worker) on one PostgreSQL
// database, driven through both: the deployment for sites that outgrow one machine
// (docs/operations.md). PostgreSQL only: skipped, with the reason, when TEST_DATABASE_URL is unset.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { startThread } from '../../src/features/forums/posting.service.ts';
import { setCoreSubscription } from '../../src/features/subscriptions/subscriptions.repository.ts';
import { createToken } from '../../src/features/tokens/tokens.service.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { createPostgresDatabase } from '../harness.ts';
import { seedWorkInput } from '../seed.ts';
import { api, Browser, eventually, startQuire, startSmtpSink } from './cluster.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
const skip = PG_URL
  ? false
  : 'PostgreSQL not available (TEST_DATABASE_URL unset): two processes need one database';

type Quire = Awaited<ReturnType<typeof startQuire>>;
type Account = Awaited<ReturnType<typeof makeUser>> & { token: string };

describe('two Quire processes on one PostgreSQL', { skip, timeout: 240_000 }, () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let a: Quire;
  let b: Quire;
  let runtime: Runtime;
  let writer: Account;
  let readers: Account[];
  let workId: number;
  let threadId: number;
  const viewer = (u: Account) => ({ id: u.id, username: u.username, email: u.email, role: u.role });
  const db = () => runtime.ctx.db;

  before(async () => {
    database = await createPostgresDatabase();
    sink = await startSmtpSink();
    const shared = {
      DATABASE_URL: database.url,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
      PASSWORD_HASH_COST: '14',
      // Equal in every process: cookies signed by one are read by the other (docs/operations.md).
      SESSION_SECRET: 'two-processes-shared-secret',
    };
    // Both start at once on an empty database: one migrates, the other waits for its lock.
    [a, b] = await Promise.all([startQuire(shared), startQuire(shared)]);
    const config = loadConfig({ ...shared, QUIRE_DATA: a.dataDir });
    runtime = await openRuntime({ config, log: pino({ level: 'silent' }), migrate: false });
    const ctx = runtime.ctx;
    const withToken = async (u: Awaited<ReturnType<typeof makeUser>>) => ({
      ...u,
      token: (await createToken(ctx, u.id, 'scale test')).token,
    });
    writer = await withToken(await makeUser(ctx));
    readers = await Promise.all(Array.from({ length: 12 }, async () => withToken(await makeUser(ctx))));
    ({ workId } = await postWork(ctx, viewer(writer), seedWorkInput({ series: null, title: 'Shared Work' })));
    const admin = await makeUser(ctx, { role: 'admin' });
    const adminViewer = { id: admin.id, username: admin.username, email: admin.email, role: admin.role };
    const board = await createBoard(ctx, adminViewer, { name: 'Both processes', access: 'public' });
    ({ threadId } = await startThread(ctx, adminViewer, board.id, { title: 'Count with me', body: 'One.' }));
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await runtime?.close();
    await sink?.close();
    await database?.drop();
  });

  it('a session made through A works on B, and a form from A is accepted by B', async () => {
    const browser = new Browser();
    const login = await browser.postForm(
      `${a.url}/login`,
      { login: writer.username, password: FACTORY_PASSWORD },
      `${a.url}/login`,
    );
    assert.equal(login.status, 303, 'signed in through A');
    const session = browser.cookies.get('quire_session')!;
    const onB = await browser.fetch(`${b.url}/account/journal`);
    assert.equal(onB.status, 200, 'B knows the session');
    assert.match(await onB.text(), new RegExp(writer.username));
    // A's CSRF token (signed with the shared secret) is good on B: log out through B.
    const logout = await browser.postForm(`${b.url}/logout`, {}, `${a.url}/account/journal`);
    assert.equal(logout.status, 303);
    const stale = new Browser();
    stale.cookies.set('quire_session', session);
    assert.equal((await stale.fetch(`${a.url}/account/journal`)).status, 401, 'A sees the session ended');
  });

  it('concurrent forum replies through both: none lost, numbers distinct, counts and bump match the rows', async () => {
    const replies = 40;
    await Promise.all(
      Array.from({ length: replies }, (_, i) =>
        api(i % 2 ? a.url : b.url, readers[i % readers.length]!.token, 'POST', `/threads/${threadId}/posts`, {
          body: `Reply ${i}`,
        }),
      ),
    );
    const posts = await db()
      .selectFrom('posts')
      .select(['id', 'number', 'visible_at'])
      .where('thread_id', '=', threadId)
      .orderBy('number')
      .execute();
    assert.equal(posts.length, replies + 1, 'every reply is there');
    assert.deepEqual(
      posts.map((p) => p.number),
      Array.from({ length: replies + 1 }, (_, i) => i + 1),
      'numbers 1…n, none twice',
    );
    const thread = await db()
      .selectFrom('threads')
      .selectAll()
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    const latest = [...posts]
      .sort((x, y) => (x.visible_at! < y.visible_at! ? -1 : 1) || x.number - y.number)
      .at(-1)!;
    assert.equal(thread.reply_count, replies);
    assert.equal(thread.post_count, replies + 1);
    assert.equal(thread.bumped_at, latest.visible_at);
    assert.equal(thread.last_post_id, latest.id);
  });

  it('concurrent kudos and comments through both: the work’s counters match its rows', async () => {
    await Promise.all(
      readers.flatMap((reader, i) => [
        api(i % 2 ? a.url : b.url, reader.token, 'POST', `/works/${workId}/kudos`, {}),
        api(i % 2 ? b.url : a.url, reader.token, 'POST', `/works/${workId}/comments`, {
          body: `Comment ${i}`,
        }),
        api(i % 2 ? a.url : b.url, reader.token, 'POST', `/works/${workId}/comments`, { body: `More ${i}` }),
      ]),
    );
    const work = await db()
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    const kudos = await db()
      .selectFrom('kudos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    const comments = await db()
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('work_id', '=', workId)
      .where('state', '=', 'visible')
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(Number(kudos.n), readers.length);
    assert.equal(work.kudos_count, readers.length, 'kudos_count matches the kudos rows');
    assert.equal(Number(comments.n), readers.length * 2);
    assert.equal(work.comment_count, readers.length * 2, 'comment_count matches the comment rows');
  });

  it('chapters posted through both: each job runs once, each notification and e-mail exactly once', async () => {
    const subscribers = readers.slice(0, 3);
    for (const s of subscribers) await setCoreSubscription(db(), s.id, 'work', workId, true);
    const chapters = 6;
    for (let i = 0; i < chapters; i++) {
      await api(i % 2 ? a.url : b.url, writer.token, 'POST', `/works/${workId}/chapters`, {
        title: `Scale ${i}`,
        body: `Chapter ${i} words.`,
        format: 'text',
      });
    }
    await eventually('the job queue to drain', async () => {
      const open = await db()
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          eb.or([
            eb('status', '=', 'running'),
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', new Date().toISOString())]),
          ]),
        )
        .executeTakeFirstOrThrow();
      return Number(open.n) === 0;
    });
    const jobs = await db()
      .selectFrom('jobs')
      .select(['kind', 'status', 'attempts', 'payload'])
      .where('status', '!=', 'pending')
      .execute();
    assert.deepEqual(
      jobs.filter((j) => j.status !== 'done' || j.attempts !== 1),
      [],
      'every job done, each at its first attempt',
    );
    for (const s of subscribers) {
      const notices = await db()
        .selectFrom('notifications')
        .select(['key'])
        .where('user_id', '=', s.id)
        .where('kind', '=', 'chapter.posted')
        .execute();
      assert.equal(notices.length, chapters, `${s.username}: one notice per chapter`);
    }
    // Every e-mail job reached the SMTP server once, and nothing else did.
    const sent = jobs.filter((j) => j.kind === 'email.send');
    const expected = sent.map((j) => (JSON.parse(j.payload) as { to: string }).to).sort();
    assert.deepEqual(sink.received.flatMap((m) => m.to).sort(), expected, 'one delivery per e-mail job');
    for (const s of subscribers) {
      assert.equal(
        expected.filter((to) => to === s.email).length,
        chapters,
        `${s.username}: one e-mail a chapter`,
      );
    }
    assert.equal(
      new Set(sink.received.map((m) => m.messageId)).size,
      sink.received.length,
      'no message twice',
    );
  });

  it('listings: B lists a work posted through A at its next request', async () => {
    const guest = new Browser();
    assert.equal(
      (await guest.fetch(`${b.url}/works?sort=posted`)).status,
      200,
      'B’s filter engine is loaded',
    );
    const title = `Posted Through A ${Date.now()}`;
    const posted = await api(
      a.url,
      writer.token,
      'POST',
      '/works',
      seedWorkInput({ series: null, title, postedAt: undefined }),
    );
    const page = await (await guest.fetch(`${b.url}/works?sort=posted`)).text();
    assert.ok(page.includes(`/works/${posted.id}"`), 'the new work is on B’s listing at once');
  });

  it('listings: a change committed after a newer one was read still reaches B', async () => {
    const { workId: late } = await postWork(
      runtime.ctx,
      viewer(writer),
      seedWorkInput({ series: null, title: 'Late' }),
    );
    const url = `${b.url}/works?wordsFrom=900000`;
    const guest = new Browser();
    assert.doesNotMatch(await (await guest.fetch(url)).text(), new RegExp(`/works/${late}"`));
    // A slow transaction stamps its change first and commits last.
    const slow = new pg.Client({ connectionString: database.url });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query('update works set word_count = 987654, updated_at = $1 where id = $2', [
        new Date().toISOString(),
        late,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Meanwhile a newer change, through A, and B reads it (its cursor passes the slow one's stamp).
      await api(a.url, readers[0]!.token, 'POST', `/works/${workId}/comments`, { body: 'Newer.' });
      await guest.fetch(url);
      await slow.query('commit');
    } finally {
      await slow.end();
    }
    await eventually(
      'B to list the late change',
      async () => new RegExp(`/works/${late}"`).test(await (await guest.fetch(url)).text()),
      15_000,
    );
  });

  it('the guest page cache: B does not keep serving a page A has changed', async () => {
    const guest = new Browser();
    const page = () => guest.fetch(`${b.url}/works/${workId}`).then((r) => r.text());
    await page();
    assert.match(await page(), /Shared Work/, 'cached on B');
    await api(
      a.url,
      writer.token,
      'PATCH',
      `/works/${workId}`,
      seedWorkInput({ series: null, title: 'Renamed Through A' }),
    );
    await eventually('B to show the new title', async () => /Renamed Through A/.test(await page()), 5_000);
    // And a kudos through A (a counter, not a revision) reaches B's cached page too.
    const extra = await makeUser(runtime.ctx);
    assert.doesNotMatch(await page(), new RegExp(extra.username));
    const token = (await createToken(runtime.ctx, extra.id, 'late')).token;
    await api(a.url, token, 'POST', `/works/${workId}/kudos`, {});
    await eventually(
      'B to show the new kudos',
      async () => new RegExp(extra.username).test(await page()),
      5_000,
    );
  });
});
