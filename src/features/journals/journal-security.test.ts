import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { grantAccess, saveFilter, subscribe } from './access.service.ts';
import { findJournalByName, tagCloud } from './journals.repository.ts';
import { calendar, entryWithNeighbours, readingPage, recentEntries } from './journals.read.ts';
import { postEntry, readEntry } from './journals.service.ts';

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
