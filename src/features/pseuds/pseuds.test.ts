import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { listPseuds } from './pseuds.service.ts';

eachDialect('pseuds and profiles', (env) => {
  it('adds, edits, defaults and deletes pseuds, each with a public page', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });

    const bad = await browser.post('/account/pseuds/new', { name: '<b>bold</b>', description: 'kept text' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, />kept text</);
    const clash = await browser.post('/account/pseuds/new', {
      name: user.username.toUpperCase(),
      description: '',
    });
    assert.match(textOf(clash.body), /already have a pseud with that name/);

    const made = await browser.post('/account/pseuds/new', {
      name: 'Moonlit Quill',
      description: 'Writes <em>angst</em>.<script>alert(1)</script>',
    });
    assert.equal(made.statusCode, 303);
    const pseud = (await listPseuds(env().ctx, user.id)).find((p) => p.name === 'Moonlit Quill')!;
    assert.equal(pseud.description, 'Writes <em>angst</em>.', 'descriptions pass the sanitizer');

    const page = await browser.get(`/users/${user.username}/pseuds/Moonlit%20Quill`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Writes <em>angst<\/em>\./);
    assert.match(textOf(page.body), new RegExp(`A pseud of ${user.username}`));

    await browser.post(
      `/account/pseuds/${pseud.id}/edit`,
      { name: 'Moonlit Quill', description: 'Line one\n\nLine two' },
      { csrfFrom: `/account/pseuds/${pseud.id}/edit` },
    );
    const edited = (await listPseuds(env().ctx, user.id)).find((p) => p.id === pseud.id)!;
    assert.equal(edited.description, '<p>Line one</p>\n<p>Line two</p>');

    const list = `/users/${user.username}/pseuds`;
    const undeletable = await browser.post(
      `/account/pseuds/${(await listPseuds(env().ctx, user.id)).find((p) => p.is_default)!.id}/delete`,
      {},
      { csrfFrom: list },
    );
    assert.equal(undeletable.statusCode, 409);
    await browser.post(`/account/pseuds/${pseud.id}/default`, {}, { csrfFrom: list });
    assert.equal((await listPseuds(env().ctx, user.id))[0]?.name, 'Moonlit Quill');
    const original = (await listPseuds(env().ctx, user.id)).find((p) => p.name === user.username)!;
    assert.equal(
      (await browser.post(`/account/pseuds/${original.id}/delete`, {}, { csrfFrom: list })).statusCode,
      303,
    );
    assert.deepEqual(
      (await listPseuds(env().ctx, user.id)).map((p) => p.name),
      ['Moonlit Quill'],
    );
  });

  it('does not let anyone edit someone else’s pseud', async () => {
    const owner = await makeUser(env().ctx);
    const intruder = await makeUser(env().ctx);
    const [pseud] = await listPseuds(env().ctx, owner.id);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: intruder.username, password: FACTORY_PASSWORD });
    assert.equal((await browser.get(`/account/pseuds/${pseud!.id}/edit`)).statusCode, 404);
    const forged = await browser.post(
      `/account/pseuds/${pseud!.id}/edit`,
      { name: 'Hijacked', description: '' },
      { csrfFrom: '/account/pseuds/new' },
    );
    assert.equal(forged.statusCode, 404);
    assert.equal((await listPseuds(env().ctx, owner.id))[0]?.name, owner.username);
  });

  it('shows a profile per user, redirecting to the username’s own spelling', async () => {
    const user = await makeUser(env().ctx, { role: 'tag_wrangler' });
    const guest = new TestClient(env().app);
    const profile = await guest.get(`/users/${user.username}`);
    assert.match(textOf(profile.body), /Tag wrangler/);
    const upper = await guest.get(`/users/${user.username.toUpperCase()}`);
    assert.equal(upper.statusCode, 301);
    assert.equal(upper.headers.location, `/users/${user.username}`);
    assert.equal((await guest.get('/users/nobody_by_that_name')).statusCode, 404);
    const api = await env().app.inject({ url: `/api/v1/users/${user.username}` });
    assert.equal(api.json().role, 'tag_wrangler');
    assert.equal(api.json().email, undefined, 'e-mail is private');
  });
});
