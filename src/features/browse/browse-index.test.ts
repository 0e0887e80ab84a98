import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser, postTitledWorks } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { postWork } from '../works/works.service.ts';
import { listableWorkIds } from '../../db/listable-works.ts';
import { BrowseIndex } from './browse-index.ts';

eachDialect('the filter engine kept in step with the database', (env) => {
  it('pages through a bulk change that stamps many works with one instant, missing none', async () => {
    const { ctx } = env();
    const ids = await postTitledWorks(ctx, ['a', 'b', 'c', 'd', 'e']);
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

  it('lists a change committed late: stamped before a change it already read', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId: late } = await postWork(ctx, writer, seedWorkInput({ title: 'late', series: null }));
    const index = new BrowseIndex(ctx.db);
    await index.ready();
    const long = async () => (await index.query({ wordsFrom: 900_000, perPage: 100 })).ids;
    assert.deepEqual(await long(), []);
    // A newer change is read (the cursor passes it)…
    await postWork(ctx, writer, seedWorkInput({ title: 'newer', series: null }));
    await index.sync(true);
    // The newest stamp read (an earlier test stamped works in the future): the cursor is there.
    const top = await ctx.db
      .selectFrom('works')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .executeTakeFirstOrThrow();
    const cursor = String(top.at);
    // …then a transaction that stamped its change earlier commits.
    await ctx.db
      .updateTable('works')
      .set({ word_count: 987_654, updated_at: new Date(Date.parse(cursor) - 5_000).toISOString() })
      .where('id', '=', late)
      .execute();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.deepEqual(await long(), [late], 'found by the look back');
  });

  it('drops works deleted behind its back (the audit, reading the listable ids in pages)', async () => {
    const { ctx } = env();
    const ids = await postTitledWorks(ctx, ['kept', 'deleted', 'kept too', 'also deleted', 'kept three']);
    const index = new BrowseIndex(ctx.db, 1); // pages of 10 listable ids
    await index.ready();
    const mine = async () => (await index.query({ perPage: 100 })).ids.filter((id) => ids.includes(id));
    assert.equal((await mine()).length, 5);
    // Another process deletes two works: no row is left for the index to notice.
    await ctx.db.deleteFrom('works').where('id', 'in', [ids[1]!, ids[3]!]).execute();
    await (index as unknown as { audit(): Promise<void> }).audit();
    assert.deepEqual((await mine()).sort(), [ids[0]!, ids[2]!, ids[4]!].sort());
    const paged = [...(await listableWorkIds(ctx.db, 2))];
    assert.deepEqual(paged, [...(await listableWorkIds(ctx.db))], 'pages of 2 read the same list');
    assert.deepEqual(
      paged,
      [...paged].sort((a, b) => a - b),
    );
    assert.ok(paged.includes(ids[4]!) && !paged.includes(ids[3]!));
  });
});
