import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { User } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { postComment } from '../comments/comments.service.ts';
import { journalNamed, postEntry } from '../journals/journals.service.ts';
import { postWork } from '../works/works.service.ts';

type Person = User & { password: string };

eachDialect('abuse reports: reporting, the moderators’ queue and the audit log', (env) => {
  let writer: Person;
  let reader: Person;
  let other: Person;
  let moderator: Person;
  const ids = { work: 0, draft: 0, entry: 0, locked: 0, privateEntry: 0 };
  const clients = {} as Record<'writer' | 'reader' | 'other' | 'moderator', TestClient>;

  const login = (user: Person) => signedInClient(env().app, user, user.password);
  const reportsOf = (type: string, id: number) =>
    env()
      .ctx.db.selectFrom('reports')
      .select(['id', 'reporter_id', 'reason', 'details', 'status', 'resolved_by'])
      .where('target_type', '=', type as 'work')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
  const audit = () =>
    env()
      .ctx.db.selectFrom('moderator_actions')
      .select(['moderator_name', 'action', 'target_type', 'target_id', 'target_label', 'reason'])
      .orderBy('id')
      .execute();
  const report = (client: TestClient, fields: Record<string, string>) =>
    client.post('/reports', fields, { csrfFrom: `/reports/new?type=${fields.type}&id=${fields.id}` });
  const resolve = (id: number, action: string, note = '') =>
    clients.moderator.post(`/admin/reports/${id}/resolve`, { action, note }, { csrfFrom: '/admin/reports' });

  before(async () => {
    const { ctx } = env();
    [writer, reader, other] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
    moderator = await makeUser(ctx, { role: 'moderator' });
    ids.work = (await postWork(ctx, writer, seedWorkInput({ title: 'Reported work', series: null }))).workId;
    ids.draft = (
      await postWork(ctx, writer, seedWorkInput({ title: 'A draft', series: null, draft: true }))
    ).workId;
    const journal = await journalNamed(ctx, writer.username);
    const entry = (subject: string, security: string) =>
      postEntry(ctx, writer, journal, { subject, body: `The text of ${subject}.`, format: 'text', security });
    ids.entry = await entry('Public rant', 'public');
    ids.locked = await entry('Friends only', 'access');
    ids.privateEntry = await entry('Just me', 'private');
    await ctx.db
      .insertInto('journal_access')
      .values({ owner_id: writer.id, member_id: reader.id, created_at: nowIso() })
      .execute();
    for (const [name, user] of [
      ['writer', writer],
      ['reader', reader],
      ['other', other],
      ['moderator', moderator],
    ] as const)
      clients[name] = await login(user);
  });

  it('shows a Report link on works and entries, and a form with the five reasons', async () => {
    const work = (await clients.reader.get(`/works/${ids.work}`)).body;
    assert.match(work, new RegExp(`href="/reports/new\\?type=work&amp;id=${ids.work}"`));
    assert.doesNotMatch(
      (await clients.writer.get(`/works/${ids.work}`)).body,
      /\/reports\/new/,
      'not on your own',
    );
    const entry = (await clients.reader.get(`/journals/${writer.username}/entries/${ids.entry}`)).body;
    assert.match(entry, new RegExp(`href="/reports/new\\?type=entry&amp;id=${ids.entry}"`));
    const form = await clients.reader.get(`/reports/new?type=work&id=${ids.work}`);
    assert.equal(form.statusCode, 200);
    const text = textOf(form.body);
    for (const reason of [
      'Spam',
      'Harassment',
      'Plagiarism',
      'Inappropriate content that is not tagged',
      'Something else',
    ])
      assert.ok(text.includes(reason), reason);
    assert.match(text, /Report the work “Reported work”/);
  });

  it('files a report once: a second report of the same thing is the same report', async () => {
    const first = await report(clients.reader, {
      type: 'work',
      id: String(ids.work),
      reason: 'plagiarism',
      details: 'Copied from elsewhere.',
    });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, `/works/${ids.work}`);
    assert.match(
      textOf((await clients.reader.get(`/works/${ids.work}`)).body),
      /Thank you: your report of the work “Reported work” was sent/,
    );
    const again = await report(clients.reader, {
      type: 'work',
      id: String(ids.work),
      reason: 'spam',
      details: '',
    });
    assert.equal(again.statusCode, 303);
    assert.match(
      textOf((await clients.reader.get(`/works/${ids.work}`)).body),
      /You have reported the work “Reported work” already/,
    );
    const rows = await reportsOf('work', ids.work);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      [rows[0]!.reason, rows[0]!.details, rows[0]!.status],
      ['plagiarism', 'Copied from elsewhere.', 'open'],
    );
    await report(clients.other, { type: 'work', id: String(ids.work), reason: 'spam', details: '' });
    assert.equal((await reportsOf('work', ids.work)).length, 2, 'another reader’s report counts');
  });

  it('refuses bad input with the form shown again as typed, and saves nothing', async () => {
    const before = (await reportsOf('entry', ids.entry)).length;
    const noReason = await report(clients.reader, {
      type: 'entry',
      id: String(ids.entry),
      details: 'Kept text',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(textOf(noReason.body), /Choose what is wrong/);
    assert.match(noReason.body, />Kept text<\/textarea>/);
    const long = await report(clients.reader, {
      type: 'entry',
      id: String(ids.entry),
      reason: 'other',
      details: 'x'.repeat(2001),
    });
    assert.equal(long.statusCode, 422);
    assert.match(textOf(long.body), /at most 2,000 characters/);
    const own = await report(clients.writer, { type: 'entry', id: String(ids.entry), reason: 'spam' });
    assert.equal(own.statusCode, 422);
    assert.match(textOf(own.body), /You cannot report your own entry/);
    assert.equal((await reportsOf('entry', ids.entry)).length, before);
  });

  it('refuses reports of what the reporter cannot see, and guests', async () => {
    const { app } = env();
    for (const [type, id] of [
      ['work', ids.draft],
      ['entry', ids.privateEntry],
      ['entry', ids.locked],
      ['work', 999_999],
      ['comment', 1],
    ] as const) {
      assert.equal(
        (await clients.other.get(`/reports/new?type=${type}&id=${id}`)).statusCode,
        404,
        `${type} ${id}`,
      );
      const posted = await clients.other.post(
        '/reports',
        { type, id: String(id), reason: 'spam' },
        { csrfFrom: `/reports/new?type=work&id=${ids.work}` },
      );
      assert.equal(posted.statusCode, 404);
    }
    assert.equal((await reportsOf('work', ids.draft)).length, 0);
    assert.equal((await reportsOf('entry', ids.privateEntry)).length, 0);
    assert.equal((await new TestClient(app).get(`/reports/new?type=work&id=${ids.work}`)).statusCode, 401);
    // The reader on the access list may report the locked entry.
    assert.equal(
      (await report(clients.reader, { type: 'entry', id: String(ids.locked), reason: 'harassment' }))
        .statusCode,
      303,
    );
  });

  it('keeps the queue and the audit log from readers', async () => {
    for (const url of ['/admin/reports', '/admin/audit'])
      assert.equal((await clients.reader.get(url)).statusCode, 403, url);
    const [open] = await reportsOf('work', ids.work);
    const refused = await clients.reader.post(
      `/admin/reports/${open!.id}/resolve`,
      { action: 'hide' },
      { csrfFrom: `/works/${ids.work}` },
    );
    assert.equal(refused.statusCode, 403);
    assert.equal((await reportsOf('work', ids.work))[0]!.status, 'open');
    assert.deepEqual(await audit(), []);
  });

  it('groups open reports by target with counts and excerpts; a locked entry’s text stays locked', async () => {
    const page = await clients.moderator.get('/admin/reports');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /the work “Reported work”\s*2 reports/);
    assert.match(text, /Peace\./, 'the work’s summary as the excerpt');
    assert.match(text, /Plagiarism — [^,]+, [^:]+: Copied from elsewhere\./);
    assert.match(text, /a locked entry \(#\d+\) that site moderators cannot read\s*1 report/);
    assert.doesNotMatch(text, /Friends only|The text of Friends only/);
  });

  it('hides a work: every open report of it is answered, the work leaves readers, the audit log says so', async () => {
    const [first, second] = await reportsOf('work', ids.work);
    const done = await resolve(second!.id, 'hide', 'Plagiarised from a published novel.');
    assert.equal(done.statusCode, 303);
    assert.match(
      textOf((await clients.moderator.get('/admin/reports')).body),
      /Hidden: the work “Reported work”/,
    );
    const rows = await reportsOf('work', ids.work);
    assert.deepEqual(
      rows.map((r) => [r.id, r.status, r.resolved_by]),
      [
        [first!.id, 'hidden', moderator.id],
        [second!.id, 'hidden', moderator.id],
      ],
    );
    const work = await env()
      .ctx.db.selectFrom('works')
      .select('hidden_at')
      .where('id', '=', ids.work)
      .executeTakeFirstOrThrow();
    assert.ok(work.hidden_at);
    assert.equal((await clients.reader.get(`/works/${ids.work}`)).statusCode, 404);
    assert.equal(
      (await clients.writer.get(`/works/${ids.work}`)).statusCode,
      200,
      'its creators still see it',
    );
    assert.deepEqual(await audit(), [
      {
        moderator_name: moderator.username,
        action: 'hide',
        target_type: 'work',
        target_id: ids.work,
        target_label: 'the work “Reported work”',
        reason: 'Plagiarised from a published novel.',
      },
    ]);
    const again = await resolve(first!.id, 'dismiss');
    assert.equal(again.statusCode, 409);
    assert.match(textOf(again.body), /answered already/);
    assert.equal((await audit()).length, 1);
  });

  it('warns an entry’s author: a recorded warning and an e-mail through the job queue', async () => {
    const { ctx } = env();
    await report(clients.other, {
      type: 'entry',
      id: String(ids.entry),
      reason: 'harassment',
      details: 'Name-calling.',
    });
    const [open] = await reportsOf('entry', ids.entry);
    assert.equal((await resolve(open!.id, 'warn', 'Please keep it civil.')).statusCode, 303);
    const warnings = await ctx.db.selectFrom('user_warnings').selectAll().execute();
    assert.deepEqual(
      warnings.map((w) => [w.user_id, w.moderator_id, w.target_type, w.target_id, w.reason]),
      [[writer.id, moderator.id, 'entry', ids.entry, 'Please keep it civil.']],
    );
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select(['kind', 'payload'])
      .where('kind', '=', 'email.send')
      .execute();
    const mail = jobs.map((j) => JSON.parse(j.payload)).find((m) => m.to === writer.email);
    assert.ok(mail, 'a warning e-mail is enqueued');
    assert.match(mail.subject, /warning/);
    assert.match(mail.text, /Please keep it civil\./);
    assert.match(mail.text, new RegExp(`/journals/${writer.username}/entries/${ids.entry}`));
    assert.equal((await reportsOf('entry', ids.entry))[0]!.status, 'warned');
    assert.equal(
      (await clients.reader.get(`/journals/${writer.username}/entries/${ids.entry}`)).statusCode,
      200,
      'warning hides nothing',
    );
    assert.equal((await audit()).at(-1)!.action, 'warn');
  });

  it('dismisses (nothing changes but the reports) and hides an entry (its poster alone sees it)', async () => {
    const { ctx } = env();
    const [locked] = await reportsOf('entry', ids.locked);
    assert.equal((await resolve(locked!.id, 'dismiss', 'Not against the rules.')).statusCode, 303);
    assert.equal((await reportsOf('entry', ids.locked))[0]!.status, 'dismissed');
    assert.equal(
      (await clients.reader.get(`/journals/${writer.username}/entries/${ids.locked}`)).statusCode,
      200,
    );
    assert.match(
      (await audit()).at(-1)!.target_label,
      /a locked entry/,
      'the log keeps what the moderator saw',
    );

    await report(clients.reader, { type: 'entry', id: String(ids.entry), reason: 'spam' });
    const open = (await reportsOf('entry', ids.entry)).find((r) => r.status === 'open')!;
    assert.equal((await resolve(open.id, 'hide')).statusCode, 303);
    const entry = await ctx.db
      .selectFrom('entries')
      .select('status')
      .where('id', '=', ids.entry)
      .executeTakeFirstOrThrow();
    assert.equal(entry.status, 'rejected');
    assert.equal(
      (await clients.reader.get(`/journals/${writer.username}/entries/${ids.entry}`)).statusCode,
      404,
    );
    assert.equal(
      (await clients.writer.get(`/journals/${writer.username}/entries/${ids.entry}`)).statusCode,
      200,
    );
    assert.match(
      textOf((await clients.moderator.get('/admin/reports')).body),
      /Works, entries and comments\s*No open reports\./,
    );
  });

  it('hides a reported comment by screening it: readers lose it, the work’s count drops, the log says so', async () => {
    const { ctx } = env();
    const { workId } = await postWork(ctx, writer, seedWorkInput({ title: 'Commented work', series: null }));
    const { id } = await postComment(ctx, reader, { kind: 'work', id: workId }, { body: 'Buy cheap boots!' });
    const count = async () =>
      (
        await ctx.db
          .selectFrom('works')
          .select('comment_count')
          .where('id', '=', workId)
          .executeTakeFirstOrThrow()
      ).comment_count;
    assert.equal(await count(), 1);
    const form = await clients.other.get(`/reports/new?type=comment&id=${id}`);
    assert.equal(form.statusCode, 200);
    assert.match(textOf(form.body), new RegExp(`a comment by ${reader.username}`));
    assert.equal(
      (await report(clients.other, { type: 'comment', id: String(id), reason: 'spam' })).statusCode,
      303,
    );
    const [filed] = await reportsOf('comment', id);
    assert.match(textOf((await clients.moderator.get('/admin/reports')).body), /Buy cheap boots!/);
    assert.equal((await resolve(filed!.id, 'hide', 'Spam.')).statusCode, 303);
    const comment = await ctx.db
      .selectFrom('comments')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(comment.state, 'screened');
    assert.equal(await count(), 0);
    assert.doesNotMatch((await clients.other.get(`/works/${workId}`)).body, /Buy cheap boots!/);
    assert.match(
      (await clients.writer.get(`/works/${workId}`)).body,
      /Buy cheap boots!/,
      'its owner still sees it',
    );
    assert.equal((await audit()).at(-1)!.target_type, 'comment');
  });

  it('pages and filters the audit log by moderator and action', async () => {
    const second = await makeUser(env().ctx, { role: 'admin' });
    const admin = await login(second);
    await report(clients.reader, { type: 'work', id: String(ids.draft), reason: 'spam' }); // refused: a draft
    const page = textOf((await clients.moderator.get('/admin/audit')).body);
    assert.match(page, /Hid\s*the work “Reported work”\s*Plagiarised/);
    assert.match(page, /Warned\s*the entry “Public rant”/);
    const table = (html: string) => textOf(html).split('newest first')[1] ?? '';
    const warns = table((await admin.get('/admin/audit?action=warn')).body);
    assert.match(warns, /Warned/);
    assert.doesNotMatch(warns, /Dismissed|Hid\s/);
    const byNobody = textOf((await admin.get(`/admin/audit?moderator=${second.username}`)).body);
    assert.match(byNobody, /No moderator actions match/);
    const mine = textOf(
      (await admin.get(`/admin/audit?moderator=${moderator.username}&action=dismiss`)).body,
    );
    assert.match(mine, /Dismissed\s*a locked entry/);
    assert.equal((await admin.get('/admin/audit?page=2')).statusCode, 200);
  });
});
