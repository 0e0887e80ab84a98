import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser, uniqueName } from '../../../test/factories.ts';
import { eachDialect, type TestEnv } from '../../../test/harness.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { subscribe } from './access.service.ts';
import { community, entryCount, type User } from './communities.fixtures.ts';
import * as communities from './communities.service.ts';
import { tagCloud } from './journals.repository.ts';
import { calendar, entryWithNeighbours, readingPage, recentEntries } from './journals.read.ts';
import { canPostTo, deleteEntry, editEntry, postEntry, readEntry } from './journals.service.ts';

/** The error a promise is refused with (a QuireError), for its status and message. */
async function refusal(promise: Promise<unknown>): Promise<QuireError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QuireError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

async function makeCommunity(env: TestEnv, maintainer: Viewer, options: Record<string, unknown> = {}) {
  const name = uniqueName('comm').replace('_', '-');
  return communities.createCommunity(env.ctx, maintainer, {
    name,
    title: `The ${name} community`,
    ...options,
  });
}

// The security matrix: every level × every viewer × every surface ------------------------------

type Who = 'guest' | 'stranger' | 'member' | 'moderator' | 'maintainer' | 'poster';
const KINDS = ['public', 'access', 'private', 'pending'] as const;
type Kind = (typeof KINDS)[number];

/** Who sees a community's entry of each kind (`pending`: a public entry awaiting moderation). */
const SEES: Record<Who, readonly Kind[]> = {
  guest: ['public'],
  stranger: ['public'],
  member: ['public', 'access'],
  moderator: ['public', 'access', 'private', 'pending'],
  maintainer: ['public', 'access', 'private', 'pending'],
  poster: ['public', 'access', 'private', 'pending'],
};

eachDialect('community security: every level × every viewer × every surface', (env) => {
  const viewers = {} as Record<Who, Viewer | null>;
  const ids = {} as Record<Kind, number>;
  let name = '';

  before(async () => {
    const { ctx } = env();
    const [maintainer, moderator, member, poster, stranger] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => makeUser(ctx)),
    );
    Object.assign(viewers, { guest: null, stranger, member, moderator, maintainer, poster });
    const journal = await makeCommunity(env(), maintainer!);
    name = journal.display_name;
    for (const who of [moderator, member, poster]) await communities.joinCommunity(ctx, who!, journal);
    await communities.setMember(ctx, maintainer!, journal, moderator!.username, { role: 'moderator' });
    for (const kind of ['public', 'access', 'private'] as const)
      ids[kind] = await postEntry(ctx, poster!, journal, {
        subject: `A ${kind} entry`,
        body: `Words for ${kind} readers.`,
        format: 'text',
        tags: ['fic', kind],
        security: kind,
      });
    await ctx.db.updateTable('journals').set({ moderated: 1 }).where('id', '=', journal.id).execute();
    ids.pending = await postEntry(ctx, poster!, await community(env(), name), {
      subject: 'A pending entry',
      body: 'Waiting for approval.',
      format: 'text',
      tags: ['fic', 'pending'],
      security: 'public',
    });
    for (const who of ['stranger', 'member', 'moderator', 'maintainer', 'poster'] as const)
      await subscribe(ctx, viewers[who]!, journal.id, true);
  });

  const expected = (who: Who) => SEES[who].map((kind) => `A ${kind} entry`);

  for (const who of Object.keys(SEES) as Who[]) {
    it(`${who}: the entry page, Recent and a tag page`, async () => {
      const { ctx } = env();
      for (const kind of KINDS) {
        const shown = await readEntry(ctx, viewers[who], ids[kind]).then(
          () => true,
          () => false,
        );
        assert.equal(shown, SEES[who].includes(kind), `${kind} entry page`);
      }
      const journal = await community(env(), name);
      const recent = await recentEntries(ctx, viewers[who], journal, 1);
      assert.deepEqual(recent.entries.map((e) => e.subject).reverse(), expected(who), 'Recent');
      assert.equal(recent.total, SEES[who].length);
      const tagged = await recentEntries(ctx, viewers[who], journal, 1, 'fic');
      assert.deepEqual(tagged.entries.map((e) => e.subject).reverse(), expected(who), 'tag page');
    });

    it(`${who}: Previous/Next step only through what they may see`, async () => {
      const { ctx } = env();
      const seen = SEES[who].map((kind) => ids[kind]);
      for (const [i, id] of seen.entries()) {
        const page = await entryWithNeighbours(ctx, viewers[who], id);
        assert.equal(page.previous?.id, seen[i - 1], `previous of ${id}`);
        assert.equal(page.next?.id, seen[i + 1], `next of ${id}`);
        const withinTag = await entryWithNeighbours(ctx, viewers[who], id, 'fic');
        assert.equal(withinTag.next?.id, seen[i + 1], 'next within the tag');
      }
    });

    it(`${who}: tag counts, the calendar and the reading page`, async () => {
      const { ctx } = env();
      const journal = await community(env(), name);
      const cloud = await tagCloud(ctx.db, viewers[who], journal.id);
      assert.deepEqual(
        cloud.map((t) => `${t.name}:${t.count}`),
        [`fic:${SEES[who].length}`, ...SEES[who].map((k) => `${k}:1`)].sort(),
      );
      const days = await calendar(ctx, viewers[who], journal);
      assert.equal(
        [...days.values()].reduce((a, b) => a + b, 0),
        SEES[who].length,
        'calendar',
      );
      if (viewers[who]) {
        const reading = await readingPage(ctx, viewers[who]!, 1);
        assert.deepEqual(
          reading.entries.map((e) => e.subject),
          [...expected(who)].reverse(),
          'reading page',
        );
      }
    });
  }

  it('an approved entry is published to everyone and counts as posted when approved', async () => {
    const { ctx } = env();
    const before = (await readEntry(ctx, viewers.poster, ids.pending)).entry.created_at;
    await communities.approveEntry(ctx, viewers.moderator!, ids.pending);
    const { entry } = await readEntry(ctx, null, ids.pending);
    assert.equal(entry.status, 'published');
    assert.ok(entry.created_at >= before);
    const reading = await readingPage(ctx, viewers.stranger!, 1);
    assert.equal(reading.entries[0]?.id, ids.pending, 'first on the reading page');
  });
});

