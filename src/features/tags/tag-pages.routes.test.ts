import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { postWork } from '../works/works.service.ts';
import { findOrCreateTags } from './tags.repository.ts';

eachDialect('tag pages and wrangling', (env) => {
  const tagId = async (type: 'fandom' | 'relationship', name: string) =>
    (await findOrCreateTags(env().ctx.db, type, [name], new Date().toISOString()))[0]!;
  async function signedIn(role: 'user' | 'tag_wrangler') {
    const user = await makeUser(env().ctx, { role });
    const client = new TestClient(env().app);
    await client.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return { user, client };
  }

  it('files works under canonical tags, redirects synonyms, and counts only what the reader may see', async () => {
    const { user: writer } = await signedIn('user');
    await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Tagged Lex/Lana', relationships: ['Lex/Lana'] }),
    );
    await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Members only', relationships: ['Lex/Lana'], restricted: true }),
    );
    const { client: wrangler } = await signedIn('tag_wrangler');
    const canonical = await tagId('relationship', 'Lana Lang/Lex Luthor');
    const synonym = await tagId('relationship', 'Lex/Lana');

    const form = await wrangler.get(`/tags/${canonical}/edit`);
    assert.equal(form.statusCode, 200);
    await wrangler.post(`/tags/${canonical}/edit`, { canonical: '1', synonymOf: '', metatags: '' });
    const refused = await wrangler.post(`/tags/${synonym}/edit`, {
      synonymOf: 'No Such Pairing',
      metatags: '',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /There is no relationship tag “No Such Pairing”/);
    const saved = await wrangler.post(`/tags/${synonym}/edit`, {
      synonymOf: 'Lana Lang/Lex Luthor',
      metatags: '',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/tags/${canonical}`);
    await env().worker.drain();

    const guest = new TestClient(env().app);
    const redirect = await guest.get(`/tags/${synonym}`);
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers.location, `/tags/${canonical}`);
    const page = textOf((await guest.get(`/tags/${canonical}`)).body);
    assert.match(page, /Relationship · Canonical/);
    assert.match(page, /Synonyms: Lex\/Lana/);
    assert.match(page, /1 work Tagged Lex\/Lana/);
    assert.doesNotMatch(page, /Members only/);
    const member = await signedIn('user');
    assert.match(textOf((await member.client.get(`/tags/${canonical}`)).body), /2 works/);
  });

  it('shows the queue and the wrangling form to wranglers only, and fandoms by medium to all', async () => {
    const { user: writer, client: reader } = await signedIn('user');
    await postWork(env().ctx, writer, seedWorkInput({ fandoms: ['Gilmore Girls'] }));
    const fandom = await tagId('fandom', 'Gilmore Girls');
    assert.equal((await reader.get('/wrangling')).statusCode, 403);
    assert.equal((await reader.get(`/tags/${fandom}/edit`)).statusCode, 403);
    const { client: wrangler } = await signedIn('tag_wrangler');
    assert.match(textOf((await wrangler.get('/wrangling')).body), /Gilmore Girls Fandom 1/);
    await wrangler.post(`/tags/${fandom}/edit`, {
      canonical: '1',
      synonymOf: '',
      metatags: '',
      media: 'TV Shows',
    });
    await env().worker.drain();
    assert.doesNotMatch(textOf((await wrangler.get('/wrangling')).body), /Gilmore Girls/);
    const media = textOf((await new TestClient(env().app).get('/media')).body);
    assert.match(media, /TV Shows Gilmore Girls \(1\)/);
  });
});
