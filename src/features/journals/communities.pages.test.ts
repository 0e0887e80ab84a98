import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, callApi, signedInClient } from '../../../test/client.ts';
import { makeUser, uniqueName } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { community, entryCount, type User } from './communities.fixtures.ts';
import * as communities from './communities.service.ts';

eachDialect('community pages and the community API', (env) => {
  let maintainer: User;
  let member: User;
  let outsider: User;
  let boss: TestClient;
  let writer: TestClient;
  let visitor: TestClient;
  let tokens: Record<'boss' | 'member' | 'outsider', string>;

  const login = (user: { username: string }) => signedInClient(env().app, user);
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, auth: string, payload?: object) =>
    callApi(env().app, method, url, { token: auth, payload });

  before(async () => {
    const { ctx } = env();
    [maintainer, member, outsider] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
    [boss, writer, visitor] = await Promise.all([login(maintainer), login(member), login(outsider)]);
    tokens = {
      boss: (await createToken(env().ctx, maintainer.id, 't')).token,
      member: (await createToken(env().ctx, member.id, 't')).token,
      outsider: (await createToken(env().ctx, outsider.id, 't')).token,
    };
  });

  it('makes a community from the form, keeping what was typed when refused', async () => {
    const refused = await boss.post('/communities/new', {
      name: 'x',
      title: 'Small Soldiers fans',
      subtitle: 'Commando Elite',
      membership: 'moderated',
      moderated: '1',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /3 to 40 letters, digits/);
    assert.match(refused.body, /value="Small Soldiers fans"/);
    assert.match(refused.body, /value="Commando Elite"/);
    assert.match(refused.body, /value="moderated" checked/);
    assert.match(refused.body, /name="moderated" value="1" checked/);
    const name = uniqueName('ss-fans');
    const made = await boss.post('/communities/new', {
      name,
      title: 'Small Soldiers fans',
      membership: 'moderated',
      moderated: '1',
    });
    assert.equal(made.statusCode, 303);
    assert.equal(made.headers.location, `/journals/${name}/profile`);
    const profile = textOf((await boss.get(made.headers.location as string)).body);
    assert.match(profile, new RegExp(`Maintainers ${maintainer.username}`));
    assert.match(profile, /1 member/);
    assert.match(profile, /Queue/, 'the queue link for staff');
    assert.equal((await new TestClient(env().app).get('/communities/new')).statusCode, 401);
  });

  it('request, approve, post to the queue, reject with a reason the poster sees', async () => {
    const name = uniqueName('mod-comm');
    await api('POST', '/communities', tokens.boss, {
      name,
      title: 'Moderated',
      membership: 'moderated',
      moderated: true,
    });
    const profilePage = (await writer.get(`/journals/${name}/profile`)).body;
    assert.ok(profilePage.includes(`href="/forums?community=${name}"`), 'the profile links to its boards');
    const profile = textOf(profilePage);
    assert.match(profile, /Ask to join/);
    assert.doesNotMatch(profile, /Queue/);
    const asked = await writer.post(`/journals/${name}/join`, {}, { csrfFrom: `/journals/${name}/profile` });
    assert.equal(asked.statusCode, 303);
    assert.match(textOf((await writer.get(`/journals/${name}/profile`)).body), /You have asked to join/);
    const members = (await boss.get(`/journals/${name}/members`)).body;
    assert.match(textOf(members), new RegExp(`Requests to join \\(1\\) ${member.username}`));
    assert.equal((await writer.get(`/journals/${name}/post`)).statusCode, 404, 'no form before joining');
    const approve = `/journals/${name}/members/${member.username}/approve`;
    assert.equal((await boss.post(approve, {}, { csrfFrom: `/journals/${name}/members` })).statusCode, 303);
    const posted = await writer.post(`/journals/${name}/post`, {
      subject: 'A drabble',
      body: 'Archer and Chip.',
      security: 'access',
    });
    assert.equal(posted.statusCode, 303);
    const entryPage = textOf((await writer.get(posted.headers.location as string)).body);
    assert.match(entryPage, /waiting for the community’s moderators/);
    assert.match(entryPage, new RegExp(`Posted by ${member.username}`));
    assert.equal((await visitor.get(posted.headers.location as string)).statusCode, 404);
    const queue = (await boss.get(`/journals/${name}/queue`)).body;
    assert.match(textOf(queue), /Moderation queue \(1\).*A drabble/);
    assert.equal((await writer.get(`/journals/${name}/queue`)).statusCode, 403);
    const id = /entries\/(\d+)/.exec(posted.headers.location as string)![1];
    const noReason = await boss.post(
      `/entries/${id}/reject`,
      { reason: '' },
      { csrfFrom: `/journals/${name}/queue` },
    );
    assert.equal(noReason.statusCode, 422);
    assert.match(textOf(noReason.body), /Say why the entry is rejected/);
    const rejected = await boss.post(
      `/entries/${id}/reject`,
      { reason: 'Needs a <b>warning</b>.' },
      { csrfFrom: `/journals/${name}/queue` },
    );
    assert.equal(rejected.statusCode, 303);
    const mine = (await writer.get(`/journals/${name}/submissions`)).body;
    assert.match(textOf(mine), /Rejected Reason: Needs a &lt;b>warning&lt;\/b>\./, 'shown, escaped');
  });

  it('refuses posting without permission with a clear message, and writes nothing', async () => {
    const name = uniqueName('closed-comm');
    await api('POST', '/communities', tokens.boss, { name, title: 'Closed', membership: 'closed' });
    const journal = await community(env(), name);
    const refused = await visitor.post(
      `/journals/${name}/post`,
      { body: 'Let me in.' },
      { csrfFrom: `/journals/${name}/profile` },
    );
    assert.equal(refused.statusCode, 403);
    assert.match(textOf(refused.body), /Only members of .* can post to it/);
    const viaApi = await api('POST', `/journals/${name}/entries`, tokens.outsider, { body: 'Let me in.' });
    assert.equal(viaApi.status, 403);
    assert.equal(await entryCount(env(), journal.id), 0);
    const join = await api('POST', `/communities/${name}/members`, tokens.outsider);
    assert.equal(join.status, 403);
    assert.match(join.body.error.message, /closed/);
    const filtered = await boss.post(`/journals/${name}/post`, {
      subject: 'Filtered',
      body: 'For some.',
      security: 'filter:friends',
    });
    assert.equal(filtered.statusCode, 422);
    assert.match(textOf(filtered.body), /Communities have no custom filters/);
    assert.match(filtered.body, /value="Filtered"/);
    assert.equal(await entryCount(env(), journal.id), 0);
  });

  it('the API: make, join, add, post, approve or reject, leave, remove', async () => {
    const name = uniqueName('api-comm');
    const made = await api('POST', '/communities', tokens.boss, {
      name,
      title: 'Via the API',
      moderated: true,
      posting: 'members',
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.name, name);
    assert.equal(made.body.moderated, true);
    assert.equal((await api('POST', '/communities', tokens.member, { name, title: 'Twice' })).status, 422);
    const joined = await api('POST', `/communities/${name}/members`, tokens.member, {});
    assert.deepEqual(joined.body, { username: member.username, status: 'member', role: 'member' });
    const added = await api('POST', `/communities/${name}/members`, tokens.boss, {
      username: outsider.username,
    });
    assert.deepEqual(added.body, { username: outsider.username, status: 'member', role: 'member' });
    const notBoss = await api('POST', `/communities/${name}/members`, tokens.member, {
      username: maintainer.username,
    });
    assert.equal(notBoss.status, 403);
    const posted = await api('POST', `/journals/${name}/entries`, tokens.member, {
      subject: 'Via API',
      body: 'Hi.',
    });
    assert.equal(posted.status, 201);
    assert.equal(
      (await api('GET', `/entries/${posted.body.id}`, '')).status,
      404,
      'pending: hidden from guests',
    );
    assert.equal((await api('POST', `/entries/${posted.body.id}/approve`, tokens.member)).status, 403);
    const approved = await api('POST', `/entries/${posted.body.id}/approve`, tokens.boss);
    assert.deepEqual(approved.body, { id: posted.body.id, status: 'published', reason: null });
    assert.equal((await api('GET', `/entries/${posted.body.id}`, '')).status, 200);
    const other = await api('POST', `/journals/${name}/entries`, tokens.outsider, { body: 'Hm.' });
    const rejected = await api('POST', `/entries/${other.body.id}/reject`, tokens.boss, { reason: 'No.' });
    assert.deepEqual(rejected.body, { id: other.body.id, status: 'rejected', reason: 'No.' });
    const left = await api('DELETE', `/communities/${name}/members/${member.username}`, tokens.member);
    assert.deepEqual(left.body, { username: member.username });
    const removed = await api('DELETE', `/communities/${name}/members/${outsider.username}`, tokens.boss);
    assert.equal(removed.status, 200);
    const last = await api('DELETE', `/communities/${name}/members/${maintainer.username}`, tokens.boss);
    assert.equal(last.status, 409);
    const profile = await communities.communityProfile(env().ctx, null, await community(env(), name));
    assert.equal(profile.memberCount, 1);
    const doc = (await api('GET', '/openapi.json', '')).body;
    assert.ok(doc.paths['/api/v1/communities/{name}/members/{username}'].delete);
  });

  it('maintainers set roles and posting from the members page; the last maintainer is kept', async () => {
    const name = uniqueName('roles-comm');
    await api('POST', '/communities', tokens.boss, { name, title: 'Roles', posting: 'selected' });
    await api('POST', `/communities/${name}/members`, tokens.member, {});
    const page = `/journals/${name}/members`;
    const set = await boss.post(
      `${page}/${member.username}`,
      { role: 'moderator', canPost: '1' },
      { csrfFrom: page },
    );
    assert.equal(set.statusCode, 303);
    const journal = await community(env(), name);
    const standing = await communities.standingOf(env().ctx, member, journal);
    assert.deepEqual(
      { role: standing?.role, canPost: standing?.can_post },
      { role: 'moderator', canPost: 1 },
    );
    const demote = await boss.post(`${page}/${maintainer.username}`, { role: 'member' }, { csrfFrom: page });
    assert.equal(demote.statusCode, 409);
    assert.match(textOf(demote.body), /needs at least one maintainer/);
    const add = await boss.post(page, { username: 'nobody_at_all' });
    assert.equal(add.statusCode, 422);
    assert.match(add.body, /value="nobody_at_all"/);
    const nav = (await writer.get(`/journals/${name}`)).body;
    assert.match(nav, new RegExp(`href="/journals/${name}/queue"`), 'moderators get the queue link');
    assert.doesNotMatch((await visitor.get(`/journals/${name}`)).body, /\/queue"/);
    const removed = await boss.post(`${page}/${member.username}/remove`, {}, { csrfFrom: page });
    assert.equal(removed.statusCode, 303);
    assert.equal(await communities.standingOf(env().ctx, member, journal), null);
  });

  it('journal pages of a personal journal are not community pages', async () => {
    assert.equal((await visitor.get(`/journals/${maintainer.username}/profile`)).statusCode, 404);
    assert.doesNotMatch((await visitor.get(`/journals/${maintainer.username}`)).body, /\/members"/);
  });

  it('a mistyped community is a 404 everywhere', async () => {
    assert.equal((await visitor.get('/journals/no-such-community/members')).statusCode, 404);
    const missing = await api('POST', '/communities/no-such-community/members', tokens.member, {});
    assert.equal(missing.status, 404);
  });
});
