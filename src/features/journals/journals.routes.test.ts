import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { createToken } from '../tokens/tokens.service.ts';

eachDialect('journal pages, forms and the journal API', (env) => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let friend: Awaited<ReturnType<typeof makeUser>>;
  let writer: TestClient;
  let reader: TestClient;
  let token = '';

  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, auth = token) =>
    callApi(env().app, method, url, { token: auth, payload });

  before(async () => {
    owner = await makeUser(env().ctx);
    friend = await makeUser(env().ctx);
    writer = await login(owner);
    reader = await login(friend);
    ({ token } = await createToken(env().ctx, owner.id, 'test'));
  });

  it('posts an entry from the form, keeping everything typed when something is refused', async () => {
    const post = `/journals/${owner.username}/post`;
    const refused = await writer.post(post, {
      subject: 'Symphony, Part V',
      body: 'Peace.',
      tags: 'fic, smallville',
      security: 'filter:Nobody',
      mood: 'accomplished',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /You have no access filter called “Nobody”/);
    assert.match(refused.body, /value="Symphony, Part V"/);
    assert.match(refused.body, /value="fic, smallville"/);
    assert.match(refused.body, /value="accomplished"/);
    const future = await writer.post(post, { body: 'Tomorrow’s news.', postedAt: '2999-01-01' });
    assert.match(textOf(future.body), /at most a day ahead/);
    const posted = await writer.post(post, {
      subject: 'Symphony, Part V',
      body: 'Peace.\n\nThe end.',
      format: 'text',
      tags: 'fic, smallville',
      security: 'public',
      mood: 'accomplished',
      music: 'Lifehouse',
    });
    assert.equal(posted.statusCode, 303);
    const page = await new TestClient(env().app).get(posted.headers.location as string);
    const text = textOf(page.body);
    assert.match(text, /Symphony, Part V/);
    assert.match(text, /Mood accomplished/);
    assert.match(page.body, /<p>Peace.<\/p>\s*<p>The end.<\/p>/);
    assert.match(page.body, /rel="tag"[^>]*>fic</);
  });

  it('hides a locked entry from guests and strangers (a 404), shows it to the access list', async () => {
    const posted = await writer.post(`/journals/${owner.username}/post`, {
      subject: 'Only for friends',
      body: 'Locked words.',
      security: 'access',
    });
    const url = posted.headers.location as string;
    assert.equal((await new TestClient(env().app).get(url)).statusCode, 404);
    assert.equal((await reader.get(url)).statusCode, 404);
    const recent = textOf((await new TestClient(env().app).get(`/journals/${owner.username}`)).body);
    assert.doesNotMatch(recent, /Only for friends/);
    const granted = await writer.post('/account/access', { username: friend.username });
    assert.equal(granted.statusCode, 303);
    assert.match(textOf((await reader.get(url)).body), /Locked words/);
    assert.match(textOf((await reader.get(`/journals/${owner.username}`)).body), /Only for friends/);
  });

  it('steps Previous/Next, lists tags with counts, and files entries in the calendar', async () => {
    for (const day of ['2006-01-20', '2006-01-22']) {
      await writer.post(`/journals/${owner.username}/post`, {
        subject: `Dated ${day}`,
        body: 'Words.',
        tags: 'dated',
        postedAt: day,
      });
    }
    const recent = (await writer.get(`/journals/${owner.username}/tags/dated`)).body;
    const first = /href="(\/journals\/[^"]+\/entries\/\d+)"[^>]*>Dated 2006-01-20/.exec(recent)![1]!;
    const page = (await writer.get(`${first}?tag=dated`)).body;
    assert.match(page, /rel="next"[^>]*>Next entry/);
    assert.doesNotMatch(page, /rel="prev"/);
    const cloud = textOf((await writer.get(`/journals/${owner.username}/tags`)).body);
    assert.match(cloud, /dated \(2 entries\)/);
    const calendar = (await writer.get(`/journals/${owner.username}/calendar/2006`)).body;
    assert.match(calendar, /aria-label="20 January: 1 entry"/);
    const day = textOf((await writer.get(`/journals/${owner.username}/calendar/2006/01/22`)).body);
    assert.match(day, /Dated 2006-01-22/);
    assert.doesNotMatch(day, /Dated 2006-01-20/);
    assert.equal((await writer.get(`/journals/${owner.username}/calendar/2006/13`)).statusCode, 404);
  });

  it('edits (counting edits) and deletes an entry; only its poster may', async () => {
    const posted = await writer.post(`/journals/${owner.username}/post`, {
      subject: 'Draft thoughts',
      body: 'v1',
    });
    const id = /entries\/(\d+)/.exec(posted.headers.location as string)![1];
    assert.equal((await reader.get(`/entries/${id}/edit`)).statusCode, 403);
    const form = (await writer.get(`/entries/${id}/edit`)).body;
    assert.match(form, /value="Draft thoughts"/);
    const saved = await writer.post(`/entries/${id}/edit`, { subject: 'Better thoughts', body: 'v2' });
    assert.equal(saved.statusCode, 303);
    assert.match(
      textOf((await writer.get(saved.headers.location as string)).body),
      /Better thoughts.*edited 1 time/,
    );
    const deleted = await writer.post(`/entries/${id}/delete`, {}, { csrfFrom: `/entries/${id}/edit` });
    assert.equal(deleted.statusCode, 303);
    assert.equal((await writer.get(`/journals/${owner.username}/entries/${id}`)).statusCode, 404);
  });

  it('keeps journal settings and a theme', async () => {
    const refused = await writer.post('/account/journal', { title: '', subtitle: 'Kept subtitle' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /value="Kept subtitle"/);
    await writer.post('/account/journal', {
      title: 'Lexana Central',
      subtitle: 'You might say I’m the most donest of all.',
      theme: 'night',
    });
    const page = (await new TestClient(env().app).get(`/journals/${owner.username}`)).body;
    assert.match(page, /<body class="theme-night">/);
    assert.match(textOf(page), /Lexana Central You might say I’m the most donest of all\./);
  });

  it('puts subscribed journals on the reading page, locked entries only with access', async () => {
    const stranger = await login(await makeUser(env().ctx));
    for (const client of [reader, stranger]) {
      const subscribed = await client.post(
        `/journals/${owner.username}/subscribe`,
        { on: '1' },
        {
          csrfFrom: `/journals/${owner.username}`,
        },
      );
      assert.equal(subscribed.statusCode, 303);
    }
    assert.match(textOf((await reader.get('/reading')).body), /Only for friends/);
    const theirs = textOf((await stranger.get('/reading')).body);
    assert.match(theirs, /Symphony, Part V/);
    assert.doesNotMatch(theirs, /Only for friends/);
    assert.equal((await new TestClient(env().app).get('/reading')).statusCode, 401);
  });

  it('answers the same through the API, with Previous/Next as the reader may see them', async () => {
    const created = await api('POST', `/journals/${owner.username}/entries`, {
      subject: 'From the API',
      body: '<p>Hello <script>alert(1)</script>there</p>',
      tags: ['api'],
      security: 'private',
      postedAt: '2026-01-01T10:00:00Z',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.body, '<p>Hello there</p>');
    assert.equal(created.body.security, 'private');
    const list = await api('GET', `/journals/${owner.username}/entries?tag=api`, undefined, '');
    assert.equal(list.body.total, 0, 'a private entry is not listed to guests');
    assert.equal((await api('GET', `/entries/${created.body.id}`, undefined, '')).status, 404);
    const mine = await api('GET', `/entries/${created.body.id}`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.previous.subject, 'Dated 2006-01-22', 'by date, the nearest before');
    assert.equal(mine.body.next.subject, 'Symphony, Part V', 'by date, the nearest after');
    const bad = await api('POST', `/journals/${owner.username}/entries`, {
      body: 'x',
      security: 'filter:Nope',
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'security');
    const theirs = await api('POST', `/journals/${friend.username}/entries`, { body: 'Not my journal' });
    assert.equal(theirs.status, 403);
    const filter = await api('POST', '/me/filters', { name: 'Inner circle', members: [friend.username] });
    assert.equal(filter.status, 201);
    assert.equal((await api('DELETE', `/me/access/${friend.username}`)).status, 200);
    const outside = await api('POST', '/me/filters', { name: 'Inner circle', members: [friend.username] });
    assert.equal(outside.status, 422);
    assert.match(outside.body.error.message, /access first/);
  });
});
