import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { grantAccess } from './access.service.ts';
import { findJournalByName } from './journals.repository.ts';
import { postEntry } from './journals.service.ts';

eachDialect('entry search pages and API', (env) => {
  let owner: Awaited<ReturnType<typeof makeUser>>;
  let friend: Awaited<ReturnType<typeof makeUser>>;
  let friendClient: TestClient;
  let guest: TestClient;
  let friendToken = '';

  const api = (url: string, token?: string) => callApi(env().app, 'GET', url, { token });

  before(async () => {
    const { ctx } = env();
    owner = await makeUser(ctx);
    friend = await makeUser(ctx);
    await grantAccess(ctx, owner, { username: friend.username });
    const journal = (await findJournalByName(ctx.db, owner.username))!;
    for (let i = 1; i <= 7; i++)
      await postEntry(ctx, owner, journal, {
        subject: `Nightjar ${i}`,
        body: `Birdsong at dusk, part ${i}.`,
        format: 'text',
        postedAt: `2021-03-0${i}`,
      });
    await postEntry(ctx, owner, journal, {
      subject: 'Nightjar locked',
      body: 'Birdsong for friends: kestrelhush.',
      format: 'text',
      security: 'access',
    });
    await postEntry(ctx, owner, journal, {
      subject: 'Nightjar alone',
      body: 'Nobody else reads this: owlsecret.',
      format: 'text',
      security: 'private',
    });
    guest = new TestClient(env().app);
    friendClient = new TestClient(env().app);
    await friendClient.post('/login', { login: friend.username, password: FACTORY_PASSWORD });
    ({ token: friendToken } = await createToken(ctx, friend.id, 'test'));
  });

  it('a journal’s pages carry a search box; its search page finds what the reader may see', async () => {
    const recent = await guest.get(`/journals/${owner.username}`);
    assert.match(recent.body, new RegExp(`action="/journals/${owner.username}/search"`));
    const asGuest = await guest.get(`/journals/${owner.username}/search?q=birdsong`);
    assert.equal(asGuest.statusCode, 200);
    const text = textOf(asGuest.body);
    assert.match(text, /7 entries/);
    assert.doesNotMatch(text, /Nightjar locked|Nightjar alone|kestrelhush|owlsecret/);
    const asFriend = textOf((await friendClient.get(`/journals/${owner.username}/search?q=birdsong`)).body);
    assert.match(asFriend, /8 entries/);
    assert.match(asFriend, /Nightjar locked/);
    assert.match(asFriend, /Locked: access list/);
    assert.doesNotMatch(asFriend, /owlsecret|Nightjar alone/);
  });

  it('the journal search keeps the words when paging, and answers bad input plainly', async () => {
    for (let i = 0; i < 24; i++)
      await postEntry(env().ctx, owner, (await findJournalByName(env().ctx.db, owner.username))!, {
        subject: `Heron ${i}`,
        body: 'Wading.',
        format: 'text',
      });
    const first = await guest.get(`/journals/${owner.username}/search?q=birdsong+OR+wading`);
    assert.match(textOf(first.body), /OR is not supported/);
    const page1 = await guest.get(`/journals/${owner.username}/search?q=wading`);
    assert.match(page1.body, /href="\/journals\/[^"]+\/search\?q=wading&amp;page=2"/);
    const page2 = textOf((await guest.get(`/journals/${owner.username}/search?q=wading&page=2`)).body);
    assert.match(page2, /Page 2 of 2/);
    assert.equal((await guest.get('/journals/nobody_here_at_all/search?q=x')).statusCode, 404);
    const empty = await guest.get(`/journals/${owner.username}/search?q=`);
    assert.equal(empty.statusCode, 200);
    assert.doesNotMatch(textOf(empty.body), /entries|No entries match/i);
    const wordless = textOf((await guest.get(`/journals/${owner.username}/search?q=%21%21`)).body);
    assert.match(wordless, /Type a word to search for/);
    const long = await guest.get(`/journals/${owner.username}/search?q=${'wading+'.repeat(300)}`);
    assert.equal(long.statusCode, 200);
    assert.match(textOf(long.body), /limited to 1,000 characters/);
    const badPage = await guest.get(`/journals/${owner.username}/search?q=wading&page=banana`);
    assert.match(textOf(badPage.body), /Page 1 of 2/);
  });

  it('the site search shows the newest five entries with a link to all of them', async () => {
    const page = await guest.get('/search?q=birdsong');
    const text = textOf(page.body);
    assert.match(text, /7 journal entries/);
    assert.equal((page.body.match(/Nightjar \d/g) ?? []).length, 5);
    assert.match(text, /Nightjar 7/);
    assert.doesNotMatch(text, /Nightjar 2|kestrelhush|owlsecret|Nightjar locked/);
    assert.match(page.body, /href="\/entries\/search\?q=birdsong">All 7 entries/);
    const all = textOf((await guest.get('/entries/search?q=birdsong')).body);
    assert.match(all, /7 entries/);
    assert.match(all, /Nightjar 1/);
    const friendAll = textOf((await friendClient.get('/entries/search?q=kestrelhush')).body);
    assert.match(friendAll, /1 entry/);
    assert.match(textOf((await guest.get('/search?q=kestrelhush')).body), /No journal entries match/);
    assert.match(textOf((await guest.get('/search?q=owlsecret')).body), /No journal entries match/);
  });

  it('GET /api/v1/entries/search: the same results and visibility as the pages', async () => {
    const asGuest = await api('/entries/search?q=birdsong');
    assert.equal(asGuest.status, 200);
    assert.equal(asGuest.body.total, 7);
    assert.equal(asGuest.body.entries[0].subject, 'Nightjar 7');
    assert.equal(asGuest.body.entries[0].journal, owner.username);
    const asFriend = await api(`/entries/search?q=birdsong&journal=${owner.username}`, friendToken);
    assert.equal(asFriend.body.total, 8);
    assert.ok(asFriend.body.entries.some((e: { security: string }) => e.security === 'access'));
    assert.equal((await api('/entries/search?q=owlsecret', friendToken)).body.total, 0);
    assert.equal((await api('/entries/search?q=wading&page=2')).body.entries.length, 4);
    const noted = await api('/entries/search?q=birdsong%20fandom:X');
    assert.match(noted.body.notes.join(' '), /fandom: is for works/);
  });

  it('the API refuses an empty or overlong search and an unknown journal', async () => {
    const empty = await api('/entries/search?q=');
    assert.equal(empty.status, 422);
    assert.equal(empty.body.error.field, 'q');
    assert.equal((await api(`/entries/search?q=${'a'.repeat(1001)}`)).status, 422);
    assert.equal((await api('/entries/search?q=birdsong&journal=nobody_here_at_all')).status, 404);
  });
});
