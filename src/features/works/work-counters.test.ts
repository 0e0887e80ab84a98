import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { postComment } from '../comments/comments.service.ts';
import { leaveKudos } from '../kudos/kudos.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { addChapter, postWork } from './works.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

eachDialect('work counters under concurrent writes', (env) => {
  it('concurrent kudos and comments on one work: the counters match the rows', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, asViewer(writer), seedWorkInput({ series: null }));
    const readers = await Promise.all(Array.from({ length: 12 }, () => makeUser(ctx)));
    // On PostgreSQL these run on the pool's connections at once (READ COMMITTED).
    await Promise.all(
      readers.flatMap((r) => [
        leaveKudos(ctx, asViewer(r), workId, { ip: '127.0.0.1', userAgent: 'test' }),
        postComment(ctx, asViewer(r), { kind: 'work', id: workId }, { body: 'Lovely.' }),
      ]),
    );
    const work = await ctx.db
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    assert.equal(work.kudos_count, readers.length);
    assert.equal(work.comment_count, readers.length);
  });

  it('chapters posted at once: each counted, each at its own position, the versions in step', async () => {
    const { ctx } = env();
    const writer = asViewer(await makeUser(ctx));
    const { workId } = await postWork(ctx, writer, seedWorkInput({ series: null }));
    const before = await ctx.db
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    const added = 8;
    // On PostgreSQL these run at once on the pool's connections: without the work's row lock they
    // each counted the chapters they could see, and the work ended with too few (CI, crash test).
    await Promise.all(
      Array.from({ length: added }, (_, i) =>
        addChapter(ctx, writer, workId, {
          title: `Part ${i + 2}`,
          summary: '',
          notes: '',
          endNotes: '',
          body: `<p>Chapter ${i + 2}, three words.</p>`,
          format: 'html',
          draft: false,
          postedAt: undefined,
        }),
      ),
    );
    const work = await ctx.db
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    const chapters = await ctx.db.selectFrom('chapters').selectAll().where('work_id', '=', workId).execute();
    assert.equal(chapters.length, before.posted_chapters + added);
    assert.equal(work.posted_chapters, chapters.length);
    assert.equal(
      work.word_count,
      chapters.reduce((sum, c) => sum + c.word_count, 0),
    );
    assert.deepEqual(
      chapters.map((c) => c.position).sort((a, b) => a - b),
      chapters.map((_, i) => i + 1),
    );
    assert.equal(work.major_version, before.major_version + added);
  });

  it('works added to one series at once: each gets its own part number', async () => {
    const { ctx } = env();
    const writer = asViewer(await makeUser(ctx));
    const { workId } = await postWork(ctx, writer, seedWorkInput({ series: { title: 'Saga' } }));
    const { series_id: seriesId } = await ctx.db
      .selectFrom('serial_works')
      .select('series_id')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    // Without the series' row lock, PostgreSQL gave several of these the same next part, and all
    // but one failed on the unique (series, part) constraint.
    await Promise.all(
      Array.from({ length: 6 }, () => postWork(ctx, writer, seedWorkInput({ series: { id: seriesId } }))),
    );
    const parts = await ctx.db
      .selectFrom('serial_works')
      .select('part')
      .where('series_id', '=', seriesId)
      .orderBy('part')
      .execute();
    assert.deepEqual(
      parts.map((p) => p.part),
      [1, 2, 3, 4, 5, 6, 7],
    );
  });
});
