import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../../test/factories.ts';
import { eachDialect } from '../../../../test/harness.ts';
import { seedWorkInput } from '../../../../test/seed.ts';
import { workEditSchema } from '../../works/works.schema.ts';
import { deleteWork, editWork, postWork } from '../../works/works.service.ts';
import { parseSearchQuery } from './query-syntax.ts';
import { searchProvider } from './search-provider.ts';

eachDialect('search follows the works through the job queue', (env) => {
  const find = async (text: string) =>
    (await searchProvider(env().ctx.dialect).search(env().ctx.db, parseSearchQuery(text))).ids;

  it('indexes a posted work, re-indexes an edit, forgets a draft and a deleted work', async () => {
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ title: 'Quintessence' }));
    const { workId: draftId } = await postWork(
      env().ctx,
      writer,
      seedWorkInput({ title: 'Quintessential Draft', draft: true }),
    );
    await env().worker.drain();
    assert.deepEqual(await find('quintessence'), [workId]);
    assert.deepEqual(await find('"Quintessential Draft"'), [], 'drafts are never indexed');

    const edit = workEditSchema.parse({ ...seedWorkInput(), title: 'Sextessence', series: null });
    await editWork(env().ctx, writer, workId, edit);
    await env().worker.drain();
    assert.deepEqual(await find('quintessence'), []);
    assert.deepEqual(await find('sextessence'), [workId]);

    await deleteWork(env().ctx, writer, workId);
    await env().worker.drain();
    assert.deepEqual(await find('sextessence'), []);
    assert.ok(draftId > 0);
  });
});
