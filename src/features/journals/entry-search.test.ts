import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { deleteUser } from '../accounts/accounts.repository.ts';
import { entrySearchTexts } from '../search/text/entry-search.ts';
import { TSVECTOR_BUDGET_BYTES } from '../search/text/postgres-tsvector.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { approveEntry, createCommunity, joinCommunity, rejectEntry } from './communities.service.ts';
import { reindexAllEntries } from './entry-index.ts';
import { searchEntries } from './entry-search.read.ts';
import { findJournalByName } from './journals.repository.ts';
import { deleteEntry, editEntry, postEntry } from './journals.service.ts';

describe('entry search words (pure)', () => {
  it('folds every field as queries are folded, and keeps a huge body within the tsvector budget', () => {
    const text = entrySearchTexts({
      entryId: 1,
      subject: 'Café Ünïcode',
      body: 'Half-baked Re:Zero',
      tags: ['Smallville', 'AU: coffee shop'],
      journal: 'Fan_Club',
    });
    assert.deepEqual(text, {
      subject: 'cafe unicode',
      body: 'half baked re zero',
      tags: 'smallville au coffee shop',
      journal: 'fan club',
    });
    const distinct = Array.from({ length: 200_000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    const big = entrySearchTexts({ entryId: 1, subject: 's', body: distinct, tags: [], journal: 'j' });
    const words = big.body.split(' ');
    assert.ok(words.length < 200_000 && words.length > 50_000, `${words.length} body words kept`);
    assert.ok(Buffer.byteLength(big.body) < TSVECTOR_BUDGET_BYTES);
  });
});

eachDialect('entry search: the index follows entries', (env) => {
  let writer: Viewer;
  let reader: Viewer;
  let journalName = '';
  const journal = async () => (await findJournalByName(env().ctx.db, journalName))!;
  const find = async (q: string, viewer: Viewer | null = writer, page = 1) =>
    searchEntries(env().ctx, viewer, q, { page });
  const subjects = async (q: string, viewer: Viewer | null = writer) =>
    (await find(q, viewer)).entries.map((e) => e.subject);
  const post = async (input: Record<string, unknown>) =>
    postEntry(env().ctx, writer, await journal(), { format: 'text', ...input });

  before(async () => {
    const { ctx } = env();
    writer = await makeUser(ctx);
    reader = await makeUser(ctx);
    journalName = writer.username;
  });

  it('finds an entry by its subject, body, tags and journal name, newest first', async () => {
    await post({ subject: 'Lighthouse keeper', body: 'The lamp went out at dawn.', postedAt: '2020-01-01' });
    await post({ subject: 'Harbour notes', body: 'Gulls over the lighthouse.', tags: ['seaside, tides'] });
    assert.deepEqual(await subjects('lighthouse'), ['Harbour notes', 'Lighthouse keeper']);
    assert.deepEqual(await subjects('dawn lamp'), ['Lighthouse keeper'], 'every word must match');
    assert.deepEqual(await subjects('TIDES'), ['Harbour notes'], 'tags, any case');
    assert.deepEqual(await subjects(`lighthouse ${writer.username}`), ['Harbour notes', 'Lighthouse keeper']);
    assert.equal((await find(writer.username)).total >= 2, true, 'the journal name is searchable');
  });

  it('reads "phrases", -exclusions, title: and tag:, and says which qualifiers are for works', async () => {
    assert.deepEqual(await subjects('"lamp went out"'), ['Lighthouse keeper']);
    assert.deepEqual(await subjects('"out went lamp"'), []);
    assert.deepEqual(await subjects('lighthouse -gulls'), ['Lighthouse keeper']);
    assert.deepEqual(await subjects('lighthouse -"the lamp"'), ['Harbour notes']);
    assert.deepEqual(await subjects('title:lighthouse'), ['Lighthouse keeper']);
    assert.deepEqual(await subjects('tag:seaside'), ['Harbour notes']);
    assert.deepEqual(await subjects('tag:lighthouse'), []);
    const noted = await find('lighthouse fandom:Smallville rating:teen words>100');
    assert.equal(noted.total, 2, 'works-only qualifiers are left out, not applied');
    assert.match(noted.notes.join(' '), /fandom:, rating:, words: are for works/);
  });

  it('treats search syntax characters as words, and an empty search as no search', async () => {
    for (const q of [
      'NEAR(lamp dawn)',
      'lamp*',
      '"unclosed',
      "o'brien",
      'subject:lamp',
      '^lamp',
      'a AND OR',
    ]) {
      const result = await find(q);
      assert.ok(result.total >= 0, q);
    }
    assert.match((await find('"lamp went')).notes.join(' '), /Unclosed quote/);
    for (const q of ['', '   ', '!!!', '-', '""']) {
      const result = await find(q);
      assert.equal(result.searched, false, `“${q}” searches nothing`);
      assert.deepEqual(result.entries, []);
    }
    const onlyExcluding = await find('-gulls');
    assert.deepEqual(
      onlyExcluding.entries.map((e) => e.subject),
      ['Lighthouse keeper'],
      'a search that only excludes lists the rest',
    );
  });

  it('forgets old words on edit and the entry on delete (and with its account)', async () => {
    const id = await post({ subject: 'Quokka diary', body: 'Marsupial mischief.' });
    assert.deepEqual(await subjects('marsupial'), ['Quokka diary']);
    await editEntry(env().ctx, writer, id, { subject: 'Wombat diary', body: 'Burrowing.', format: 'text' });
    assert.deepEqual(await subjects('marsupial'), []);
    assert.deepEqual(await subjects('quokka'), []);
    assert.deepEqual(await subjects('burrowing wombat'), ['Wombat diary']);
    await deleteEntry(env().ctx, writer, id);
    assert.deepEqual(await subjects('burrowing'), []);
    assert.equal(await indexRows([id]), 0, 'the index row went with the entry');

    const leaving = await makeUser(env().ctx);
    const theirs = await findJournalByName(env().ctx.db, leaving.username);
    const gone = await postEntry(env().ctx, leaving, theirs!, { body: 'Farewell zeugma.', format: 'text' });
    assert.equal(await indexRows([gone]), 1);
    await deleteUser(env().ctx.db, leaving.id);
    assert.equal(await indexRows([gone]), 0, 'deleting an account takes its entries out of the index');
  });

  const indexRows = async (ids: number[]) => {
    const column = env().dialect === 'postgres' ? sql.ref('entry_id') : sql.ref('rowid');
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from entry_search where ${column} in (${sql.join(ids)})`.execute(env().ctx.db);
    return Number(rows[0]!.n);
  };

  it('pages the results, 20 a page, and counts only what matches', async () => {
    for (let i = 0; i < 23; i++) await post({ subject: `Platypus ${i}`, body: 'Monotreme.' });
    const first = await find('monotreme');
    assert.equal(first.total, 23);
    assert.equal(first.pages, 2);
    assert.equal(first.entries.length, 20);
    const second = await find('monotreme', writer, 2);
    assert.deepEqual(
      second.entries.map((e) => e.subject),
      ['Platypus 2', 'Platypus 1', 'Platypus 0'],
    );
    assert.equal((await find('monotreme', writer, 9)).entries.length, 0);
  });

  it('rebuilds the index from the entries (the job migration 0012 enqueues)', async () => {
    await sql`delete from entry_search`.execute(env().ctx.db);
    assert.deepEqual(await subjects('lighthouse'), []);
    const done = await reindexAllEntries(env().ctx.db, env().dialect);
    assert.ok(done >= 25);
    assert.deepEqual(await subjects('lighthouse'), ['Harbour notes', 'Lighthouse keeper']);
  });

  it('shows a community entry waiting for moderation only to its poster and the staff, then to all', async () => {
    const { ctx } = env();
    const community = await createCommunity(ctx, writer, {
      name: `mod_${writer.id}`,
      title: 'Moderated',
      moderated: '1',
    });
    await joinCommunity(ctx, reader, community);
    const waiting = await postEntry(ctx, reader, community, { body: 'Axolotl sighting.', format: 'text' });
    const refused = await postEntry(ctx, reader, community, { body: 'Axolotl spam.', format: 'text' });
    const total = async (viewer: Viewer | null) => (await find('axolotl', viewer)).total;
    assert.deepEqual([await total(reader), await total(writer), await total(null)], [2, 2, 0]);
    await approveEntry(ctx, writer, waiting);
    await rejectEntry(ctx, writer, refused, { reason: 'Spam.' });
    assert.deepEqual([await total(reader), await total(writer), await total(null)], [2, 1, 1]);
    const guestSees = (await find('axolotl', null)).entries.map((e) => e.id);
    assert.deepEqual(guestSees, [waiting]);
  });
});
