import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { createToken } from '../tokens/tokens.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { grantAccess, revokeAccess, subscribe } from './access.service.ts';
import { createCommunity, joinCommunity } from './communities.service.ts';
import { findJournalByName, type JournalRow } from './journals.repository.ts';
import { readingPage } from './journals.read.ts';
import { postEntry } from './journals.service.ts';
import {
  createReadingFilter,
  deleteReadingFilter,
  MAX_READING_FILTERS,
  readingFiltersOf,
  saveReadingFilter,
} from './reading-filters.service.ts';

const refusal = async (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => {
      if (error instanceof ValidationError) return error.fields;
      if (error instanceof QuireError) return { [error.code]: error.message };
      throw error;
    },
  );

eachDialect('reading filters: rules', (env) => {
  let reader: Viewer;
  let other: Viewer;
  let friend: Viewer;
  let stranger: Viewer;
  let friendJournal: JournalRow;
  let strangerJournal: JournalRow;
  let community: JournalRow;
  const subjects = async (viewer: Viewer, filter?: string, page = 1) =>
    (await readingPage(env().ctx, viewer, page, filter)).entries.map((e) => e.subject);

  before(async () => {
    const { ctx } = env();
    reader = await makeUser(ctx);
    other = await makeUser(ctx);
    friend = await makeUser(ctx);
    stranger = await makeUser(ctx);
    friendJournal = (await findJournalByName(ctx.db, friend.username))!;
    strangerJournal = (await findJournalByName(ctx.db, stranger.username))!;
    community = await createCommunity(ctx, other, { name: `fandom_${reader.id}`, title: 'Fandom' });
    await joinCommunity(ctx, reader, community);
    await grantAccess(ctx, friend, { username: reader.username });
    for (const j of [friendJournal, strangerJournal, community]) await subscribe(ctx, reader, j.id, true);
    const post = (who: Viewer, j: JournalRow, subject: string, security = 'public') =>
      postEntry(ctx, who, j, { subject, body: 'Words.', format: 'text', security });
    await post(friend, friendJournal, 'Friend public');
    await post(friend, friendJournal, 'Friend locked', 'access');
    await post(friend, friendJournal, 'Friend private', 'private');
    await post(stranger, strangerJournal, 'Stranger public');
    await post(stranger, strangerJournal, 'Stranger locked', 'access');
    await post(other, community, 'Community members', 'access');
  });

  it('a filter narrows the reading page to its journals, and never widens what may be seen', async () => {
    const { ctx } = env();
    await createReadingFilter(ctx, reader, {
      name: 'Fandom friends',
      journals: [String(friendJournal.id), String(strangerJournal.id)],
    });
    assert.deepEqual(await subjects(reader), [
      'Community members',
      'Stranger public',
      'Friend locked',
      'Friend public',
    ]);
    assert.deepEqual(await subjects(reader, 'fandom FRIENDS'), [
      'Stranger public',
      'Friend locked',
      'Friend public',
    ]);
    await revokeAccess(ctx, friend, reader.username);
    assert.deepEqual(await subjects(reader, 'Fandom friends'), ['Stranger public', 'Friend public']);
    await grantAccess(ctx, friend, { username: reader.username });
    assert.equal((await readingPage(ctx, reader, 1, 'Fandom friends')).filter, 'Fandom friends');
  });

  it('an unknown filter name is refused, never the whole page', async () => {
    const refused = await refusal(readingPage(env().ctx, reader, 1, 'Nope'));
    assert.match(refused.unknown_filter ?? '', /no reading filter called “Nope”/);
    const othersName = await createReadingFilter(env().ctx, other, { name: 'Only mine' });
    assert.ok(othersName.id);
    assert.ok((await refusal(readingPage(env().ctx, reader, 1, 'Only mine'))).unknown_filter);
  });

  it('names are 1 to 60 characters, unique per reader in any case; at most 50 filters', async () => {
    const { ctx } = env();
    assert.match((await refusal(createReadingFilter(ctx, reader, { name: '  ' }))).name!, /Name the filter/);
    assert.match(
      (await refusal(createReadingFilter(ctx, reader, { name: 'x'.repeat(61) }))).name!,
      /at most 60 characters/,
    );
    assert.match(
      (await refusal(createReadingFilter(ctx, reader, { name: 'FANDOM  friends' }))).name!,
      /already have a filter called/,
    );
    await createReadingFilter(ctx, other, { name: 'Fandom friends' });
    const made = await createReadingFilter(ctx, reader, { name: 'x'.repeat(60) });
    assert.equal(made.name.length, 60);
    const { filters } = await readingFiltersOf(ctx, reader);
    for (let i = filters.length; i < MAX_READING_FILTERS; i++)
      await createReadingFilter(ctx, reader, { name: `Filter ${i}` });
    assert.match(
      (await refusal(createReadingFilter(ctx, reader, { name: 'One too many' }))).name!,
      /at most 50 reading filters/,
    );
    for (const f of (await readingFiltersOf(ctx, reader)).filters)
      if (f.name.startsWith('Filter ') || f.name.startsWith('xxx'))
        await deleteReadingFilter(ctx, reader, f.id);
  });

  it('holds only subscribed journals; rename and journals are saved together; unsubscribing leaves it', async () => {
    const { ctx } = env();
    const notSubscribed = (await findJournalByName(ctx.db, other.username))!;
    const refused = await refusal(
      createReadingFilter(ctx, reader, { name: 'Sneaky', journals: [String(notSubscribed.id)] }),
    );
    assert.match(refused.journals!, /only journals you subscribe to/);
    const { id } = await createReadingFilter(ctx, reader, {
      name: 'Comms',
      journals: [String(community.id)],
    });
    assert.deepEqual(await subjects(reader, 'comms'), ['Community members']);
    assert.match(
      (await refusal(saveReadingFilter(ctx, reader, id, { name: 'fandom friends' }))).name!,
      /already have a filter/,
    );
    await saveReadingFilter(ctx, reader, id, {
      name: 'Communities',
      journals: [String(community.id), String(friendJournal.id)],
    });
    assert.deepEqual(await subjects(reader, 'Communities'), [
      'Community members',
      'Friend locked',
      'Friend public',
    ]);
    assert.ok((await refusal(readingPage(ctx, reader, 1, 'Comms'))).unknown_filter, 'the old name is gone');
    await subscribe(ctx, reader, friendJournal.id, false);
    const after = (await readingFiltersOf(ctx, reader)).filters.find((f) => f.id === id)!;
    assert.deepEqual(after.journalIds, [community.id]);
    await subscribe(ctx, reader, friendJournal.id, true);
    assert.deepEqual(await subjects(reader, 'Communities'), ['Community members'], 'not put back on its own');
  });

  it('another reader’s filter cannot be changed or deleted (not found)', async () => {
    const { ctx } = env();
    const theirs = (await readingFiltersOf(ctx, other)).filters[0]!;
    assert.ok((await refusal(saveReadingFilter(ctx, reader, theirs.id, { name: 'Mine now' }))).not_found);
    assert.ok((await refusal(deleteReadingFilter(ctx, reader, theirs.id))).not_found);
    assert.equal((await readingFiltersOf(ctx, other)).filters[0]!.name, theirs.name);
  });
});

