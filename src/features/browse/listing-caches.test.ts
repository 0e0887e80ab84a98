import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { relate } from '../blocking/blocking.service.ts';
import { leaveKudos } from '../kudos/kudos.service.ts';
import { findDefaultPseud } from '../pseuds/pseuds.repository.ts';
import { updatePseud } from '../pseuds/pseuds.service.ts';
import { findOrCreateTags } from '../tags/tags.repository.ts';
import { recordHit } from '../works/hits.ts';
import { workEditSchema } from '../works/works.schema.ts';
import { editWork, postWork } from '../works/works.service.ts';

// Listings and tag pages keep each work's tags, creators and rendered blurb between requests
// (works/blurbs.ts, works/works-list.views.tsx) and answer tag pages from the listings engine:
// what they show must follow every change at once, and each reader's view.
eachDialect('listing caches stay exact', (env) => {
  it('shows a work’s new tags, its creator’s new pseud name and its new counts on the next listing', async () => {
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Kept Blurb', additionalTags: ['Cached Fluff'] }),
    );
    const guest = new TestClient(env().app);
    const before = textOf((await guest.get('/works')).body);
    assert.match(before, /Kept Blurb by /);
    assert.match(before, /Cached Fluff/);
    assert.doesNotMatch(before, /Kudos: 1/);
    assert.match(before, /Hits: 0/);
    assert.equal((await guest.get('/works')).body, (await guest.get('/works')).body);

    // A hit moves no version (works.hits only): the kept blurb stays, its stats line follows.
    await recordHit(env().ctx.db, workId, 'g:listing-cache-test');
    const hit = textOf((await guest.get('/works')).body);
    assert.match(hit, /Hits: 1/);
    assert.match(hit, /Cached Fluff/);

    await editWork(
      env().ctx,
      writer,
      workId,
      workEditSchema.parse({
        ...seedWorkInput({ title: 'Kept Blurb', additionalTags: ['Fresh Angst'] }),
        series: null,
      }),
    );
    const pseud = (await findDefaultPseud(env().ctx.db, writer.id))!;
    await updatePseud(env().ctx, writer.id, pseud.id, { name: 'Renamed Pen', description: '' });
    await leaveKudos(env().ctx, null, workId, { ip: '10.1.2.3', userAgent: 'test' });

    const after = textOf((await guest.get('/works')).body);
    assert.match(after, /Fresh Angst/);
    assert.doesNotMatch(after, /Cached Fluff/);
    assert.match(after, new RegExp(`Kept Blurb by Renamed Pen \\(${writer.username}\\)`));
    assert.match(after, /Kudos: 1/);
  });

  it('counts and lists on a tag page only what each reader may see', async () => {
    const writer = await makeUser(env().ctx);
    const other = await makeUser(env().ctx);
    await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Open Page', additionalTags: ['Tag Page Rule'] }),
    );
    await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Members Page', additionalTags: ['Tag Page Rule'], restricted: true }),
    );
    await postWork(
      env().ctx,
      other,
      seedWorkInput({ title: 'Other Page', additionalTags: ['Tag Page Rule'] }),
    );
    const [tag] = await findOrCreateTags(
      env().ctx.db,
      'freeform',
      ['Tag Page Rule'],
      new Date().toISOString(),
    );

    const guestPage = textOf((await new TestClient(env().app).get(`/tags/${tag}`)).body);
    assert.match(guestPage, /2 works/);
    assert.doesNotMatch(guestPage, /Members Page/);

    const reader = await makeUser(env().ctx);
    const client = new TestClient(env().app);
    await client.post('/login', { login: reader.username, password: FACTORY_PASSWORD });
    const signedIn = textOf((await client.get(`/tags/${tag}`)).body);
    assert.match(signedIn, /3 works/);
    assert.match(signedIn, /Members Page/);

    await relate(env().ctx, reader, 'mute', other.username);
    const muted = textOf((await client.get(`/tags/${tag}`)).body);
    assert.match(muted, /2 works/);
    assert.doesNotMatch(muted, /Other Page/);
    assert.match(muted, /Open Page/);
  });
});
