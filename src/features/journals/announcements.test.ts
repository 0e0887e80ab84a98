import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { chapterSchema } from '../works/works.schema.ts';
import { addChapter, postWork } from '../works/works.service.ts';
import { findJournalByName } from './journals.repository.ts';
import { recentEntries } from './journals.read.ts';

eachDialect('announcing works and chapters in journals', (env) => {
  const entriesOf = async (username: string, viewer: Parameters<typeof recentEntries>[1]) =>
    (await recentEntries(env().ctx, viewer, (await findJournalByName(env().ctx.db, username))!, 1)).entries;

  it('posts an announcement with a link, the header block and the opening, through the job queue', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(
      ctx,
      writer,
      seedWorkInput({ announceJournal: true, announceExcerpt: true, series: null }),
    );
    assert.deepEqual(await entriesOf(writer.username, writer), [], 'nothing until the job runs');
    await env().worker.drain();
    const [entry] = await entriesOf(writer.username, null);
    assert.ok(entry, 'a public announcement');
    assert.equal(entry.subject, 'Symphony, Part V');
    assert.equal(entry.security, 'public');
    assert.equal(entry.work_id, workId);
    assert.deepEqual(entry.tags, ['Smallville']);
    assert.match(entry.body, new RegExp(`href="http[^"]*/works/${workId}"`));
    assert.match(entry.body, /<strong>Fandom:<\/strong> Smallville/);
    assert.match(entry.body, /<strong>Relationships:<\/strong> Lex Luthor\/Lana Lang/);
    assert.match(entry.body, /Read on/);
    const page = textOf((await new TestClient(env().app).get(`/works/${workId}`)).body);
    assert.match(page, new RegExp(`Announced in ${writer.username}`));
  });

  it('announces a new chapter, and a registered-only work to the access list only', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const stranger = await makeUser(ctx);
    const { workId } = await postWork(ctx, writer, seedWorkInput({ restricted: true, series: null }));
    await addChapter(
      ctx,
      writer,
      workId,
      chapterSchema.parse({ title: 'Coda', body: 'The last words.', announceJournal: '1' }),
    );
    await env().worker.drain();
    const [entry] = await entriesOf(writer.username, writer);
    assert.equal(entry?.subject, 'Symphony, Part V, chapter 2: Coda');
    assert.equal(entry?.security, 'access');
    assert.deepEqual(await entriesOf(writer.username, stranger), []);
    assert.deepEqual(await entriesOf(writer.username, null), []);
  });

  it('announces nothing for a draft, and refuses a community it cannot post to, writing nothing', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    await postWork(ctx, writer, seedWorkInput({ draft: true, announceJournal: true, series: null }));
    await assert.rejects(
      postWork(
        ctx,
        writer,
        seedWorkInput({ title: 'Nowhere', announceCommunities: ['no_such_comm'], series: null }),
      ),
      /cannot post to a community called “no_such_comm”/,
    );
    await env().worker.drain();
    assert.deepEqual(await entriesOf(writer.username, writer), []);
    const works = await ctx.db.selectFrom('works').select('title').where('title', '=', 'Nowhere').execute();
    assert.deepEqual(works, [], 'the refused work was not posted');
  });
});
