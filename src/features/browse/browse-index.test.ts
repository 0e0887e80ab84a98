import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { postWork } from '../works/works.service.ts';
import { BrowseIndex } from './browse-index.ts';

eachDialect('the filter engine kept in step with the database', (env) => {
  it('pages through a bulk change that stamps many works with one instant, missing none', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const ids: number[] = [];
    for (const title of ['a', 'b', 'c', 'd', 'e'])
      ids.push((await postWork(ctx, writer, seedWorkInput({ title, series: null }))).workId);
    const index = new BrowseIndex(ctx.db, 2);
    await index.ready();
    const byTitle = async () => (await index.query({ sort: 'title', direction: 'asc', perPage: 100 })).ids;
    assert.deepEqual(
      (await byTitle()).filter((id) => ids.includes(id)),
      ids,
    );
    // One instant for all of them (a wrangling re-index does this), titles reversed.
    const instant = new Date(Date.now() + 60_000).toISOString();
    for (const [i, id] of ids.entries())
      await ctx.db
        .updateTable('works')
        .set({ title: `z${5 - i}`, updated_at: instant })
        .where('id', '=', id)
        .execute();
    await index.sync(true);
    assert.deepEqual(
      (await byTitle()).filter((id) => ids.includes(id)),
      [...ids].reverse(),
    );
    const later = new Date(Date.now() + 120_000).toISOString();
    await ctx.db
      .updateTable('works')
      .set({ hidden_at: later, updated_at: later })
      .where('id', '=', ids[0]!)
      .execute();
    await index.sync(true);
    assert.equal(index.size, (await byTitle()).length);
    assert.ok(!(await byTitle()).includes(ids[0]!), 'a work hidden later is dropped');
  });
});