eachDialect('reading filters: pages and API', (env) => {
  let reader: Awaited<ReturnType<typeof makeUser>>;
  let writer: Awaited<ReturnType<typeof makeUser>>;
  let client: TestClient;
  let token = '';

  before(async () => {
    const { ctx } = env();
    reader = await makeUser(ctx);
    writer = await makeUser(ctx);
    const journal = (await findJournalByName(ctx.db, writer.username))!;
    await subscribe(ctx, reader, journal.id, true);
    for (let i = 1; i <= 21; i++)
      await postEntry(ctx, writer, journal, { subject: `Tide ${i}`, body: 'Words.', format: 'text' });
    client = new TestClient(env().app);
    await client.post('/login', { login: reader.username, password: FACTORY_PASSWORD });
    ({ token } = await createToken(ctx, reader.id, 'test'));
  });

  const journalId = async () => String((await findJournalByName(env().ctx.db, writer.username))!.id);

  it('makes a filter from its page, keeping what was typed when refused', async () => {
    const page = await client.get('/reading/filters');
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), new RegExp(`New filter .*${writer.username}`));
    const long = 'L'.repeat(61);
    const refused = await client.post('/reading/filters', { name: long, journals: [await journalId()] });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /at most 60 characters/);
    assert.match(refused.body, new RegExp(`value="${long}"`));
    assert.match(refused.body, new RegExp(`value="${await journalId()}" checked`));
    const made = await client.post('/reading/filters', { name: 'Sea', journals: [await journalId()] });
    assert.equal(made.statusCode, 303);
    assert.match(textOf((await client.get('/reading/filters')).body), /Read through “Sea” \(1 journal\)/);
  });

  it('the reading page links each filter and “All”, and pages keep the filter', async () => {
    const all = await client.get('/reading');
    assert.match(all.body, /href="\/reading\?filter=Sea"/);
    assert.match(all.body, /href="\/reading\/filters">Manage filters/);
    const sea = await client.get('/reading?filter=sea');
    assert.equal(sea.statusCode, 200);
    assert.match(textOf(sea.body), /Reading page: Sea/);
    assert.match(sea.body, /aria-current="page"[^>]*><strong>Sea/);
    assert.match(sea.body, /href="\/reading\?filter=Sea&amp;page=2">Older/);
    const second = await client.get('/reading?filter=Sea&page=2');
    assert.match(textOf(second.body), /Tide 1\b/);
    assert.match(second.body, /href="\/reading\?filter=Sea">← Newer/);
  });

  it('an unknown filter is a 404 page that says so; the guest is sent to log in', async () => {
    const unknown = await client.get('/reading?filter=Mountains');
    assert.equal(unknown.statusCode, 404);
    assert.match(textOf(unknown.body), /no reading filter called “Mountains”/);
    assert.equal((await client.get(`/reading?filter=${'m'.repeat(300)}`)).statusCode, 404);
    assert.equal((await client.get('/reading?filter=a&filter=b')).statusCode, 404);
    const guest = await new TestClient(env().app).get('/reading/filters');
    assert.notEqual(guest.statusCode, 200);
  });

  it('renames, changes journals and deletes from the page; another reader gets a 404', async () => {
    const id = (await readingFiltersOf(env().ctx, reader)).filters[0]!.id;
    const renamed = await client.post(
      `/reading/filters/${id}`,
      { name: 'Ocean' },
      { csrfFrom: '/reading/filters' },
    );
    assert.equal(renamed.statusCode, 303);
    assert.match(textOf((await client.get('/reading/filters')).body), /Read through “Ocean” \(0 journals\)/);
    const otherUser = await makeUser(env().ctx);
    const intruder = new TestClient(env().app);
    await intruder.post('/login', { login: otherUser.username, password: FACTORY_PASSWORD });
    const stolen = await intruder.post(`/reading/filters/${id}/delete`, {}, { csrfFrom: '/reading/filters' });
    assert.equal(stolen.statusCode, 404);
    const deleted = await client.post(`/reading/filters/${id}/delete`, {}, { csrfFrom: '/reading/filters' });
    assert.equal(deleted.statusCode, 303);
    assert.equal((await client.get('/reading?filter=Ocean')).statusCode, 404);
  });

  it('GET /api/v1/me/reading: the same page, filtered or not; an unknown filter is a 400', async () => {
    const { ctx } = env();
    await createReadingFilter(ctx, reader, { name: 'Shore', journals: [await journalId()] });
    const get = (url: string, auth = token) => callApi(env().app, 'GET', url, { token: auth });
    const all = await get('/me/reading');
    assert.equal(all.status, 200);
    assert.equal(all.body.entries.length, 20);
    assert.equal(all.body.more, true);
    assert.equal(all.body.entries[0].journal, writer.username);
    const shore = await get('/me/reading?filter=shore&page=2');
    assert.deepEqual(
      [shore.body.filter, shore.body.page, shore.body.more, shore.body.entries.length],
      ['Shore', 2, false, 1],
    );
    const unknown = await get('/me/reading?filter=Cliffs');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'filter');
    assert.match(unknown.body.error.message, /no reading filter called “Cliffs”/);
    assert.equal((await get('/me/reading', '')).status, 401);
  });
});
