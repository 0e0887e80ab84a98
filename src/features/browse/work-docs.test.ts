import assert from 'node:assert/strict';
import { it } from 'node:test';
import { postTitledWorks } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { readWorkDocs } from './work-docs.ts';

eachDialect('reading works for the filter engine', (env) => {
  async function fiveWorks() {
    const { ctx } = env();
    const ids = await postTitledWorks(ctx, ['one', 'two', 'three', 'four', 'five']);
    // The second is taken back to a draft and the fourth hidden by a moderator: never listable.
    await ctx.db.updateTable('works').set({ posted: 0 }).where('id', '=', ids[1]!).execute();
    await ctx.db
      .updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', ids[3]!)
      .execute();
    return { ctx, ids, listable: [ids[0]!, ids[2]!, ids[4]!] };
  }

  it('reads every listable work once, in id order, across chunks with unlisted works between', async () => {
    const { ctx, ids, listable } = await fiveWorks();
    const read: number[] = [];
    for await (const doc of readWorkDocs(ctx.db, undefined, 2)) if (ids.includes(doc.id)) read.push(doc.id);
    assert.deepEqual(read, listable);
    const titles: string[] = [];
    for await (const doc of readWorkDocs(ctx.db, [ids[4]!, ids[1]!, ids[0]!, ids[3]!], 1))
      titles.push(doc.title);
    assert.deepEqual(titles, ['one', 'five'], 'a refresh reads the listable ones among its ids');
  });

  it('gives the process a turn between chunks (SQLite answers synchronously)', async () => {
    const { ctx, ids } = await fiveWorks();
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    const seen: boolean[] = [];
    for await (const doc of readWorkDocs(ctx.db, undefined, 1)) if (ids.includes(doc.id)) seen.push(turned);
    assert.equal(seen.at(-1), true, 'a callback queued before the read ran before it ended');
  });
});
