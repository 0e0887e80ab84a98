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
    assert.match(page, /1 work Filter and sort these works Tagged Lex\/Lana/);
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

  it('bulk-wrangles ticked tags from the queue: CSRF, kept ticks and values on a refusal, a result message', async () => {
    const { user: writer, client: reader } = await signedIn('user');
    await postWork(
      env().ctx,
      writer,
      seedWorkInput({ fandoms: ['Veronica Mars'], characters: ['Veronica', 'Ronnie M.', 'Keith'] }),
    );
    await postWork(env().ctx, writer, seedWorkInput({ fandoms: ['Buffy'], characters: ['Buffy S.'] }));
    const { client: wrangler } = await signedIn('tag_wrangler');
    const canonical = await tagId('fandom', 'Veronica Mars');
    await wrangler.post(`/tags/${canonical}/edit`, { canonical: '1', synonymOf: '', metatags: '' });
    const character = async (name: string) =>
      (await findOrCreateTags(env().ctx.db, 'character', [name], new Date().toISOString()))[0]!;
    const [veronica, ronnie, keith] = [
      await character('Veronica'),
      await character('Ronnie M.'),
      await character('Keith'),
    ];
    const queue = '/wrangling?type=character&fandom=veronica+mars';

    const page = await wrangler.get(queue);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Tags to wrangle in Veronica Mars/);
    assert.match(text, /Keith/);
    assert.doesNotMatch(text, /Buffy S\./, 'tags of other fandoms are not listed');
    assert.match(
      page.body,
      new RegExp(`<form method="post" action="/wrangling\\?type=character&amp;fandom=veronica\\+mars"`),
    );
    assert.match(
      page.body,
      new RegExp(`<input type="checkbox" id="tick-${veronica}" name="tagIds" value="${veronica}"`),
    );

    // Ordinary users neither see nor post; a post without the form's token is refused.
    assert.equal(
      (await reader.post('/wrangling', { tagIds: String(veronica), action: 'canonical' }, { csrfFrom: '/' }))
        .statusCode,
      403,
    );
    const forged = await wrangler.post(
      queue,
      { tagIds: String(veronica), action: 'canonical' },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);

    const refused = await wrangler.post(queue, {
      tagIds: [String(veronica), String(ronnie)],
      action: 'synonym',
      synonymOf: 'Veronica Mars (character)',
      fandoms: 'Kept, as typed',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /There is no character tag “Veronica Mars \(character\)”/);
    assert.match(refused.body, new RegExp(`id="tick-${veronica}" name="tagIds" value="${veronica}" checked`));
    assert.match(refused.body, new RegExp(`id="tick-${ronnie}" name="tagIds" value="${ronnie}" checked`));
    assert.doesNotMatch(
      refused.body,
      new RegExp(`id="tick-${keith}" name="tagIds" value="${keith}" checked`),
    );
    assert.match(refused.body, /id="f-action-synonym" name="action" value="synonym" checked/);
    assert.match(refused.body, /name="synonymOf" type="text" value="Veronica Mars \(character\)"/);
    assert.match(refused.body, /name="fandoms" type="text" value="Kept, as typed"/);
    assert.match(refused.body, /aria-invalid="true"/);

    const nothingTicked = await wrangler.post(queue, { action: 'canonical' });
    assert.equal(nothingTicked.statusCode, 422);
    assert.match(textOf(nothingTicked.body), /Tick at least one tag\./);
    const noAction = await wrangler.post(queue, { tagIds: String(keith) });
    assert.match(textOf(noAction.body), /Choose what to do with the ticked tags\./);
    assert.match(noAction.body, new RegExp(`id="tick-${keith}" name="tagIds" value="${keith}" checked`));

    const done = await wrangler.post(queue, {
      tagIds: [String(veronica), String(keith)],
      action: 'canonical',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/wrangling?type=character&fandom=veronica+mars');
    const after = await wrangler.get(done.headers.location!);
    const shown = textOf(after.body);
    assert.match(shown, /2 tags made canonical\. Their works are being re-indexed\./);
    assert.doesNotMatch(shown, /Keith/, 'made canonical, it left the queue');
    assert.match(shown, /Ronnie M\./);

    const fandoms = await wrangler.post(queue, {
      tagIds: String(ronnie),
      action: 'fandoms',
      fandoms: 'Veronica Mars',
    });
    assert.equal(fandoms.statusCode, 303);
    assert.match(
      textOf((await wrangler.get(queue)).body),
      /Parent fandom “Veronica Mars” added to 1 tag\..* Ronnie M\. Character Veronica Mars 1/,
    );
    const unknown = textOf((await wrangler.get('/wrangling?fandom=Nowhere+Land')).body);
    assert.match(unknown, /There is no fandom tag “Nowhere Land”\./);
  });
});
