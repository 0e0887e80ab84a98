import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { deleteFilter, grantAccess, revokeAccess, saveFilter, subscribe } from './access.service.ts';
import {
  approveEntry,
  createCommunity,
  joinCommunity,
  rejectEntry,
  removeMember,
} from './communities.service.ts';
import { searchEntries } from './entry-search.read.ts';
import { findJournalByName, type JournalRow, tagCloud } from './journals.repository.ts';
import { calendar, entryWithNeighbours, readingPage, recentEntries } from './journals.read.ts';
import { editEntry, postEntry, readEntry } from './journals.service.ts';

type Who = 'guest' | 'stranger' | 'access' | 'filter' | 'owner';
const LEVELS = ['public', 'access', 'filter', 'private'] as const;

/** Who sees an entry of each security level: the table the whole suite checks every surface against. */
const SEES: Record<Who, readonly (typeof LEVELS)[number][]> = {
  guest: ['public'],
  stranger: ['public'],
  access: ['public', 'access'],
  filter: ['public', 'access', 'filter'],
  owner: ['public', 'access', 'filter', 'private'],
};

eachDialect('journal security: every level × every viewer × every surface', (env) => {
  const viewers = {} as Record<Who, Viewer | null>;
  const ids = {} as Record<(typeof LEVELS)[number], number>;
  let ownerName = '';

  before(async () => {
    const { ctx } = env();
    const [owner, access, filter, stranger] = await Promise.all([
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
    ]);
    Object.assign(viewers, { guest: null, stranger, access, filter, owner });
    ownerName = owner.username;
    await grantAccess(ctx, owner, { username: access.username });
    await grantAccess(ctx, owner, { username: filter.username });
    await saveFilter(ctx, owner, { name: 'Close friends', members: [filter.username] });
    const journal = (await findJournalByName(ctx.db, owner.username))!;
    for (const [i, level] of LEVELS.entries()) {
      ids[level] = await postEntry(ctx, owner, journal, {
        subject: `A ${level} entry`,
        body: `Words for ${level} readers.`,
        format: 'text',
        tags: ['fic', level],
        security: level === 'filter' ? 'filter:close friends' : level,
        postedAt: `2006-01-2${i + 1}`,
      });
    }
    for (const who of ['stranger', 'access', 'filter', 'owner'] as const)
      await subscribe(ctx, viewers[who]!, journal.id, true);
  });

  const expected = (who: Who) => SEES[who].map((level) => `A ${level} entry`);
  const journal = async () => (await findJournalByName(env().ctx.db, ownerName))!;

  for (const who of Object.keys(SEES) as Who[]) {
    it(`${who}: the entry page, Recent and a tag page`, async () => {
      const { ctx } = env();
      for (const level of LEVELS) {
        const shown = await readEntry(ctx, viewers[who], ids[level]).then(
          () => true,
          () => false,
        );
        assert.equal(shown, SEES[who].includes(level), `${level} entry page`);
      }
      const recent = await recentEntries(ctx, viewers[who], await journal(), 1);
      assert.deepEqual(recent.entries.map((e) => e.subject).reverse(), expected(who), 'Recent');
      assert.equal(recent.total, SEES[who].length);
      const tagged = await recentEntries(ctx, viewers[who], await journal(), 1, 'fic');
      assert.deepEqual(tagged.entries.map((e) => e.subject).reverse(), expected(who), 'tag page');
    });

    it(`${who}: Previous/Next step only through what they may see`, async () => {
      const { ctx } = env();
      const seen = SEES[who].map((level) => ids[level]);
      for (const [i, id] of seen.entries()) {
        const page = await entryWithNeighbours(ctx, viewers[who], id);
        assert.equal(page.previous?.id, seen[i - 1], `previous of ${id}`);
        assert.equal(page.next?.id, seen[i + 1], `next of ${id}`);
        const withinTag = await entryWithNeighbours(ctx, viewers[who], id, 'fic');
        assert.equal(withinTag.next?.id, seen[i + 1], `next within the tag`);
      }
    });

    it(`${who}: tag counts, the calendar and the reading page`, async () => {
      const { ctx } = env();
      const cloud = await tagCloud(ctx.db, viewers[who], (await journal()).id);
      assert.deepEqual(
        cloud.map((t) => `${t.name}:${t.count}`),
        [`fic:${SEES[who].length}`, ...SEES[who].map((l) => `${l}:1`)].sort(),
      );
      const days = await calendar(ctx, viewers[who], await journal());
      assert.deepEqual(
        [...days.keys()],
        SEES[who].map((l) => `2006-01-2${LEVELS.indexOf(l) + 1}`),
      );
      if (viewers[who]) {
        const reading = await readingPage(ctx, viewers[who]!, 1);
        assert.deepEqual(reading.entries, [], 'backdated entries stay off reading pages');
      }
    });
  }

  it('a locked entry on a reading page shows to those with access, newest posted first', async () => {
    const { ctx } = env();
    const owner = viewers.owner!;
    const fresh = await postEntry(ctx, owner, await journal(), {
      body: 'Posted today, for the access list.',
      format: 'text',
      security: 'access',
    });
    const subjects = async (who: Who) => (await readingPage(ctx, viewers[who]!, 1)).entries.map((e) => e.id);
    assert.deepEqual(await subjects('access'), [fresh]);
    assert.deepEqual(await subjects('filter'), [fresh]);
    assert.deepEqual(await subjects('stranger'), []);
  });
});

