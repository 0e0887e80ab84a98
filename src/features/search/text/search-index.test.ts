import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import { eachDialect } from '../../../../test/harness.ts';
import { seedWorkInput } from '../../../../test/seed.ts';
import * as works from '../../works/works.service.ts';
import { parseSearchQuery } from './query-syntax.ts';
import { tsvectorTexts, TSVECTOR_BUDGET_BYTES } from './postgres-tsvector.ts';
import { indexWork, loadSearchDoc, MAX_INDEXED_BODY_CHARS, reindexAll } from './search-index.ts';
import { searchKit } from './search-test-kit.ts';

eachDialect('search: keeping the index in sync', (env) => {
  let kit: Awaited<ReturnType<typeof searchKit>>;
  before(async () => {
    kit = await searchKit(env());
  });
  const db = () => env().ctx.db;
  const index = (workId: number) => indexWork(db(), env().dialect, workId);
  const indexed = async (): Promise<number> => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from work_search`.execute(db());
    return Number(rows[0]!.n);
  };

  it('indexes what a work shows: title, summary, notes, tags, creators, posted chapters', async () => {
    const workId = await kit.post('Lantern', '<p>First <em>chapter</em> of glowworms.</p>', {
      chapter: { body: '<p>First <em>chapter</em> of glowworms.</p>', format: 'html' },
      summary: '<p>A summary about <strong>fireflies</strong>.</p>',
      notes: 'Thanks to my beta, Marigold.',
      endNotes: 'End notes mention periwinkle.',
    });
    await works.addChapter(env().ctx, kit.writer, workId, {
      title: 'The Second',
      summary: '',
      notes: '',
      endNotes: '',
      body: '<p>Secret draft chapter about aardvarks.</p>',
      format: 'html',
      draft: true,
      postedAt: undefined,
    });
    await index(workId);
    const doc = await loadSearchDoc(db(), workId);
    assert.equal(doc?.summary, 'A summary about fireflies.');
    assert.match(doc!.notes, /Marigold[\s\S]*periwinkle/);
    assert.ok(doc!.tags.includes('Smallville') && !doc!.tags.includes('Teen And Up Audiences'));
    assert.deepEqual(doc!.creators, [kit.writer.username]);
    assert.equal(doc!.body, 'First chapter of glowworms.');
    for (const word of ['lantern', 'fireflies', 'marigold', 'periwinkle', 'glowworms', 'smallville']) {
      assert.deepEqual(await kit.find(word), [workId], word);
    }
    assert.deepEqual(await kit.find('aardvarks'), [], 'draft chapters are not indexed');
  });

  it('never indexes drafts or hidden works; indexes registered-only ones', async () => {
    const draft = await kit.post('Draft', 'Unpublished xylograph.', { draft: true });
    assert.equal(await index(draft), 'removed');
    assert.deepEqual(await kit.find('xylograph'), []);
    await works.publishDraft(env().ctx, kit.writer, draft);
    assert.equal(await index(draft), 'indexed');
    assert.deepEqual(await kit.find('xylograph'), [draft]);

    const hidden = await kit.post('Hidden', 'A quokka smiles.');
    assert.deepEqual(await kit.find('quokka'), [hidden]);
    await db()
      .updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', hidden)
      .execute();
    assert.equal(await index(hidden), 'removed');
    assert.deepEqual(await kit.find('quokka'), []);

    const restricted = await kit.post('Locked', 'Wombats for members.', { restricted: true });
    assert.deepEqual(await kit.find('wombats'), [restricted]);
  });

  it('re-indexes an edit and removes a deleted work', async () => {
    const workId = await kit.post('Tidepool Notes', 'Anemones everywhere.');
    assert.deepEqual(await kit.find('title:tidepool'), [workId]);
    await works.editWork(env().ctx, kit.writer, workId, {
      ...seedWorkInput({ title: 'Rockpool Notes', series: null }),
      additionalTags: ['Barnacles'],
    });
    await index(workId);
    assert.deepEqual(await kit.find('title:tidepool'), []);
    assert.deepEqual(await kit.find('title:rockpool tag:barnacles anemones'), [workId]);

    await works.deleteWork(env().ctx, kit.writer, workId);
    assert.equal(await index(workId), 'removed');
    assert.deepEqual(await kit.find('anemones'), []);
    assert.equal(await index(999_999), 'removed', 'a missing work is fine');
  });

  it('rebuilds everything, dropping entries that should not be there', async () => {
    const kept = await kit.post('Rebuilt', 'Narwhal song.');
    const draft = await kit.post('Stale', 'Stale pangolin.', { draft: true });
    await kit.provider.upsert(db(), { ...(await loadSearchDoc(db(), kept))!, workId: draft });
    await kit.provider.remove(db(), kept);
    assert.deepEqual(await kit.find('narwhal'), [draft]);
    const progress: number[] = [];
    const counts = await reindexAll(db(), env().dialect, (done, total) => {
      assert.ok(done <= total);
      progress.push(done);
    });
    assert.deepEqual(await kit.find('narwhal'), [kept]);
    assert.equal(progress.at(-1), counts.indexed + counts.removed);
    assert.ok(counts.removed >= 1);
    assert.equal(await indexed(), counts.indexed);
  });

  it('indexes a huge body up to the cap without failing', async () => {
    // Distinct made-up words: the worst case for a tsvector's size.
    const words = Array.from({ length: 260_000 }, (_, i) => `q${i.toString(36)}z`);
    const body = words.join(' ');
    assert.ok(body.length > MAX_INDEXED_BODY_CHARS);
    const workId = await kit.post('Huge', 'placeholder');
    await kit.provider.upsert(db(), {
      workId,
      title: 'Huge',
      summary: '',
      notes: '',
      tags: [],
      creators: [],
      body: body.slice(0, MAX_INDEXED_BODY_CHARS),
    });
    assert.deepEqual(await kit.find('q0z'), [workId]);
    assert.deepEqual(await kit.find(`${words[40_000]}`), [workId]);
    const { ids } = await kit.provider.search(db(), parseSearchQuery('q0z q1z'));
    assert.deepEqual(ids, [workId]);
  });
});

it('keeps a tsvector of distinct words under PostgreSQL’s 1 MB', () => {
  const body = Array.from({ length: 200_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  const text = tsvectorTexts({ workId: 1, title: 't', summary: '', notes: '', tags: [], creators: [], body });
  const kept = text.body.split(' ');
  assert.ok(kept.length > 40_000 && kept.length < 200_000, String(kept.length));
  const bytes = kept.reduce((sum, w) => sum + Buffer.byteLength(w) + 11, 0);
  assert.ok(bytes <= TSVECTOR_BUDGET_BYTES);
  const prose = 'the cat sat on the mat and looked at the moon '.repeat(20_000);
  const all = tsvectorTexts({
    workId: 1,
    title: '',
    summary: '',
    notes: '',
    tags: [],
    creators: [],
    body: prose,
  });
  assert.equal(all.body.split(' ').length, 220_000, 'ordinary prose is never cut');
});
