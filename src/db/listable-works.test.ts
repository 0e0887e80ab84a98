import assert from 'node:assert/strict';
import { it } from 'node:test';
import { postTitledWorks } from '../../test/factories.ts';
import { eachDialect } from '../../test/harness.ts';
import { listableWorks } from '../features/visibility/visibility.ts';
import { countListableWorks, listableAmong, listableIdsAfter, listableWorkIds } from './listable-works.ts';

eachDialect('listable works through their partial index', (env) => {
  it('agree with the visibility rule (listableWorks) for drafts, hidden, restricted and posted works', async () => {
    const { ctx } = env();
    const ids = await postTitledWorks(ctx, ['posted', 'draft', 'hidden', 'registered only', 'hidden draft']);
    const set = (id: number, values: Record<string, unknown>) =>
      ctx.db.updateTable('works').set(values).where('id', '=', id).execute();
    const now = new Date().toISOString();
    await set(ids[1]!, { posted: 0 });
    await set(ids[2]!, { hidden_at: now });
    await set(ids[3]!, { restricted: 1 });
    await set(ids[4]!, { posted: 0, hidden_at: now });
    const byRule = (
      await ctx.db.selectFrom('works').select('id').where(listableWorks).orderBy('id').execute()
    ).map((w) => w.id);
    assert.deepEqual(await listableAmong(ctx.db, ids), [ids[0]!, ids[3]!]);
    assert.deepEqual([...(await listableWorkIds(ctx.db))], byRule);
    assert.deepEqual([...(await listableWorkIds(ctx.db, 1))], byRule, 'read one id a page');
    assert.equal(await countListableWorks(ctx.db), byRule.length);
    assert.deepEqual(
      await listableIdsAfter(ctx.db, ids[0]!, 100),
      byRule.filter((id) => id > ids[0]!),
    );
  });
});
