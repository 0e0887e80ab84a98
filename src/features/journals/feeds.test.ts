import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { grantAccess, saveFilter } from './access.service.ts';
import { createFeedToken, revokeFeedToken } from './feed-tokens.service.ts';
import { checkAtom, child, childrenNamed, parseXml, readFeed, subjects } from './feeds.fixtures.ts';
import { FEED_SIZE, feedLinks } from './feeds.ts';
import { findJournalByName } from './journals.repository.ts';
import { postEntry } from './journals.service.ts';

eachDialect('journal feeds (Atom and RSS)', (env) => {
  const people = {} as Record<'owner' | 'access' | 'filter' | 'stranger', Viewer>;
  const tokens = {} as Record<keyof typeof people, string>;
  const ids = {} as Record<string, number>;
  let name = '';

  /** Sets an entry's posting time (what feeds order by) to `minutes` after a fixed instant. */
  async function postedAtMinute(id: number, minutes: number) {
    const at = new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();
    await env()
      .ctx.db.updateTable('entries')
      .set({ created_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  before(async () => {
    const { ctx } = env();
    const [owner, access, filter, stranger] = await Promise.all([
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
    ]);
    Object.assign(people, { owner, access, filter, stranger });
    name = owner.username;
    await grantAccess(ctx, owner, { username: access.username });
    await grantAccess(ctx, owner, { username: filter.username });
    await saveFilter(ctx, owner, { name: 'Close friends', members: [filter.username] });
    const journal = (await findJournalByName(ctx.db, name))!;
    await ctx.db
      .updateTable('journals')
      .set({ title: 'Notes from the Hellmouth', subtitle: 'Slaying & sundries' })
      .where('id', '=', journal.id)
      .execute();
    const post = async (key: string, security: string, tags: string[], extra: object = {}) => {
      ids[key] = await postEntry(ctx, owner, journal, {
        subject: `The ${key} entry`,
        body: `<p>Words for <em>${key}</em> readers.</p>`,
        tags,
        security,
        ...extra,
      });
    };
    await post('public', 'public', ['fic', 'Season One']);
    await post('access', 'access', ['fic']);
    await post('filter', 'filter:close friends', ['fic']);
    await post('private', 'private', ['fic', 'secret']);
    await post('pending', 'public', ['fic']);
    await post('backdated', 'public', [], { postedAt: '2001-02-03' });
    for (const [i, key] of ['public', 'access', 'filter', 'private', 'pending', 'backdated'].entries())
      await postedAtMinute(ids[key]!, i);
    await ctx.db.updateTable('entries').set({ status: 'pending' }).where('id', '=', ids.pending!).execute();
    for (const who of Object.keys(people) as (keyof typeof people)[])
      tokens[who] = await createFeedToken(ctx, people[who]);
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    env().app.inject({ method: 'GET', url, headers });
  const withToken = (url: string, token: string) => `${url}?token=${encodeURIComponent(token)}`;
  /** Newest posted first: what each reader's feed must hold. */
  const expected = (...keys: string[]) => keys.map((k) => `The ${k} entry`);

  it('a guest’s Atom feed: public entries only, newest posted first, backdated ones included', async () => {
    const response = await get(`/journals/${name}/feed.atom`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'public, max-age=300');
    const tree = checkAtom(response.body);
    assert.deepEqual(subjects(response.body), expected('backdated', 'public'));

    const base = env().config.baseUrl;
    const feed = readFeed(response.body);
    assert.equal(feed.type, 'atom');
    assert.equal(feed.title, 'Notes from the Hellmouth');
    assert.equal(feed.description, 'Slaying & sundries');
    assert.equal(feed.link, `${base}/journals/${name}`);
    assert.equal(feed.items[1]!.link, `${base}/journals/${name}/entries/${ids.public}`);
    assert.equal(feed.items[1]!.id, `${base}/journals/${name}/entries/${ids.public}`);
    assert.equal(feed.items[1]!.description, '<p>Words for <em>public</em> readers.</p>');
    const entry = childrenNamed(tree, 'entry')[1]!;
    assert.equal(child(child(entry, 'author')!, 'name')!.text, name);
    assert.deepEqual(
      childrenNamed(entry, 'category')
        .map((c) => c.attrs.term)
        .sort(),
      ['Season One', 'fic'],
    );
    assert.equal(child(entry, 'content')!.attrs.type, 'html');
    assert.equal(child(entry, 'published')!.text, '2024-01-01T00:00:00.000Z', 'posting time');
    const self = tree.children.find((c) => c.name === 'link' && c.attrs.rel === 'self');
    assert.equal(self?.attrs.href, `${base}/journals/${name}/feed.atom`);
  });

  it('the RSS 2.0 feed holds the same entries', async () => {
    const response = await get(`/journals/${name.toUpperCase()}/feed.rss`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/rss+xml; charset=utf-8');
    const tree = parseXml(response.body);
    assert.equal(tree.name, 'rss');
    assert.equal(tree.attrs.version, '2.0');
    const feed = readFeed(response.body);
    assert.equal(feed.type, 'rss');
    assert.equal(feed.title, 'Notes from the Hellmouth');
    assert.deepEqual(subjects(response.body), expected('backdated', 'public'));
    assert.equal(feed.items[1]!.description, '<p>Words for <em>public</em> readers.</p>');
    assert.equal(feed.items[1]!.pubDate?.toISOString(), '2024-01-01T00:00:00.000Z');
    const item = childrenNamed(child(tree, 'channel')!, 'item')[1]!;
    const creator = child(item, 'creator')!;
    assert.equal(creator.uri, 'http://purl.org/dc/elements/1.1/');
    assert.equal(creator.text, name);
    assert.deepEqual(
      childrenNamed(item, 'category')
        .map((c) => c.text)
        .sort(),
      ['Season One', 'fic'],
    );
  });

  it(`carries the ${FEED_SIZE} newest entries by posting time, not by their own date`, async () => {
    const { ctx } = env();
    const prolific = await makeUser(ctx);
    const journal = (await findJournalByName(ctx.db, prolific.username))!;
    const posted: number[] = [];
    for (let i = 0; i < 27; i++) {
      const id = await postEntry(ctx, prolific, journal, {
        subject: `Entry ${i}`,
        body: 'Words.',
        format: 'text',
        // Their own dates run the other way, so ordering by them would pick other entries.
        postedAt: new Date(Date.UTC(2010, 0, 27 - i)).toISOString(),
      });
      await postedAtMinute(id, i);
      posted.push(i);
    }
    const response = await get(`/journals/${prolific.username}/feed.atom`);
    checkAtom(response.body);
    const want = posted
      .reverse()
      .slice(0, FEED_SIZE)
      .map((i) => `Entry ${i}`);
    assert.deepEqual(subjects(response.body), want);
    assert.equal(subjects((await get(`/journals/${prolific.username}/feed.rss`)).body).length, FEED_SIZE);
  });

  it('a tag’s feed holds only the entries with that tag; an unknown tag is not found', async () => {
    const guest = await get(`/journals/${name}/tags/fic/feed.atom`);
    assert.equal(guest.statusCode, 200);
    const tree = checkAtom(guest.body);
    assert.deepEqual(subjects(guest.body), expected('public'));
    assert.equal(readFeed(guest.body).link, `${env().config.baseUrl}/journals/${name}/tags/fic`);
    assert.match(child(tree, 'title')!.text, /fic/);
    const spaced = await get(`/journals/${name}/tags/season%20one/feed.rss`);
    assert.deepEqual(subjects(spaced.body), expected('public'));

    const member = await get(withToken(`/journals/${name}/tags/FIC/feed.atom`, tokens.access));
    assert.deepEqual(subjects(member.body), expected('access', 'public'));

    assert.equal((await get(`/journals/${name}/tags/nope/feed.atom`)).statusCode, 404);
    // A tag used only on locked entries is not revealed to those who may not see them.
    assert.equal((await get(`/journals/${name}/tags/secret/feed.atom`)).statusCode, 404);
    assert.equal(
      (await get(withToken(`/journals/${name}/tags/secret/feed.atom`, tokens.access))).statusCode,
      404,
    );
    const owner = await get(withToken(`/journals/${name}/tags/secret/feed.atom`, tokens.owner));
    assert.deepEqual(subjects(owner.body), expected('private'));
    assert.equal((await get('/journals/nobody-at-all/feed.atom')).statusCode, 404);
  });

  it('a private feed holds exactly what the key’s reader may see, and is never cached', async () => {
    const cases = {
      stranger: expected('backdated', 'public'),
      access: expected('backdated', 'access', 'public'),
      filter: expected('backdated', 'filter', 'access', 'public'),
      owner: expected('backdated', 'private', 'filter', 'access', 'public'),
    };
    for (const [who, want] of Object.entries(cases)) {
      for (const format of ['atom', 'rss']) {
        const response = await get(withToken(`/journals/${name}/feed.${format}`, tokens[who as 'owner']));
        assert.equal(response.statusCode, 200, `${who} ${format}`);
        assert.equal(response.headers['cache-control'], 'private, no-store');
        if (format === 'atom') checkAtom(response.body);
        assert.deepEqual(subjects(response.body), want, `${who} ${format}`);
      }
    }
    const own = await get(withToken(`/journals/${name}/feed.atom`, tokens.owner));
    const self = parseXml(own.body).children.find((c) => c.name === 'link' && c.attrs.rel === 'self');
    assert.equal(
      self?.attrs.href,
      withToken(`${env().config.baseUrl}/journals/${name}/feed.atom`, tokens.owner),
    );
  });

  it('entries awaiting moderation never appear, not even to their poster', async () => {
    for (const url of [`/journals/${name}/feed.atom`, `/journals/${name}/tags/fic/feed.rss`]) {
      for (const token of [undefined, tokens.owner]) {
        const body = (await get(token ? withToken(url, token) : url)).body;
        assert.ok(!subjects(body).includes('The pending entry'), url);
      }
    }
  });

  it('a wrong, empty, repeated, revoked or replaced key is not found (never the public feed)', async () => {
    const { ctx } = env();
    const feedUrl = `/journals/${name}/feed.atom`;
    const bad = [
      'quirefeed_not-a-real-key',
      '',
      tokens.access.slice(0, -1),
      (await createToken(ctx, people.access.id, 'api')).token,
    ];
    for (const token of bad) assert.equal((await get(withToken(feedUrl, token))).statusCode, 404, token);
    const twice = `${feedUrl}?token=${tokens.access}&token=${tokens.access}`;
    assert.equal((await get(twice)).statusCode, 404);

    const reader = await makeUser(ctx);
    const first = await createFeedToken(ctx, reader);
    assert.equal((await get(withToken(feedUrl, first))).statusCode, 200);
    const second = await createFeedToken(ctx, reader);
    assert.equal((await get(withToken(feedUrl, first))).statusCode, 404, 'replaced');
    assert.equal((await get(withToken(feedUrl, second))).statusCode, 200);
    assert.equal(await revokeFeedToken(ctx, reader), true);
    for (const url of [feedUrl, `/journals/${name}/feed.rss`, `/journals/${name}/tags/fic/feed.atom`])
      assert.equal((await get(withToken(url, second))).statusCode, 404, `revoked: ${url}`);

    const leaving = await makeUser(ctx);
    const key = await createFeedToken(ctx, leaving);
    await ctx.db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', leaving.id)
      .execute();
    assert.equal((await get(withToken(feedUrl, key))).statusCode, 404, 'a disabled account’s key');
  });

  it('a key never shows another reader’s view, and a session never changes the guest feed', async () => {
    const feedUrl = `/journals/${name}/feed.atom`;
    const before = (await get(feedUrl)).body;
    const access = subjects((await get(withToken(feedUrl, tokens.access))).body);
    const filter = subjects((await get(withToken(feedUrl, tokens.filter))).body);
    assert.ok(!access.includes('The filter entry'), 'an access-list member outside the filter');
    assert.ok(filter.includes('The filter entry'));
    assert.equal((await get(feedUrl)).body, before, 'the guest feed is unchanged by private ones');

    const browser = new TestClient(env().app);
    const login = await browser.post('/login', { login: name, password: 'a perfectly fine password' });
    assert.equal(login.statusCode, 303);
    const signedIn = await browser.get(feedUrl);
    assert.equal(signedIn.headers['cache-control'], 'public, max-age=300');
    assert.deepEqual(subjects(signedIn.body), expected('backdated', 'public'), 'feeds ignore the session');
  });

  it('stays well-formed whatever the entry holds', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const journal = (await findJournalByName(ctx.db, writer.username))!;
    await postEntry(ctx, writer, journal, {
      subject: 'Tom & <b>Jerry</b> ]]> \u0001 “quoted”',
      body: '<p>a ]]> b ]]> c &amp; <a href="https://example.org/?a=1&b=2">link</a></p>',
      tags: ['a<b & "c"', 'ünïcode 🎉'],
    });
    for (const format of ['atom', 'rss'] as const) {
      const xml = (await get(`/journals/${writer.username}/feed.${format}`)).body;
      const tree = format === 'atom' ? checkAtom(xml) : parseXml(xml);
      const item = readFeed(xml).items[0]!;
      assert.equal(
        item.title,
        'Tom &amp; &lt;b&gt;Jerry&lt;/b&gt; ]]&gt;  “quoted”',
        `${format} title (HTML)`,
      );
      const body = format === 'atom' ? child(child(tree, 'entry')!, 'content')!.text : item.description!;
      assert.match(
        body,
        /^<p>a \]\](&gt;|>) b \]\](&gt;|>) c &amp; <a href="https:\/\/example.org\/\?a=1&amp;b=2"/,
      );
      if (format === 'atom') {
        const terms = childrenNamed(child(tree, 'entry')!, 'category').map((c) => c.attrs.term);
        assert.deepEqual(terms, ['a\uFF1Cb & "c"', 'ünïcode 🎉']);
      }
    }
  });

  it('the account page makes a key (shown once), replaces and revokes it', async () => {
    const { ctx } = env();
    const reader = await makeUser(ctx);
    assert.equal((await get('/account/feeds')).statusCode, 401);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: reader.username, password: reader.password });
    const empty = await browser.get('/account/feeds');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /You have no private feed key/);

    const made = await browser.post('/account/feeds', {}, { csrfFrom: '/account/feeds' });
    assert.equal(made.statusCode, 200);
    assert.equal(made.headers['cache-control'], 'no-store');
    const key = /data-testid="new-feed-token">([^<]+)</.exec(made.body)?.[1];
    assert.match(key ?? '', /^quirefeed_[\w-]{40,}$/);
    assert.ok(made.body.includes(`/journals/${reader.username}/feed.atom?token=${key}`));
    const feedUrl = withToken(`/journals/${name}/feed.atom`, key!);
    assert.equal((await get(feedUrl)).statusCode, 200);
    const stored = await ctx.db
      .selectFrom('feed_tokens')
      .select('token_hash')
      .where('user_id', '=', reader.id)
      .execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.token_hash, key, 'only a hash is kept');
    assert.match(stored[0]!.token_hash, /^[0-9a-f]{64}$/);

    const later = await browser.get('/account/feeds');
    assert.ok(!later.body.includes(key!), 'never shown again');
    assert.match(later.body, /You have a private feed key/);

    const noCsrf = await browser.post('/account/feeds/revoke', {}, { csrf: false });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await get(feedUrl)).statusCode, 200, 'not revoked without the form’s token');

    const replaced = await browser.post('/account/feeds', {}, { csrfFrom: '/account/feeds' });
    const newKey = /data-testid="new-feed-token">([^<]+)</.exec(replaced.body)?.[1];
    assert.ok(newKey && newKey !== key);
    assert.equal((await get(feedUrl)).statusCode, 404, 'the old key ends when replaced');
    const newUrl = withToken(`/journals/${name}/feed.atom`, newKey);
    assert.equal((await get(newUrl)).statusCode, 200);

    const revoked = await browser.post('/account/feeds/revoke', {}, { csrfFrom: '/account/feeds' });
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, '/account/feeds');
    assert.equal((await get(newUrl)).statusCode, 404);
    assert.match((await browser.get('/account/feeds')).body, /has been revoked/);
  });

  it('feedLinks gives the addresses pages advertise, and they answer', async () => {
    assert.deepEqual(feedLinks('willow'), {
      atom: '/journals/willow/feed.atom',
      rss: '/journals/willow/feed.rss',
    });
    assert.deepEqual(feedLinks('willow', 'season one/two'), {
      atom: '/journals/willow/tags/season%20one%2Ftwo/feed.atom',
      rss: '/journals/willow/tags/season%20one%2Ftwo/feed.rss',
    });
    for (const href of Object.values(feedLinks(name, 'Season One')))
      assert.equal((await get(href)).statusCode, 200, href);
  });
});
