import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { DB } from '../../db/connect.ts';
import { emptyTagLists, emptyTags, loadBlurbs, BLURB_VERSIONED_COLUMNS, type Decoration } from './blurbs.ts';
import { keep, keptOf } from './kept-by-version.ts';
import { readWork } from './works.read.ts';
import { workEditSchema } from './works.schema.ts';
import { editWork, postWork } from './works.service.ts';

const decoration = (): Decoration => ({ tags: emptyTags(), tagIds: emptyTagLists<number>(), creators: [] });

describe('what is kept of a work under its version', () => {
  it('keeps each slot beside the others at one version, and drops them all at a new one', () => {
    const db = {} as DB;
    const first = decoration();
    keep(db, 1, 'v1', 'decoration', first);
    assert.equal(keptOf(db, 1, 'v1')?.decoration, first);
    assert.equal(keptOf(db, 1, 'v2'), undefined, 'nothing at another version');
    const facts = Object.freeze({ creatorRows: [], tags: [], series: [], gifts: [], postedChapters: [] });
    keep(db, 1, 'v1', 'facts', facts);
    assert.equal(keptOf(db, 1, 'v1')?.decoration, first, 'the decoration stays beside the facts');
    assert.equal(keptOf(db, 1, 'v1')?.facts, facts);
    keep(db, 1, 'v2', 'decoration', decoration());
    assert.equal(keptOf(db, 1, 'v2')?.facts, undefined, 'the facts went with their version');
    assert.equal(keptOf(db, 1, 'v1'), undefined);
    assert.equal(keptOf({} as DB, 1, 'v2'), undefined, 'each database keeps its own');
  });

  it('forgets the least recently used works past 4,000', () => {
    const db = {} as DB;
    for (let id = 1; id <= 4000; id++) keep(db, id, 'v', 'decoration', decoration());
    assert.ok(keptOf(db, 1, 'v'), 'used now, so the most recent');
    keep(db, 4001, 'v', 'decoration', decoration());
    assert.ok(keptOf(db, 1, 'v'));
    assert.equal(keptOf(db, 2, 'v'), undefined, 'the least recently used went');
    assert.ok(keptOf(db, 4001, 'v'));
  });
});

eachDialect('a listing and a work page keep one entry per work', (env) => {
  it('keeps the blurb and the page facts side by side, and an edit replaces both', async () => {
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ title: 'Kept Twice' }));
    const row = () =>
      env()
        .ctx.db.selectFrom('works')
        .select(BLURB_VERSIONED_COLUMNS)
        .where('id', '=', workId)
        .executeTakeFirstOrThrow();
    const [blurb] = await loadBlurbs(env().ctx.db, [await row()]);
    const { work } = await readWork(env().ctx, null, workId);
    const kept = keptOf(env().ctx.db, workId, work.updated_at);
    assert.equal(kept?.decoration?.tags, blurb!.tags, 'the listing’s decoration');
    assert.ok(kept?.facts, 'and the page’s facts, under the same version');

    await editWork(
      env().ctx,
      writer,
      workId,
      workEditSchema.parse({
        ...seedWorkInput({ title: 'Kept Twice', additionalTags: ['New Tag'] }),
        series: null,
      }),
    );
    const [after] = await loadBlurbs(env().ctx.db, [await row()]);
    assert.ok(after!.tags.freeform.includes('New Tag'));
    const edited = await readWork(env().ctx, null, workId);
    assert.notEqual(edited.work.updated_at, work.updated_at);
    assert.equal(keptOf(env().ctx.db, workId, work.updated_at), undefined);
    assert.notEqual(keptOf(env().ctx.db, workId, edited.work.updated_at)?.facts, kept.facts);
  });
});
