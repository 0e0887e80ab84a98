import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { User } from '../../db/schema.ts';
import { makeBoard, makeThread, reply } from '../forums/forums.fixtures.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';

type Person = User & { password: string };

eachDialect('abuse reports API, and forum posts in the moderators’ queue', (env) => {
  let writer: Person;
  let reader: Person;
  let moderator: Person;
  let admin: Person;
  const tokens = {} as Record<'writer' | 'reader' | 'moderator', string>;
  const ids = { work: 0, restricted: 0, post: 0, thread: 0 };

  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    env().app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  before(async () => {
    const { ctx } = env();
    [writer, reader] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    moderator = await makeUser(ctx, { role: 'moderator' });
    admin = await makeUser(ctx, { role: 'admin' });
    ids.work = (await postWork(ctx, writer, seedWorkInput({ title: 'API work', series: null }))).workId;
    for (const who of ['writer', 'reader', 'moderator'] as const)
      tokens[who] = (await createToken(ctx, { writer, reader, moderator }[who].id, 'reports')).token;
    const board = await makeBoard(ctx, admin);
    const thread = await makeThread(ctx, writer, board.id, 'Flame war');
    ids.thread = thread.threadId;
    ids.post = await reply(ctx, writer, thread.threadId, 'You are all idiots.');
  });

  it('files reports idempotently, refuses bad input and guests, and documents the calls', async () => {
    const body = { type: 'work', id: ids.work, reason: 'untagged', details: 'Graphic violence, untagged.' };
    assert.equal((await call('POST', '/api/v1/reports', undefined, body)).statusCode, 401);
    const first = await call('POST', '/api/v1/reports', tokens.reader, body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().created, true);
    const again = await call('POST', '/api/v1/reports', tokens.reader, { ...body, reason: 'spam' });
    assert.deepEqual(again.json(), { ...first.json(), created: false });
    const bad = await call('POST', '/api/v1/reports', tokens.reader, { ...body, reason: 'boring' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.field, 'reason');
    const long = await call('POST', '/api/v1/reports', tokens.reader, { ...body, details: 'x'.repeat(2001) });
    assert.equal(long.statusCode, 422);
    assert.equal(
      (await call('POST', '/api/v1/reports', tokens.reader, { ...body, id: 424242 })).statusCode,
      404,
    );
    assert.equal(
      (await call('POST', '/api/v1/reports', tokens.writer, body)).statusCode,
      422,
      'your own work',
    );
    const rows = await env().ctx.db.selectFrom('reports').select(['reason']).execute();
    assert.deepEqual(rows, [{ reason: 'untagged' }]);
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/reports'].post);
    assert.ok(doc.paths['/api/v1/admin/reports'].get);
    assert.ok(doc.paths['/api/v1/admin/reports/{id}/resolve'].post);
  });

  it('reports forum posts to the board’s queue, once, and not posts the reader cannot see', async () => {
    const { ctx } = env();
    const body = { type: 'post', id: ids.post, reason: 'harassment', details: 'Insults.' };
    const first = await call('POST', '/api/v1/reports', tokens.reader, body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().created, true);
    assert.equal((await call('POST', '/api/v1/reports', tokens.reader, body)).json().created, false);
    const rows = await ctx.db.selectFrom('post_reports').select(['post_id', 'reason', 'status']).execute();
    assert.deepEqual(rows, [{ post_id: ids.post, reason: 'Harassment: Insults.', status: 'open' }]);
    assert.equal(
      (await call('POST', '/api/v1/reports', tokens.reader, { ...body, id: 999_999 })).statusCode,
      404,
    );
  });

  it('shows moderators both kinds of report, and refuses everyone else', async () => {
    assert.equal((await call('GET', '/api/v1/admin/reports', tokens.reader)).statusCode, 403);
    const queue = (await call('GET', '/api/v1/admin/reports', tokens.moderator)).json();
    assert.equal(queue.reports.length, 1);
    assert.equal(queue.reports[0].type, 'work');
    assert.equal(queue.reports[0].count, 1);
    assert.deepEqual(queue.reports[0].authors, [writer.username]);
    assert.equal(queue.reports[0].reports[0].details, 'Graphic violence, untagged.');
    assert.equal(queue.postReports.length, 1);
    assert.equal(queue.postReports[0].postId, ids.post);
    assert.match(queue.postReports[0].label, /post #2 in “Flame war”/);
    const client = new TestClient(env().app);
    await client.post('/login', { login: moderator.username, password: moderator.password });
    const page = textOf((await client.get('/admin/reports')).body);
    assert.match(page, /post #2 in “Flame war” \(Board \d+\)\s*1 report/);
    assert.match(page, /You are all idiots\./);
  });

  it('resolves through the API: warn a post’s author, dismiss, hide; every action in the audit log', async () => {
    const { ctx } = env();
    const queue = (await call('GET', '/api/v1/admin/reports', tokens.moderator)).json();
    const postReport = queue.postReports[0].id;
    const workReport = queue.reports[0].id;
    const refused = await call('POST', `/api/v1/admin/reports/${workReport}/resolve`, tokens.reader, {
      action: 'hide',
    });
    assert.equal(refused.statusCode, 403);
    const badAction = await call('POST', `/api/v1/admin/reports/${workReport}/resolve`, tokens.moderator, {
      action: 'ban',
    });
    assert.equal(badAction.statusCode, 422);

    const warned = await call('POST', `/api/v1/admin/post-reports/${postReport}/resolve`, tokens.moderator, {
      action: 'warn',
      note: 'No insults on the boards.',
    });
    assert.equal(warned.statusCode, 200, warned.body);
    assert.equal(warned.json().resolved, 1);
    const post = await ctx.db.selectFrom('post_reports').select('status').executeTakeFirstOrThrow();
    assert.equal(post.status, 'actioned');
    const warning = await ctx.db.selectFrom('user_warnings').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [warning.user_id, warning.target_type, warning.target_id],
      [writer.id, 'post', ids.post],
    );
    const mails = await ctx.db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'email.send')
      .execute();
    assert.ok(mails.some((m) => JSON.parse(m.payload).to === writer.email));

    // A second report of the post, then hidden through the forum's own rule.
    await call('POST', '/api/v1/reports', tokens.reader, {
      type: 'post',
      id: ids.post,
      reason: 'spam',
      details: '',
    });
    const again = (await call('GET', '/api/v1/admin/reports', tokens.moderator)).json().postReports[0].id;
    const hidden = await call('POST', `/api/v1/admin/post-reports/${again}/resolve`, tokens.moderator, {
      action: 'hide',
    });
    assert.equal(hidden.statusCode, 200, hidden.body);
    const status = await ctx.db
      .selectFrom('posts')
      .select('status')
      .where('id', '=', ids.post)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'hidden');

    const dismissed = await call('POST', `/api/v1/admin/reports/${workReport}/resolve`, tokens.moderator, {
      action: 'dismiss',
    });
    assert.deepEqual(dismissed.json(), { action: 'dismiss', resolved: 1, label: 'the work “API work”' });
    const work = await ctx.db
      .selectFrom('works')
      .select('hidden_at')
      .where('id', '=', ids.work)
      .executeTakeFirstOrThrow();
    assert.equal(work.hidden_at, null, 'dismissing leaves the work alone');
    const twice = await call('POST', `/api/v1/admin/reports/${workReport}/resolve`, tokens.moderator, {
      action: 'hide',
    });
    assert.equal(twice.statusCode, 409);

    const log = await ctx.db
      .selectFrom('moderator_actions')
      .select(['action', 'target_type', 'moderator_name'])
      .orderBy('id')
      .execute();
    assert.deepEqual(log, [
      { action: 'warn', target_type: 'post', moderator_name: moderator.username },
      { action: 'hide', target_type: 'post', moderator_name: moderator.username },
      { action: 'dismiss', target_type: 'work', moderator_name: moderator.username },
    ]);
    const empty = (await call('GET', '/api/v1/admin/reports', tokens.moderator)).json();
    assert.deepEqual(empty, { reports: [], postReports: [] });
  });
});
