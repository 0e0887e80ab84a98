import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { makeBoard, makeThread } from '../forums/forums.fixtures.ts';
import { subscribe } from '../journals/access.service.ts';
import { readingPage } from '../journals/journals.read.ts';
import { ensurePersonalJournal } from '../journals/journals.repository.ts';
import { postEntry } from '../journals/journals.service.ts';
import { replyTo } from '../forums/posting.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { postWork } from '../works/works.service.ts';
import { relate } from './blocking.service.ts';

eachDialect('blocking and muting', (env) => {
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string) =>
    env().app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const signIn = async (user: { username: string }) => {
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return browser;
  };

  it('blocks and mutes through the API, lists them, undoes them, and refuses self and unknown names', async () => {
    const me = await makeUser(env().ctx);
    const them = await makeUser(env().ctx);
    const { token } = await createToken(env().ctx, me.id, 'test');
    const blocked = await api('POST', `/api/v1/users/${them.username.toUpperCase()}/block`, token);
    assert.equal(blocked.statusCode, 200, blocked.body);
    assert.deepEqual(blocked.json(), { username: them.username, blocked: true });
    assert.equal(
      (await api('POST', `/api/v1/users/${them.username}/block`, token)).statusCode,
      200,
      'again: no change',
    );
    assert.deepEqual((await api('POST', `/api/v1/users/${them.username}/mute`, token)).json(), {
      username: them.username,
      muted: true,
    });
    const blocks = (await api('GET', '/api/v1/me/blocks', token)).json();
    assert.deepEqual(
      blocks.users.map((u: { username: string }) => u.username),
      [them.username],
    );
    assert.equal((await api('GET', '/api/v1/me/mutes', token)).json().users.length, 1);

    const self = await api('POST', `/api/v1/users/${me.username}/block`, token);
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().error.message, 'You cannot block yourself.');
    const nobody = await api('POST', '/api/v1/users/no_such_person_here/mute', token);
    assert.equal(nobody.statusCode, 404);
    assert.match(nobody.json().error.message, /No one is called “no_such_person_here”/);
    assert.equal((await api('POST', `/api/v1/users/${them.username}/block`)).statusCode, 401);

    assert.deepEqual((await api('DELETE', `/api/v1/users/${them.username}/block`, token)).json(), {
      username: them.username,
      blocked: false,
    });
    assert.equal((await api('GET', '/api/v1/me/blocks', token)).json().users.length, 0);
    const doc = (await api('GET', '/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/users/{username}/block'].post);
    assert.ok(doc.paths['/api/v1/users/{username}/mute'].delete);
    assert.ok(doc.paths['/api/v1/me/mutes'].get);
  });

  it('offers block and mute buttons on profiles (plain forms) and lists them in the account area', async () => {
    const me = await makeUser(env().ctx);
    const them = await makeUser(env().ctx);
    const browser = await signIn(me);
    const profile = await browser.get(`/users/${them.username}`);
    assert.match(profile.body, new RegExp(`action="/users/${them.username}/block"`));
    assert.match(profile.body, new RegExp(`action="/users/${them.username}/mute"`));
    assert.ok(
      !(await browser.get(`/users/${me.username}`)).body.includes(`/users/${me.username}/block"`),
      'not on your own',
    );
    const done = await browser.post(
      `/users/${them.username}/block`,
      {},
      { csrfFrom: `/users/${them.username}` },
    );
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/users/${them.username}`);
    const after = textOf((await browser.get(`/users/${them.username}`)).body);
    assert.match(after, new RegExp(`You block ${them.username}`));
    assert.match(after, new RegExp(`Unblock ${them.username}`));
    const list = await browser.get('/account/blocked');
    assert.match(textOf(list.body), new RegExp(them.username));
    const undone = await browser.post(
      `/users/${them.username}/unblock`,
      { return: '/account/blocked' },
      { csrfFrom: '/account/blocked' },
    );
    assert.equal(undone.headers.location, '/account/blocked');
    assert.match(textOf((await browser.get('/account/blocked')).body), /You do not block anyone/);
    const unknown = await browser.post('/users/no_such_person_here/mute', {}, { csrfFrom: '/account/muted' });
    assert.equal(unknown.statusCode, 404);
    assert.match(textOf(unknown.body), /No one is called “no_such_person_here”/);
  });

  it('refuses gifts to and co-creator invitations of someone who blocked the giver; nothing is saved', async () => {
    const blocker = await makeUser(env().ctx);
    const giver = await makeUser(env().ctx);
    await relate(env().ctx, blocker, 'block', giver.username);
    const count = async () =>
      Number(
        (
          await env()
            .ctx.db.selectFrom('works')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await assert.rejects(
      postWork(env().ctx, giver, seedWorkInput({ series: null, gifts: [blocker.username] })),
      (e: Error & { fields?: Record<string, string> }) =>
        e.fields?.gifts === `You cannot give a gift to “${blocker.username}”.`,
    );
    await assert.rejects(
      postWork(env().ctx, giver, seedWorkInput({ series: null, coCreators: [blocker.username] })),
      (e: Error & { fields?: Record<string, string> }) =>
        /You cannot invite/.test(e.fields?.coCreators ?? ''),
    );
    assert.equal(await count(), before);

    // Through the form: the message by the field, what was typed kept.
    const browser = await signIn(giver);
    const form = await browser.post(
      '/works',
      {
        title: 'A gift refused',
        rating: 'General Audiences',
        warnings: 'No Archive Warnings Apply',
        fandoms: 'Smallville',
        language: 'en',
        expectedChapters: '1',
        chapterBody: 'Text.',
        chapterFormat: 'text',
        gifts: blocker.username,
        save: 'post',
      },
      { csrfFrom: '/works/new' },
    );
    assert.equal(form.statusCode, 422);
    assert.match(textOf(form.body), /You cannot give a gift to/);
    assert.match(form.body, /value="A gift refused"/);
    assert.equal(await count(), before);

    // Someone else may still give them gifts.
    const friend = await makeUser(env().ctx);
    await postWork(env().ctx, friend, seedWorkInput({ series: null, gifts: [blocker.username] }));
    assert.equal(await count(), before + 1);
  });

  it('leaves a muted poster’s entries off the reading page (the entry itself still opens)', async () => {
    const { ctx } = env();
    const reader = await makeUser(ctx);
    const loud = await makeUser(ctx);
    const quiet = await makeUser(ctx);
    for (const who of [loud, quiet]) {
      const journal = await ensurePersonalJournal(ctx.db, who);
      await postEntry(ctx, who, journal, { subject: `Entry by ${who.username}`, body: 'Hello.' });
      await subscribe(ctx, reader, journal.id, true);
    }
    const subjects = async () => (await readingPage(ctx, reader, 1)).entries.map((e) => e.subject).sort();
    assert.deepEqual(await subjects(), [`Entry by ${loud.username}`, `Entry by ${quiet.username}`].sort());
    await relate(ctx, reader, 'mute', loud.username);
    assert.deepEqual(await subjects(), [`Entry by ${quiet.username}`]);
  });

  it('refuses replies in a forum thread whose starter blocked the replier', async () => {
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const starter = await makeUser(env().ctx);
    const pest = await makeUser(env().ctx);
    const board = await makeBoard(env().ctx, admin);
    const { threadId } = await makeThread(env().ctx, starter, board.id);
    await relate(env().ctx, starter, 'block', pest.username);
    await assert.rejects(replyTo(env().ctx, pest, threadId, { body: 'Hello?' }), /has blocked you/);
    const posts = await env()
      .ctx.db.selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .execute();
    assert.equal(posts.length, 1, 'only the opening post');
    await replyTo(env().ctx, admin, threadId, { body: 'Moderators still can.' });
    const other = await makeUser(env().ctx);
    await replyTo(env().ctx, other, threadId, { body: 'Others too.' });
  });
});

eachDialect('mutes in listings, counts and search', (env) => {
  let muter: Awaited<ReturnType<typeof makeUser>>;
  let muted: Awaited<ReturnType<typeof makeUser>>;
  let token = '';
  let fandomId = 0;
  const FANDOM = 'Mute Test Fandom';

  before(async () => {
    const { ctx } = env();
    muter = await makeUser(ctx);
    muted = await makeUser(ctx);
    const other = await makeUser(ctx);
    ({ token } = await createToken(ctx, muter.id, 'test'));
    const post = (who: typeof muted, title: string, tags: string[]) =>
      postWork(
        ctx,
        who,
        seedWorkInput({ series: null, title, fandoms: [FANDOM], additionalTags: tags, relationships: [] }),
      );
    await post(muted, 'Quietened Work', ['Only Muted Tag', 'Shared Tag']);
    await post(other, 'Heard Work One', ['Shared Tag']);
    await post(other, 'Heard Work Two', []);
    await env().worker.drain();
    await browseIndexFor(ctx.db).sync(true);
    const tag = await ctx.db
      .selectFrom('tags')
      .select('id')
      .where('name', '=', FANDOM)
      .executeTakeFirstOrThrow();
    fandomId = tag.id;
  });

  const listing = async (query = '') =>
    (
      await env().app.inject({
        method: 'GET',
        url: `/api/v1/works?tags=${encodeURIComponent(FANDOM)}${query}`,
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
  const facet = (body: { facets: Record<string, { tag: string; count: number }[]> }, name: string) =>
    body.facets.freeform?.find((f) => f.tag === name)?.count ?? 0;

  it('leaves a muted creator’s works out of the listing, its total and its facet counts (always)', async () => {
    const before = await listing();
    assert.equal(before.total, 3);
    assert.equal(facet(before, 'Shared Tag'), 2);
    assert.equal(facet(before, 'Only Muted Tag'), 1);

    await relate(env().ctx, muter, 'mute', muted.username);
    const after = await listing();
    assert.equal(after.total, 2);
    assert.deepEqual(after.works.map((w: { title: string }) => w.title).sort(), [
      'Heard Work One',
      'Heard Work Two',
    ]);
    assert.equal(facet(after, 'Shared Tag'), 1, 'the facet counts what is shown');
    assert.equal(facet(after, 'Only Muted Tag'), 0);
    assert.equal(after.blocklist, null, 'a mute is not part of the switchable blocklist');
    assert.equal(
      (await listing('&blocklist=off')).total,
      2,
      '“show them on this listing” does not undo a mute',
    );

    const guest = (
      await env().app.inject({ method: 'GET', url: `/api/v1/works?tags=${encodeURIComponent(FANDOM)}` })
    ).json();
    assert.equal(guest.total, 3, 'others still see them');
  });

  it('applies to the tag pages and search too, but a link to the work still opens it', async () => {
    await relate(env().ctx, muter, 'mute', muted.username);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: muter.username, password: FACTORY_PASSWORD });
    const listed = textOf((await browser.get(`/tags/${fandomId}/works`)).body);
    assert.match(listed, /2 works|2 Works/i);
    assert.ok(!listed.includes('Quietened Work'));
    const tagPage = textOf((await browser.get(`/tags/${fandomId}`)).body);
    assert.ok(!tagPage.includes('Quietened Work'));
    assert.ok(tagPage.includes('Heard Work One'));
    const search = textOf((await browser.get('/search?q=Quietened')).body);
    assert.match(search, /No works match/);
    const guestSearch = textOf((await new TestClient(env().app).get('/search?q=Quietened')).body);
    assert.match(guestSearch, /1 work/);
    // A link to the work still opens it.
    const work = await env()
      .ctx.db.selectFrom('works')
      .select('id')
      .where('title', '=', 'Quietened Work')
      .executeTakeFirstOrThrow();
    assert.equal((await browser.get(`/works/${work.id}`)).statusCode, 200);
  });
});