// Making communities, membership, posting rights, moderation ------------------------------------

eachDialect('communities: membership, posting rights and moderation', (env) => {
  let maintainer: User;
  let alice: User;
  let bob: User;
  let carol: User;

  before(async () => {
    const { ctx } = env();
    [maintainer, alice, bob, carol] = await Promise.all([
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
      makeUser(ctx),
    ]);
  });

  it('makes a community whose name clashes with no username and no community, in any case', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer);
    assert.equal(journal.kind, 'community');
    const standing = await communities.standingOf(ctx, maintainer, journal);
    assert.deepEqual({ ...standing }, { role: 'maintainer', can_post: 1, status: 'member' });
    for (const taken of [journal.display_name.toUpperCase(), alice.username.toLowerCase()]) {
      const error = await refusal(communities.createCommunity(ctx, bob, { name: taken, title: 'Again' }));
      assert.ok(error instanceof ValidationError);
      assert.match(error.fields.name!, /is taken/);
    }
    const bad = await refusal(communities.createCommunity(ctx, bob, { name: 'no spaces!', title: '' }));
    assert.ok(bad instanceof ValidationError);
    assert.match(bad.fields.name!, /3 to 40 letters, digits/);
    assert.match(bad.fields.title!, /title/);
    const plain = await communities.createCommunity(ctx, bob, { name: uniqueName('plain'), title: 'Plain' });
    const clash = await refusal(
      createAccount(ctx, {
        username: plain.display_name.toUpperCase(),
        email: 'y@example.org',
        password: 'tea and biscuits at four',
      }),
    );
    assert.ok(clash instanceof ValidationError);
    assert.match(clash.fields.username!, /belongs to a community/);
  });

  it('open: anyone joins and leaves; posting needs membership, and a refusal writes nothing', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer);
    const refused = await refusal(postEntry(ctx, alice, journal, { body: 'Hello!' }));
    assert.equal(refused.status, 403);
    assert.match(refused.message, /Only members of .* can post to it/);
    assert.equal(await entryCount(env(), journal.id), 0, 'nothing written');
    assert.equal(await communities.joinCommunity(ctx, alice, journal), 'joined');
    assert.equal(await communities.joinCommunity(ctx, alice, journal), 'already');
    assert.equal(await canPostTo(ctx, alice, journal), true);
    await postEntry(ctx, alice, journal, { body: 'Hello!' });
    await communities.removeMember(ctx, alice, journal, alice.username);
    assert.equal(await canPostTo(ctx, alice, journal), false);
    assert.equal(await canPostTo(ctx, null, journal), false);
  });

  it('moderated: a request waits until a maintainer approves (or declines) it', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer, { membership: 'moderated' });
    assert.equal(await communities.joinCommunity(ctx, alice, journal), 'requested');
    assert.equal((await communities.standingOf(ctx, alice, journal))?.status, 'requested');
    const waiting = await refusal(postEntry(ctx, alice, journal, { body: 'Early.' }));
    assert.match(waiting.message, /request to join .* is waiting/);
    const notYours = await refusal(communities.answerRequest(ctx, bob, journal, alice.username, true));
    assert.equal(notYours.status, 403);
    const list = await communities.communityMembers(ctx, maintainer, journal);
    assert.deepEqual(
      list.requests.map((m) => m.username),
      [alice.username],
    );
    assert.deepEqual(
      (await communities.communityMembers(ctx, bob, journal)).requests,
      [],
      'only maintainers',
    );
    await communities.answerRequest(ctx, maintainer, journal, alice.username, true);
    assert.equal((await communities.standingOf(ctx, alice, journal))?.status, 'member');
    await communities.joinCommunity(ctx, bob, journal);
    await communities.answerRequest(ctx, maintainer, journal, bob.username, false);
    assert.equal(await communities.standingOf(ctx, bob, journal), null);
  });

  it('closed: only maintainers add people, by username', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer, { membership: 'closed' });
    const closed = await refusal(communities.joinCommunity(ctx, alice, journal));
    assert.equal(closed.status, 403);
    assert.match(closed.message, /closed/);
    assert.equal(
      (await refusal(communities.addMember(ctx, alice, journal, { username: bob.username }))).status,
      403,
    );
    const nobody = await refusal(
      communities.addMember(ctx, maintainer, journal, { username: 'no_such_person' }),
    );
    assert.ok(nobody instanceof ValidationError);
    assert.equal(
      await communities.addMember(ctx, maintainer, journal, { username: alice.username }),
      alice.username,
    );
    const again = await refusal(
      communities.addMember(ctx, maintainer, journal, { username: alice.username }),
    );
    assert.match(again.message, /already a member/);
    assert.equal((await communities.communityProfile(ctx, null, journal)).memberCount, 2);
  });

  it('selected posting: only members a maintainer chose may post', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer, { posting: 'selected' });
    await communities.joinCommunity(ctx, alice, journal);
    const refused = await refusal(postEntry(ctx, alice, journal, { body: 'May I?' }));
    assert.equal(refused.status, 403);
    assert.match(refused.message, /only members chosen by its maintainers can post/);
    assert.equal(await entryCount(env(), journal.id), 0);
    await communities.setMember(ctx, maintainer, journal, alice.username, { role: 'member', canPost: '1' });
    await postEntry(ctx, alice, journal, { body: 'Now I may.' });
    assert.equal(await entryCount(env(), journal.id), 1);
  });

  it('a community has no custom filters; a non-member posts public entries only', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer, { nonmemberPosting: '1' });
    const filter = await refusal(
      postEntry(ctx, maintainer, journal, { body: 'x', security: 'filter:friends' }),
    );
    assert.ok(filter instanceof ValidationError);
    assert.match(filter.fields.security!, /Communities have no custom filters/);
    const locked = await refusal(postEntry(ctx, carol, journal, { body: 'x', security: 'access' }));
    assert.ok(locked instanceof ValidationError);
    assert.match(locked.fields.security!, /yours can only be public/);
    assert.equal(await entryCount(env(), journal.id), 0, 'nothing written');
    const id = await postEntry(ctx, carol, journal, { body: 'A visitor’s public entry.' });
    const { entry } = await readEntry(ctx, null, id);
    assert.equal(entry.security, 'public');
    assert.equal(entry.status, 'published');
    const sticky = await refusal(postEntry(ctx, carol, journal, { body: 'Top!', sticky: true }));
    assert.match(sticky.message, /maintainers and moderators/);
  });

  it('moderated posting: members wait in the queue; staff approve or reject with a reason', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer, { moderated: true });
    await communities.joinCommunity(ctx, alice, journal);
    await communities.joinCommunity(ctx, bob, journal);
    await communities.setMember(ctx, maintainer, journal, bob.username, { role: 'moderator' });
    const staffEntry = await postEntry(ctx, bob, journal, { body: 'Moderators are not moderated.' });
    assert.equal((await readEntry(ctx, null, staffEntry)).entry.status, 'published');
    const first = await postEntry(ctx, alice, journal, { subject: 'First', body: 'Please approve.' });
    const second = await postEntry(ctx, alice, journal, { subject: 'Second', body: 'Please approve too.' });
    assert.deepEqual(
      (await communities.moderationQueue(ctx, bob, journal)).map((e) => e.id),
      [first, second],
    );
    assert.equal((await refusal(communities.moderationQueue(ctx, alice, journal))).status, 403);
    assert.equal((await refusal(communities.approveEntry(ctx, alice, first))).status, 403);
    assert.equal((await refusal(communities.approveEntry(ctx, carol, first))).status, 404, 'hidden');
    const noReason = await refusal(communities.rejectEntry(ctx, bob, second, { reason: ' ' }));
    assert.ok(noReason instanceof ValidationError);
    await communities.approveEntry(ctx, bob, first);
    await communities.rejectEntry(ctx, maintainer, second, { reason: 'Off topic for this community.' });
    assert.equal(
      (await refusal(communities.approveEntry(ctx, bob, second))).status,
      404,
      'a rejected entry is its poster’s alone',
    );
    assert.deepEqual(await communities.moderationQueue(ctx, bob, journal), []);
    assert.equal((await readEntry(ctx, null, first)).entry.status, 'published');
    assert.equal((await refusal(readEntry(ctx, carol, second))).status, 404, 'rejected: hidden');
    const mine = await communities.ownSubmissions(ctx, alice, journal);
    assert.deepEqual(
      mine.map((e) => [e.id, e.status, e.status_reason]),
      [[second, 'rejected', 'Off topic for this community.']],
    );
    // Editing a rejected entry sends it back to the moderators.
    await editEntry(ctx, alice, second, { subject: 'Second', body: 'On topic now.' });
    assert.deepEqual(
      (await communities.moderationQueue(ctx, bob, journal)).map((e) => e.id),
      [second],
    );
    // Moderators may delete entries of their community; members may not delete others'.
    assert.equal((await refusal(deleteEntry(ctx, alice, staffEntry))).status, 403);
    await deleteEntry(ctx, bob, first);
  });

  it('a community always keeps a maintainer: the last cannot leave or step down', async () => {
    const { ctx } = env();
    const journal = await makeCommunity(env(), maintainer);
    const leave = await refusal(communities.removeMember(ctx, maintainer, journal, maintainer.username));
    assert.equal(leave.status, 409);
    assert.match(leave.message, /needs at least one maintainer/);
    const demote = await refusal(
      communities.setMember(ctx, maintainer, journal, maintainer.username, { role: 'member' }),
    );
    assert.equal(demote.status, 409);
    assert.equal((await communities.standingOf(ctx, maintainer, journal))?.role, 'maintainer', 'unchanged');
    await communities.joinCommunity(ctx, alice, journal);
    assert.equal(
      (await refusal(communities.setMember(ctx, alice, journal, alice.username, { role: 'maintainer' })))
        .status,
      403,
    );
    await communities.setMember(ctx, maintainer, journal, alice.username, { role: 'maintainer' });
    await communities.removeMember(ctx, maintainer, journal, maintainer.username);
    const profile = await communities.communityProfile(ctx, null, journal);
    assert.deepEqual(profile.maintainers, [alice.username]);
    assert.equal(profile.memberCount, 1);
  });
});

// The pages and the API ------------------------------------------------------------------------
