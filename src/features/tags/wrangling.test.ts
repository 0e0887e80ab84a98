import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from '../works/works.service.ts';
import { findOrCreateTags } from './tags.repository.ts';
import { wrangleTag } from './wrangling.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

eachDialect('tag wrangling', (env) => {
  const db = () => env().ctx.db;
  const tagId = async (type: 'fandom' | 'relationship' | 'character' | 'freeform', name: string) =>
    (await findOrCreateTags(db(), type, [name], new Date().toISOString()))[0]!;
  /** The names of a work's filter tags of one type. */
  const filters = async (workId: number, type: string) =>
    (
      await db()
        .selectFrom('work_filter_tags')
        .innerJoin('tags', 'tags.id', 'work_filter_tags.tag_id')
        .select('tags.name')
        .where('work_filter_tags.work_id', '=', workId)
        .where('tags.type', '=', type as 'fandom')
        .orderBy('tags.name')
        .execute()
    ).map((r) => r.name);
  const drain = () => env().worker.drain();

  it('treats “A/B” and “B/A” as one pairing, and “A & B” as another', async () => {
    const [slash, reversed, friends] = await Promise.all([
      tagId('relationship', 'Lex Luthor/Lana Lang'),
      tagId('relationship', 'lana lang / lex luthor'),
      tagId('relationship', 'Lex Luthor & Lana Lang'),
    ]);
    assert.equal(slash, reversed);
    assert.notEqual(slash, friends);
  });

  it('finds works by a synonym’s canonical tag and by metatags, re-indexed by a job', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const wrangler = asViewer(await makeUser(env().ctx, { role: 'tag_wrangler' }));
    const { workId } = await postWork(
      env().ctx,
      writer,
      seedWorkInput({ relationships: ['Lex/Lana'], fandoms: ['Smallville'] }),
    );
    assert.deepEqual(
      await filters(workId, 'relationship'),
      ['Lex/Lana'],
      'unwrangled tags filter as themselves',
    );

    const canonical = await tagId('relationship', 'Lana Lang/Lex Luthor');
    await wrangleTag(env().ctx, wrangler, canonical, { canonical: true });
    await wrangleTag(env().ctx, wrangler, await tagId('relationship', 'Lex/Lana'), {
      synonymOf: 'Lana Lang/Lex Luthor',
    });
    await drain();
    assert.deepEqual(await filters(workId, 'relationship'), ['Lex Luthor/Lana Lang']);

    await wrangleTag(env().ctx, wrangler, await tagId('fandom', 'Smallville'), {
      canonical: true,
      media: 'TV Shows',
    });
    await wrangleTag(env().ctx, wrangler, await tagId('fandom', 'DC Universe'), { canonical: true });
    await wrangleTag(env().ctx, wrangler, await tagId('fandom', 'Smallville'), { metatags: ['DC Universe'] });
    await drain();
    assert.deepEqual(await filters(workId, 'fandom'), ['DC Universe', 'Smallville']);

    await wrangleTag(env().ctx, wrangler, await tagId('fandom', 'Smallville'), { metatags: [] });
    await drain();
    assert.deepEqual(await filters(workId, 'fandom'), ['Smallville']);
  });

  it('refuses loops, non-canonical targets, wrong types and non-wranglers', async () => {
    const wrangler = asViewer(await makeUser(env().ctx, { role: 'tag_wrangler' }));
    const reader = asViewer(await makeUser(env().ctx));
    const a = await tagId('freeform', 'Angst');
    const b = await tagId('freeform', 'Emotional Hurt');
    await wrangleTag(env().ctx, wrangler, a, { canonical: true });
    await wrangleTag(env().ctx, wrangler, b, { canonical: true, metatags: ['Angst'] });
    await assert.rejects(wrangleTag(env().ctx, wrangler, a, { metatags: ['Emotional Hurt'] }), /loop/);
    await assert.rejects(
      wrangleTag(env().ctx, wrangler, a, { synonymOf: 'Not A Tag' }),
      /There is no freeform tag/,
    );
    const raw = await tagId('freeform', 'angsty');
    await assert.rejects(wrangleTag(env().ctx, wrangler, b, { synonymOf: 'angsty' }), /not canonical yet/);
    await assert.rejects(wrangleTag(env().ctx, wrangler, raw, { media: 'Movies' }), /Only fandoms/);
    await assert.rejects(wrangleTag(env().ctx, reader, raw, { canonical: true }), /Only tag wranglers/);
  });
});
