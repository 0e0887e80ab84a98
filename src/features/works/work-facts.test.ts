import assert from 'node:assert/strict';
import { it } from 'node:test';
import { signedInClient, textOf } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { findDefaultPseud } from '../pseuds/pseuds.repository.ts';
import { updatePseud } from '../pseuds/pseuds.service.ts';
import { seriesOfWork } from './series.repository.ts';
import { editSeries } from './series.service.ts';
import { readWork } from './works.read.ts';
import { chapterSchema, workEditSchema } from './works.schema.ts';
import { addChapter, editChapter, editWork, postWork } from './works.service.ts';

// A work's creators, tags, series, gifts and chapters are kept between page views under the work's
// version (works/work-facts.ts): every change must show on the next page, for every viewer.
eachDialect('work facts kept between pages', (env) => {
  it('reuses what an unchanged work showed, and never lets a page change it', async () => {
    const writer = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ title: 'Kept Facts' }));
    const first = await readWork(env().ctx, null, workId);
    const second = await readWork(env().ctx, null, workId);
    assert.equal(second.chapters, first.chapters, 'the same chapters, not read again');
    assert.equal(second.series, first.series);
    assert.throws(() => (first.chapters as unknown[]).push({}), TypeError);
    assert.throws(() => {
      (first.chapters[0] as { title: string }).title = 'changed';
    }, TypeError);

    // A count moves the row, not the version: the kept facts stay, the row is new.
    await env().ctx.db.updateTable('works').set({ kudos_count: 41 }).where('id', '=', workId).execute();
    const counted = await readWork(env().ctx, null, workId);
    assert.equal(counted.work.kudos_count, 41);
    assert.equal(counted.chapters, first.chapters);
  });

  it('shows new tags, gifts, pseud names, series titles and chapters on the next page', async () => {
    const writer = await makeUser(env().ctx);
    const reader = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ title: 'Moving Facts' }));
    const client = await signedInClient(env().app, reader);
    const page = async (path = `/works/${workId}`) => textOf((await client.get(path)).body);
    assert.match(await page(), /Soul-crushing angst/);

    await editWork(
      env().ctx,
      writer,
      workId,
      workEditSchema.parse({
        ...seedWorkInput({ title: 'Moving Facts', additionalTags: ['Found Family'], gifts: ['Marisol'] }),
        series: null,
      }),
    );
    let text = await page();
    assert.match(text, /Found Family/);
    assert.doesNotMatch(text, /Soul-crushing angst/);
    assert.match(text, /Marisol/);

    const pseud = (await findDefaultPseud(env().ctx.db, writer.id))!;
    await updatePseud(env().ctx, writer.id, pseud.id, { name: 'Quill Renamed', description: '' });
    assert.match(await page(), /Quill Renamed/);

    const [series] = await seriesOfWork(env().ctx.db, workId);
    assert.match(await page(), /Part 5 of Symphony/);
    await editSeries(env().ctx, writer, series!.id, {
      title: 'Cycle Renamed',
      summary: '',
      notes: '',
      complete: false,
    });
    assert.match(await page(), /Part 5 of Cycle Renamed/);

    const chapter = { body: 'The lamps went out one by one.', format: 'text' as const };
    const draftId = await addChapter(
      env().ctx,
      writer,
      workId,
      chapterSchema.parse({ ...chapter, draft: true }),
    );
    assert.doesNotMatch(await page(`/works/${workId}?view_full_work=true`), /lamps went out/, 'a draft');
    const author = await signedInClient(env().app, writer);
    assert.match(textOf((await author.get(`/works/${workId}?view_full_work=true`)).body), /lamps went out/);

    await editChapter(
      env().ctx,
      writer,
      workId,
      draftId,
      chapterSchema.parse({ ...chapter, title: 'Dusk', draft: true }),
    );
    assert.doesNotMatch(
      await page(`/works/${workId}?view_full_work=true`),
      /lamps went out/,
      'still a draft',
    );
    await editChapter(
      env().ctx,
      writer,
      workId,
      draftId,
      chapterSchema.parse({ body: 'The lamps came back.', format: 'text', title: 'Dawn' }),
    );
    text = await page(`/works/${workId}?view_full_work=true`);
    assert.match(text, /lamps came back/);
    assert.match(text, /Dawn/);
  });
});
