import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { canSeeEntry } from '../visibility/entry-visibility.ts';
import {
  addMember,
  communityNamed,
  createCommunity,
  joinCommunity,
  setMember,
} from './communities.service.ts';
import { settingsValues, updateCommunitySettings } from './community-settings.service.ts';
import { findJournalByName, type JournalRow } from './journals.repository.ts';
import { postEntry } from './journals.service.ts';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => {
      if (error instanceof QuireError) return error;
      throw error;
    },
  );

const ALL = {
  title: 'Renamed',
  subtitle: 'Now with a subtitle',
  membership: 'moderated',
  posting: 'selected',
  moderated: '1',
  nonmemberPosting: '1',
  defaultSecurity: 'access',
  defaultComments: 'disabled',
  defaultScreening: 'guests',
  defaultCommenters: 'registered',
  theme: 'night',
};

eachDialect('community settings: rules', (env) => {
  let boss: Viewer;
  let moderator: Viewer;
  let member: Viewer;
  let outsider: Viewer;
  let name = '';
  const community = () => communityNamed(env().ctx, name);

  before(async () => {
    const { ctx } = env();
    boss = await makeUser(ctx);
    moderator = await makeUser(ctx);
    member = await makeUser(ctx);
    outsider = await makeUser(ctx);
    name = `settings_${boss.id}`;
    const made = await createCommunity(ctx, boss, { name, title: 'Before' });
    await addMember(ctx, boss, made, { username: moderator.username });
    await setMember(ctx, boss, made, moderator.username, { role: 'moderator', canPost: '1' });
    await joinCommunity(ctx, member, made);
  });

  it('a maintainer changes everything making it set, and the defaults of new entries', async () => {
    const { ctx } = env();
    const saved = await updateCommunitySettings(ctx, boss, await community(), ALL);
    assert.deepEqual(settingsValues(saved), ALL);
    assert.equal(saved.display_name, name, 'the name stays');
    const id = await postEntry(ctx, boss, saved, { body: 'Members only by default.', format: 'text' });
    assert.equal(await canSeeEntry(ctx.db, null, id), false);
    assert.equal(await canSeeEntry(ctx.db, member, id), true);
    const entry = await ctx.db
      .selectFrom('entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      [entry.security, entry.comments, entry.screening, entry.commenters],
      ['access', 'disabled', 'guests', 'registered'],
    );
  });

  it('the new rules take effect: a non-member may now post, publicly, and waits for moderation', async () => {
    const { ctx } = env();
    const id = await postEntry(ctx, outsider, await community(), {
      body: 'Hello from outside.',
      format: 'text',
    });
    const entry = await ctx.db
      .selectFrom('entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([entry.security, entry.status], ['public', 'pending']);
    const off = await updateCommunitySettings(ctx, boss, await community(), { ...ALL, moderated: '' });
    assert.equal(off.moderated, 0);
    const still = await ctx.db
      .selectFrom('entries')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(still.status, 'pending', 'turning moderation off publishes nothing by itself');
  });

  it('moderators, members and outsiders may not change settings (403); a personal journal has none (404)', async () => {
    const { ctx } = env();
    for (const who of [moderator, member, outsider]) {
      const error = await refusal(updateCommunitySettings(ctx, who, await community(), ALL));
      assert.equal(error.status, 403);
    }
    assert.equal((await community()).title, 'Renamed');
    assert.equal((await refusal(communityNamed(ctx, boss.username))).status, 404);
  });

  it('refuses bad input with each field’s error, writing nothing', async () => {
    const { ctx } = env();
    const error = await refusal(
      updateCommunitySettings(ctx, boss, await community(), {
        ...ALL,
        title: '  ',
        membership: 'secret',
        defaultSecurity: 'filter:friends',
        theme: 'neon',
      }),
    );
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.fields).sort(), ['defaultSecurity', 'membership', 'theme', 'title']);
    assert.match(error.fields.title!, /Give the community a title/);
    assert.equal((await community()).title, 'Renamed');
  });
});

