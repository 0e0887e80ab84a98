import assert from 'node:assert/strict';
import { it } from 'node:test';
import { textOf, callApi, signedInClient } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { nowIso } from '../../lib/clock.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { storeNotice } from './inbox.repository.ts';
import { INBOX_PAGE } from './inbox.service.ts';
import type { Notice } from './notify.ts';
import { inboxOf, makeChapter, makeWork, runJobs } from './notifications.fixtures.ts';

eachDialect('inbox, preferences and subscriptions: pages and API', (env) => {
  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, token: string, payload?: object) =>
    callApi(env().app, method, url, { token, payload });
  const notice = (userId: number, n: number, kind: Notice['kind'] = 'chapter.posted'): Notice => ({
    userId,
    kind,
    key: `test:${kind}:${n}`,
    actorId: null,
    title: `Notice number ${n}`,
    excerpt: `Excerpt ${n}`,
    url: `/works/${n}`,
  });
  const fill = async (userId: number, count: number, kind?: Notice['kind']) => {
    for (let n = 1; n <= count; n++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
      await storeNotice(env().ctx.db, notice(userId, n, kind), 'none', at);
    }
  };

  it('a reader subscribes from the work page, gets the notice, sees the count in the header and reads it', async () => {
    const { ctx } = env();
    const [writer, reader] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    const { workId } = await makeWork(ctx, writer);
    const client = await login(reader);
    const page = await client.get(`/works/${workId}`);
    assert.match(page.body, /<button[^>]*>Subscribe<\/button>/);
    const subscribed = await client.post(
      '/subscriptions',
      {
        type: 'work',
        id: String(workId),
        subscribed: '1',
        back: `/works/${workId}`,
      },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(subscribed.statusCode, 303);
    assert.equal(subscribed.headers.location, `/works/${workId}`);
    assert.match((await client.get(`/works/${workId}`)).body, />Unsubscribe<\/button>/);
    assert.match(textOf((await client.get('/subscriptions')).body), /Work\s+Symphony, Part V/);

    const chapterId = await makeChapter(ctx, writer, workId, 'Coda');
    await runJobs(env());
    const home = await client.get('/');
    assert.match(
      home.body,
      /href="\/inbox"[^>]*>\s*Inbox<span class="badge">1<span class="visually-hidden"> unread<\/span>/,
    );
    const inbox = await client.get('/inbox');
    assert.equal(inbox.statusCode, 200);
    assert.match(textOf(inbox.body), /Unread .* posted Chapter 2: Coda of “Symphony, Part V”/);
    const [row] = await inboxOf(ctx, reader.id);
    const opened = await client.get(`/inbox/${row!.id}/open`);
    assert.equal(opened.headers.location, `/works/${workId}/chapters/${chapterId}`);
    assert.notEqual((await inboxOf(ctx, reader.id))[0]!.read_at, null, 'opening marks it read');
    assert.doesNotMatch((await client.get('/')).body, /Inbox<span class="badge">/);
    // A guest's page has no button; the writer's own page neither.
    assert.doesNotMatch((await env().app.inject({ url: `/works/${workId}` })).body, />Subscribe</);
    assert.doesNotMatch((await (await login(writer)).get(`/works/${workId}`)).body, />Subscribe</);
  });

  it('subscribe buttons on a series and a creator’s profile; unsubscribe from the subscriptions page', async () => {
    const { ctx } = env();
    const [writer, reader] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    const { workId } = await makeWork(ctx, writer, { series: { title: 'Movements', part: 1 } });
    const { series_id } = await ctx.db
      .selectFrom('serial_works')
      .select('series_id')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    const client = await login(reader);
    for (const [type, id, url] of [
      ['series', series_id, `/series/${series_id}`],
      ['user', writer.id, `/users/${writer.username}`],
    ] as const) {
      assert.match((await client.get(url)).body, />Subscribe<\/button>/, url);
      await client.post(
        '/subscriptions',
        { type, id: String(id), subscribed: '1', back: url },
        { csrfFrom: url },
      );
      assert.match((await client.get(url)).body, />Unsubscribe<\/button>/, url);
    }
    const list = textOf((await client.get('/subscriptions')).body);
    assert.match(list, /Series\s+Movements/);
    assert.match(list, new RegExp(`Creator\\s+${writer.username}`));
    const gone = await client.post(
      '/subscriptions',
      { type: 'series', id: String(series_id), subscribed: '0', back: '//evil.example/' },
      { csrfFrom: '/subscriptions' },
    );
    assert.equal(gone.headers.location, '/subscriptions', 'only a path on this site to go back to');
    assert.doesNotMatch(textOf((await client.get('/subscriptions')).body), /Movements/);
  });

  it('inbox operations: newest first, paged, filtered by kind, mark read/unread, mark all read, delete; only one’s own', async () => {
    const { ctx } = env();
    const [reader, other] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    await fill(reader.id, INBOX_PAGE + 2);
    await fill(reader.id, 1, 'entry.posted');
    const client = await login(reader);
    const first = textOf((await client.get('/inbox')).body);
    assert.match(first, /28 unread/);
    assert.match(first, /Page 1 of 2/);
    assert.ok(first.indexOf('Notice number 27') < first.indexOf('Notice number 26'), 'newest first');
    const second = textOf((await client.get('/inbox?page=2')).body);
    assert.match(second, /Notice number 2\b/);
    assert.doesNotMatch(second, /Notice number 27/);
    const entries = textOf((await client.get('/inbox?kind=entry.posted')).body);
    assert.match(entries, /Notice number 1\b/);
    assert.doesNotMatch(entries, /Notice number 2\b/);

    const rows = await inboxOf(ctx, reader.id);
    const target = rows[0]!;
    await client.post(`/inbox/${target.id}/read`, { read: '1', back: '/inbox' }, { csrfFrom: '/inbox' });
    assert.match(textOf((await client.get('/inbox')).body), /27 unread/);
    assert.doesNotMatch(textOf((await client.get('/inbox?unread=1')).body), new RegExp(`${target.title}\\b`));
    await client.post(`/inbox/${target.id}/read`, { read: '0', back: '/inbox' }, { csrfFrom: '/inbox' });
    assert.match(textOf((await client.get('/inbox')).body), /28 unread/);
    await client.post(`/inbox/${target.id}/delete`, { back: '/inbox' }, { csrfFrom: '/inbox' });
    assert.equal((await inboxOf(ctx, reader.id)).length, rows.length - 1);
    const all = await client.post(
      '/inbox/read-all',
      { back: '/inbox?kind=chapter.posted' },
      { csrfFrom: '/inbox' },
    );
    assert.equal(all.headers.location, '/inbox?kind=chapter.posted');
    assert.match(textOf((await client.get('/inbox')).body), /Nothing unread/);

    // Someone else's notice: not theirs to read, mark or delete.
    await fill(other.id, 1);
    const [foreign] = await inboxOf(ctx, other.id);
    assert.equal((await client.get(`/inbox/${foreign!.id}/open`)).statusCode, 404);
    const del = await client.post(`/inbox/${foreign!.id}/delete`, { back: '/inbox' }, { csrfFrom: '/inbox' });
    assert.equal(del.statusCode, 404);
    await client.post(`/inbox/${foreign!.id}/read`, { read: '1' }, { csrfFrom: '/inbox' });
    assert.equal((await inboxOf(ctx, other.id))[0]!.read_at, null);
    // Guests are asked to log in.
    assert.equal((await env().app.inject({ url: '/inbox' })).statusCode, 401);
  });

  it('a notice with a key already there replaces it and is unread again', async () => {
    const { ctx } = env();
    const reader = await makeUser(ctx);
    const first = {
      ...notice(reader.id, 1, 'kudos.left'),
      key: 'kudos:1:2026-11-24',
      title: 'Ann left kudos',
    };
    assert.equal(await storeNotice(ctx.db, first, 'none', nowIso()), 'new');
    await ctx.db
      .updateTable('notifications')
      .set({ read_at: nowIso() })
      .where('user_id', '=', reader.id)
      .execute();
    assert.equal(await storeNotice(ctx.db, first, 'none', nowIso()), 'same');
    assert.notEqual((await inboxOf(ctx, reader.id))[0]!.read_at, null);
    const grown = { ...first, title: 'Ann and Bo left kudos' };
    assert.equal(await storeNotice(ctx.db, grown, 'none', nowIso()), 'replaced');
    const rows = await inboxOf(ctx, reader.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.title, 'Ann and Bo left kudos');
    assert.equal(rows[0]!.read_at, null);
  });

  it('preferences: shown with the defaults, saved, bad input refused with the form again and nothing saved', async () => {
    const { ctx } = env();
    const reader = await makeUser(ctx);
    const client = await login(reader);
    const page = await client.get('/inbox/preferences');
    assert.match(
      page.body,
      /<select id="pref-chapter-posted" name="chapter.posted"[^>]*>[\s\S]*?<option value="immediate" selected/,
    );
    const saved = await client.post('/inbox/preferences', {
      'chapter.posted': 'digest',
      'entry.posted': 'immediate',
    });
    assert.equal(saved.statusCode, 303);
    const rows = await ctx.db
      .selectFrom('notification_preferences')
      .select(['kind', 'delivery'])
      .where('user_id', '=', reader.id)
      .orderBy('kind')
      .execute();
    assert.deepEqual(rows, [
      { kind: 'chapter.posted', delivery: 'digest' },
      { kind: 'entry.posted', delivery: 'immediate' },
    ]);
    const bad = await client.post('/inbox/preferences', {
      'chapter.posted': 'carrier-pigeon',
      'work.posted': 'inbox',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(textOf(bad.body), /Choose inbox only, e-mail at once, or a daily digest/);
    assert.match(bad.body, /<option value="inbox" selected[^>]*>Inbox only<\/option>/);
    const after = await ctx.db
      .selectFrom('notification_preferences')
      .select('kind')
      .where('user_id', '=', reader.id)
      .execute();
    assert.equal(after.length, 2, 'nothing saved');
  });

  it('API: inbox, mark read, delete, preferences; subscriptions: only to what one may see', async () => {
    const { ctx } = env();
    const [writer, reader, stranger] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
    const { token } = await createToken(ctx, reader.id, 'api');
    const { workId } = await makeWork(ctx, writer);
    const draft = await makeWork(ctx, writer, { title: 'Secret draft', draft: true });

    const made = await api('POST', '/subscriptions', token, { type: 'work', id: workId });
    assert.equal(made.status, 201);
    assert.equal(made.body.title, 'Symphony, Part V');
    assert.equal(
      (await api('POST', '/subscriptions', token, { type: 'work', id: draft.workId })).status,
      404,
    );
    assert.equal((await api('POST', '/subscriptions', token, { type: 'user', id: reader.id })).status, 422);
    const bad = await api('POST', '/subscriptions', token, { type: 'fandom', id: 1 });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'type');
    assert.equal((await api('POST', '/subscriptions', token, { type: 'user', id: stranger.id })).status, 201);
    const mine = await api('GET', '/me/subscriptions', token);
    assert.deepEqual(
      mine.body.subscriptions.map((s: { type: string; id: number }) => [s.type, s.id]),
      [
        ['work', workId],
        ['user', stranger.id],
      ],
    );
    const removed = await api('DELETE', '/subscriptions', token, { type: 'user', id: stranger.id });
    assert.deepEqual(removed.body, { type: 'user', id: stranger.id, subscribed: false });
    assert.equal((await api('GET', '/me/subscriptions', token)).body.subscriptions.length, 1);

    await makeChapter(ctx, writer, workId, 'Coda');
    await fill(reader.id, 2, 'entry.posted');
    await runJobs(env());
    const inbox = await api('GET', '/me/inbox', token);
    assert.equal(inbox.status, 200);
    assert.equal(inbox.body.total, 3);
    assert.equal(inbox.body.unread, 3);
    const chapter = inbox.body.notifications.find((n: { kind: string }) => n.kind === 'chapter.posted');
    assert.match(chapter.title, /Chapter 2: Coda/);
    assert.equal(chapter.actor, writer.username);
    assert.ok(chapter.url.startsWith(ctx.config.baseUrl));
    const filtered = await api('GET', '/me/inbox?kind=entry.posted', token);
    assert.equal(filtered.body.total, 2);
    assert.deepEqual((await api('POST', '/me/inbox/read', token, { ids: [chapter.id] })).body, {
      changed: 1,
    });
    assert.equal((await api('GET', '/me/inbox?unread=1', token)).body.total, 2);
    assert.equal((await api('POST', '/me/inbox/read', token, {})).status, 422);
    assert.deepEqual((await api('POST', '/me/inbox/read', token, { all: true })).body, { changed: 2 });
    assert.deepEqual((await api('DELETE', `/me/inbox/${chapter.id}`, token)).body, { deleted: true });
    assert.equal((await api('DELETE', `/me/inbox/${chapter.id}`, token)).status, 404);
    assert.equal((await api('GET', '/me/inbox', token)).body.total, 2);

    const prefs = await api('PUT', '/me/notification-preferences', token, { 'kudos.left': 'inbox' });
    assert.equal(prefs.body['kudos.left'], 'inbox');
    assert.equal(prefs.body['chapter.posted'], 'immediate');
    assert.equal(
      (await api('PUT', '/me/notification-preferences', token, { 'kudos.left': 'owl' })).status,
      422,
    );

    const doc = (await env().app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/subscriptions',
      '/api/v1/me/subscriptions',
      '/api/v1/me/inbox',
      '/api/v1/me/inbox/read',
      '/api/v1/me/inbox/{id}',
    ])
      assert.ok(doc.paths[path], path);
    assert.ok(doc.paths['/api/v1/subscriptions'].delete);
    assert.equal((await env().app.inject({ url: '/api/v1/me/inbox' })).statusCode, 401);
  });

  it('account deletion takes the inbox, preferences and subscriptions (and subscriptions to the account)', async () => {
    const { ctx } = env();
    const [leaver, fan, writer] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
    const { token } = await createToken(ctx, leaver.id, 'api');
    const fanToken = (await createToken(ctx, fan.id, 'api')).token;
    const { workId } = await makeWork(ctx, writer);
    await api('POST', '/subscriptions', token, { type: 'work', id: workId });
    await api('POST', '/subscriptions', fanToken, { type: 'user', id: leaver.id });
    await api('PUT', '/me/notification-preferences', token, { 'kudos.left': 'inbox' });
    await fill(leaver.id, 2);
    await deleteAccount(ctx, leaver.id, { current_password: FACTORY_PASSWORD, works: 'orphan' });
    for (const table of ['notifications', 'notification_preferences', 'subscriptions'] as const) {
      const left = await ctx.db
        .selectFrom(table)
        .select('user_id')
        .where('user_id', '=', leaver.id)
        .execute();
      assert.equal(left.length, 0, table);
    }
    const toLeaver = await ctx.db
      .selectFrom('subscriptions')
      .select('id')
      .where('target_type', '=', 'user')
      .where('target_id', '=', leaver.id)
      .execute();
    assert.equal(toLeaver.length, 0);
  });
});