/** Entries of a personal journal (p-…) and of a moderated community (c-…), each holding one shared word. */
const KINDS = ['guest', 'stranger', 'access', 'filter', 'member', 'maintainer', 'owner'] as const;
type Kind = (typeof KINDS)[number];
const PERSONAL = ['p-public', 'p-access', 'p-filter', 'p-private'] as const;
const COMMUNITY = ['c-public', 'c-members', 'c-private', 'c-pending', 'c-rejected'] as const;
type Item = (typeof PERSONAL)[number] | (typeof COMMUNITY)[number];

/**
 * Who finds what through search. The owner of the personal journal is also the community's poster
 * (a member whose entries wait for approval); the maintainer approved or rejected them.
 */
const FINDS: Record<Kind, readonly Item[]> = {
  guest: ['p-public', 'c-public'],
  stranger: ['p-public', 'c-public'],
  access: ['p-public', 'p-access', 'c-public'],
  filter: ['p-public', 'p-access', 'p-filter', 'c-public'],
  member: ['p-public', 'c-public', 'c-members'],
  maintainer: ['p-public', 'c-public', 'c-members', 'c-private', 'c-pending'],
  owner: [...PERSONAL, ...COMMUNITY],
};

eachDialect('journal security: the search surface, every level × every viewer', (env) => {
  const viewers = {} as Record<Kind, Viewer | null>;
  const ids = {} as Record<Item, number>;
  let community: JournalRow;
  const search = (who: Kind, q: string, journal?: JournalRow) =>
    searchEntries(env().ctx, viewers[who], q, { journal, perPage: 50 });
  const found = async (who: Kind, q = 'zephyr', journal?: JournalRow) =>
    (await search(who, q, journal)).entries.map((e) => itemOf(e.id)).sort();
  const itemOf = (id: number) => (Object.keys(ids) as Item[]).find((k) => ids[k] === id);

  before(async () => {
    const { ctx } = env();
    const [owner, access, filter, stranger, member, maintainer] = await Promise.all(
      Array.from({ length: 6 }, () => makeUser(ctx)),
    );
    Object.assign(viewers, { guest: null, owner, access, filter, stranger, member, maintainer });
    await grantAccess(ctx, owner!, { username: access!.username });
    await grantAccess(ctx, owner!, { username: filter!.username });
    await saveFilter(ctx, owner!, { name: 'Inner circle', members: [filter!.username] });
    const personal = (await findJournalByName(ctx.db, owner!.username))!;
    for (const item of PERSONAL) {
      const level = item.slice(2);
      ids[item] = await postEntry(ctx, owner!, personal, {
        subject: `Zephyr ${item}`,
        body: `Zephyr words for ${item} only: secret${item.replace('-', '')}.`,
        format: 'text',
        security: level === 'filter' ? 'filter:inner circle' : level,
      });
    }
    community = await createCommunity(ctx, maintainer!, {
      name: `zephyrs_${owner!.id}`,
      title: 'Zephyrs',
      moderated: '1',
    });
    for (const who of [owner!, member!]) await joinCommunity(ctx, who, community);
    const security = { 'c-public': 'public', 'c-members': 'access', 'c-private': 'private' } as const;
    for (const item of COMMUNITY) {
      ids[item] = await postEntry(ctx, owner!, community, {
        subject: `Zephyr ${item}`,
        body: `Zephyr words for ${item} only: secret${item.replace('-', '')}.`,
        format: 'text',
        security: item in security ? security[item as keyof typeof security] : 'public',
      });
      if (item in security) await approveEntry(ctx, maintainer!, ids[item]);
    }
    await rejectEntry(ctx, maintainer!, ids['c-rejected'], { reason: 'Off topic.' });
  });

  for (const who of KINDS) {
    it(`${who}: site-wide search and each journal's search find exactly what they may see`, async () => {
      assert.deepEqual(await found(who), [...FINDS[who]].sort(), 'site-wide');
      const total = (await search(who, 'zephyr')).total;
      assert.equal(total, FINDS[who].length, 'the count is of what they may see');
      const personal = (await findJournalByName(env().ctx.db, (viewers.owner as Viewer).username))!;
      assert.deepEqual(
        await found(who, 'zephyr', personal),
        FINDS[who].filter((i) => i.startsWith('p-')).sort(),
        'in the personal journal',
      );
      assert.deepEqual(
        await found(who, 'zephyr', community),
        FINDS[who].filter((i) => i.startsWith('c-')).sort(),
        'in the community',
      );
    });

    it(`${who}: a locked entry's own words find nothing and count nothing for those who may not see it`, async () => {
      for (const item of [...PERSONAL, ...COMMUNITY]) {
        const q = `secret${item.replace('-', '')}`;
        const result = await search(who, q);
        const may = FINDS[who].includes(item);
        assert.equal(result.total, may ? 1 : 0, `${item}: count`);
        assert.deepEqual(
          result.entries.map((e) => e.id),
          may ? [ids[item]] : [],
          `${item}: results`,
        );
        const excluding = await search(who, `zephyr -${q}`);
        assert.equal(excluding.total, FINDS[who].length - (may ? 1 : 0), `${item}: excluding it`);
      }
    });
  }

  it('taking access away, leaving the community, deleting the filter or locking an entry takes effect at once', async () => {
    const { ctx } = env();
    const owner = viewers.owner as Viewer;
    await revokeAccess(ctx, owner, (viewers.access as Viewer).username);
    assert.deepEqual(await found('access'), ['c-public', 'p-public']);
    assert.equal((await search('access', 'secretpaccess')).total, 0);
    await removeMember(ctx, viewers.member as Viewer, community, (viewers.member as Viewer).username);
    assert.deepEqual(await found('member'), ['c-public', 'p-public']);
    const filterId = (
      await ctx.db
        .selectFrom('entries')
        .select('filter_id')
        .where('id', '=', ids['p-filter'])
        .executeTakeFirstOrThrow()
    ).filter_id!;
    await deleteFilter(ctx, owner, filterId);
    assert.deepEqual(await found('filter'), ['c-public', 'p-access', 'p-public']);
    await editEntry(ctx, owner, ids['p-public'], {
      subject: 'Zephyr p-public',
      body: 'Now private.',
      format: 'text',
      security: 'private',
    });
    assert.deepEqual(await found('guest'), ['c-public']);
    assert.deepEqual(await found('stranger'), ['c-public']);
    assert.equal((await search('filter', 'secretppublic')).total, 0);
  });
});