eachDialect('community settings: page and API', (env) => {
  let boss: Awaited<ReturnType<typeof makeUser>>;
  let member: Awaited<ReturnType<typeof makeUser>>;
  let bossClient: TestClient;
  let memberClient: TestClient;
  let journal: JournalRow;
  let url = '';
  const tokens = { boss: '', member: '' };
  const login = (user: { username: string }) => signedInClient(env().app, user);

  before(async () => {
    const { ctx } = env();
    boss = await makeUser(ctx);
    member = await makeUser(ctx);
    journal = await createCommunity(ctx, boss, {
      name: `page_${boss.id}`,
      title: 'Page test',
      posting: 'members',
    });
    await joinCommunity(ctx, member, journal);
    url = `/journals/${journal.display_name}/settings`;
    bossClient = await login(boss);
    memberClient = await login(member);
    tokens.boss = (await createToken(ctx, boss.id, 't')).token;
    tokens.member = (await createToken(ctx, member.id, 't')).token;
  });

  it('links the settings from the profile and members pages, for maintainers only', async () => {
    for (const page of ['profile', 'members']) {
      const path = `/journals/${journal.display_name}/${page}`;
      assert.match((await bossClient.get(path)).body, new RegExp(`href="${url}">Community settings`));
      assert.doesNotMatch((await memberClient.get(path)).body, /Community settings/);
    }
  });

  it('shows the form with the current settings; others get 403, guests a log-in, personal journals 404', async () => {
    const page = await bossClient.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Page test"/);
    assert.match(page.body, /value="open"[^>]*checked|checked[^>]*value="open"/);
    assert.match(page.body, /<option value="parchment" selected/);
    assert.equal((await memberClient.get(url)).statusCode, 403);
    assert.notEqual((await new TestClient(env().app).get(url)).statusCode, 200);
    assert.equal((await bossClient.get(`/journals/${boss.username}/settings`)).statusCode, 404);
    assert.equal((await bossClient.get('/journals/no_such_community/settings')).statusCode, 404);
    const posted = await memberClient.post(
      url,
      { ...ALL },
      { csrfFrom: `/journals/${journal.display_name}/profile` },
    );
    assert.equal(posted.statusCode, 403);
  });

  it('keeps everything typed when refused, and saves', async () => {
    const refused = await bossClient.post(url, {
      ...ALL,
      title: '',
      subtitle: 'Kept subtitle',
      membership: 'closed',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /Give the community a title/);
    assert.match(refused.body, /value="Kept subtitle"/);
    assert.match(refused.body, /value="closed"[^>]*checked|checked[^>]*value="closed"/);
    assert.match(refused.body, /<option value="night" selected/);
    const saved = await bossClient.post(url, { ...ALL, title: 'Saved title', nonmemberPosting: '' });
    assert.equal(saved.statusCode, 303);
    const profile = textOf((await bossClient.get(saved.headers.location as string)).body);
    assert.match(profile, /Saved title/);
    assert.match(profile, /Moderated: people ask to join/);
    assert.equal((await findJournalByName(env().ctx.db, journal.display_name))!.nonmember_posting, 0);
  });

  it('PATCH /api/v1/communities/:name changes the fields sent and keeps the rest', async () => {
    const patch = async (body: object, token = tokens.boss, name = journal.display_name) => {
      const response = await env().app.inject({
        method: 'PATCH',
        url: `/api/v1/communities/${name}`,
        payload: body,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.statusCode, body: response.json() };
    };
    const changed = await patch({ subtitle: 'Via the API', moderated: false });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.title, 'Saved title');
    assert.equal(changed.body.subtitle, 'Via the API');
    assert.equal(changed.body.moderated, false);
    assert.equal(changed.body.membership, 'moderated');
    assert.equal(changed.body.theme, 'night');
    const bad = await patch({ membership: 'secret' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.error.field, 'membership');
    assert.equal((await patch({ title: 'Mine' }, tokens.member)).status, 403);
    assert.equal((await patch({ title: 'Mine' }, '')).status, 401);
    assert.equal((await patch({ title: 'X' }, tokens.boss, 'no_such_community')).status, 404);
    assert.equal((await findJournalByName(env().ctx.db, journal.display_name))!.title, 'Saved title');
  });
});
