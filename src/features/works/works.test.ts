import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { listByDateUpdated } from './works.repository.ts';
import { readWork } from './works.read.ts';
import { workSchema } from './works.schema.ts';
import * as works from './works.service.ts';

const asViewer = (user: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: user.id,
  username: user.username,
  email: user.email,
  role: user.role,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const chapter = (body: string, extra: Record<string, unknown> = {}) => ({
  title: '',
  summary: '',
  notes: '',
  endNotes: '',
  body,
  format: 'html' as const,
  draft: false,
  postedAt: undefined,
  ...extra,
});

eachDialect('works', (env) => {
  it('posts the seed story as part 5 of a new series with its real metadata', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { workId } = await works.postWork(env().ctx, writer, seedWorkInput());
    const view = await readWork(env().ctx, null, workId);
    assert.equal(view.work.title, 'Symphony, Part V');
    assert.equal(view.work.word_count, 594, 'AO3 rules: “half-baked” is one word (the header claims 595)');
    assert.equal(view.work.published_at, '2006-01-21T12:00:00.000Z');
    assert.equal(view.work.revised_at, '2006-01-21T12:00:00.000Z');
    assert.equal(view.work.complete, 1);
    assert.equal(view.work.major_version, 1);
    assert.deepEqual(view.tags.rating, ['Teen And Up Audiences']);
    assert.deepEqual(view.tags.fandom, ['Smallville']);
    assert.deepEqual(view.tags.relationship, ['Lex Luthor/Lana Lang']);
    assert.deepEqual(view.tags.freeform, [
      'Future AU (takes into account series up to Lexmas)',
      'Soul-crushing angst',
    ]);
    assert.deepEqual(
      view.series.map((s) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.deepEqual(view.creators, [{ pseud: writer.username, username: writer.username }]);
    assert.equal(view.work.summary, '<p>Peace.</p>');
    assert.match(view.chapters[0]!.body, /^<p>Lex opens the door of the apartment over the Talon/);
    assert.match(view.chapters[0]!.body, /she understands\.<\/p>$/);
  });

  it('refuses bad input with a message for each field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ fandoms: [] }, 'fandoms', /at least one fandom/],
      [{ rating: 'PG-13' }, 'rating', /Please choose a rating/],
      [{ warnings: [] }, 'warnings', /at least one archive warning/],
      [{ warnings: ['Soul-crushing angst'] }, 'warnings', /from the list/],
      [{ title: ' ' }, 'title', /give the work a title/],
      [{ title: 'x'.repeat(256) }, 'title', /at most 255/],
      [{ additionalTags: ['x'.repeat(151)] }, 'additionalTags', /at most 150 characters each/],
      [{ additionalTags: Array.from({ length: 80 }, (_, i) => `tag ${i}`) }, 'additionalTags', /at most 75/],
      [{ summary: 'x'.repeat(1251) }, 'summary', /at most 1,250/],
      [{ chapter: { body: 'x'.repeat(510_001) } }, 'chapter', /at most 510,000/],
      [{ chapter: { body: '   ' } }, 'chapter', /write the chapter/],
      [{ expectedChapters: 0 }, 'expectedChapters', /at least 1/],
    ];
    for (const [override, field, message] of cases) {
      const base = {
        title: 'T',
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: ['F'],
        chapter: { body: 'Hi' },
      };
      const result = workSchema.safeParse({ ...base, ...override });
      assert.equal(result.success, false, JSON.stringify(override).slice(0, 60));
      const issue = result.error!.issues.find((i) => i.path[0] === field);
      assert.ok(issue, `an error on ${field}`);
      assert.match(issue.message, message);
    }
    const ok = workSchema.parse({
      title: 'T',
      rating: 'Explicit',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'A, B',
      expectedChapters: '?',
      chapter: { body: 'x' },
    });
    assert.deepEqual(ok.fandoms, ['A', 'B'], 'forms send comma lists');
    assert.equal(ok.expectedChapters, null, '“?” is unknown');

    const writer = asViewer(await makeUser(env().ctx));
    await works.postWork(env().ctx, writer, seedWorkInput({ series: { title: 'Taken Parts', part: 1 } }));
    const { series } = await env()
      .ctx.db.selectFrom('series')
      .select('id as series')
      .where('title', '=', 'Taken Parts')
      .executeTakeFirstOrThrow();
    const clash = await works
      .postWork(env().ctx, writer, seedWorkInput({ series: { id: series, part: 1 } }))
      .catch((e) => e);
    assert.match(clash.fields?.series ?? '', /Part 1 of this series is already taken/);
    const stranger = asViewer(await makeUser(env().ctx));
    const foreign = await works
      .postWork(env().ctx, stranger, seedWorkInput({ series: { id: series } }))
      .catch((e) => e);
    assert.match(foreign.fields?.series ?? '', /your own series/);
  });

  it('moves works in Date Updated only when the bump rule says so', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const post = async (title: string) =>
      (
        await works.postWork(
          env().ctx,
          writer,
          seedWorkInput({ title, series: null, postedAt: undefined, expectedChapters: null }),
        )
      ).workId;
    const order = async () =>
      (await listByDateUpdated(env().ctx.db, writer, 50))
        .filter((w) => w.title.startsWith('Bump '))
        .map((w) => w.title);
    const a = await post('Bump A');
    await tick();
    const b = await post('Bump B');
    assert.deepEqual(await order(), ['Bump B', 'Bump A']);
    await tick();
    const newChapter = await works.addChapter(env().ctx, writer, a, chapter('<p>Chapter two.</p>'));
    assert.deepEqual(await order(), ['Bump A', 'Bump B'], 'a new chapter bumps');
    await tick();
    await works.editWork(env().ctx, writer, b, {
      ...seedWorkInput({ title: 'Bump B' }),
      additionalTags: ['Retagged'],
    });
    assert.deepEqual(await order(), ['Bump A', 'Bump B'], 'editing and re-tagging do not bump');
    await tick();
    const draft = await works.addChapter(env().ctx, writer, b, chapter('<p>Not yet.</p>', { draft: true }));
    assert.deepEqual(await order(), ['Bump A', 'Bump B'], 'a draft chapter does not bump');
    await tick();
    await works.editChapter(env().ctx, writer, b, draft, chapter('<p>Now posted.</p>'));
    assert.deepEqual(await order(), ['Bump B', 'Bump A'], 'posting the draft chapter bumps');
    await works.deleteChapter(env().ctx, writer, b, draft);
    assert.deepEqual(await order(), ['Bump A', 'Bump B'], 'deleting it recomputes Date Updated');
    await works.editChapter(
      env().ctx,
      writer,
      a,
      newChapter,
      chapter('<p>Chapter two.</p>', { postedAt: '2001-01-01' }),
    );
    assert.deepEqual(
      await order(),
      ['Bump B', 'Bump A'],
      'backdating the latest chapter recomputes Date Updated',
    );
    const aView = await readWork(env().ctx, writer, a);
    assert.equal(aView.work.major_version, 2);
    assert.equal(aView.work.minor_version, 1);
    assert.equal(aView.work.word_count, 594 + 2);
  });

  it('shows drafts, restricted and hidden works only to those who may see them', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const reader = asViewer(await makeUser(env().ctx));
    const moderator = asViewer(await makeUser(env().ctx, { role: 'moderator' }));
    const draft = (
      await works.postWork(
        env().ctx,
        writer,
        seedWorkInput({ title: 'Vis draft', series: null, draft: true }),
      )
    ).workId;
    const restricted = (
      await works.postWork(
        env().ctx,
        writer,
        seedWorkInput({ title: 'Vis restricted', series: null, restricted: true }),
      )
    ).workId;
    const hidden = (
      await works.postWork(env().ctx, writer, seedWorkInput({ title: 'Vis hidden', series: null }))
    ).workId;
    await env()
      .ctx.db.updateTable('works')
      .set({ hidden_at: new Date().toISOString() })
      .where('id', '=', hidden)
      .execute();

    const sees = async (viewer: Viewer | null, id: number) =>
      readWork(env().ctx, viewer, id).then(
        () => true,
        () => false,
      );
    const listed = async (viewer: Viewer | null) =>
      (await listByDateUpdated(env().ctx.db, viewer, 100))
        .filter((w) => w.title.startsWith('Vis '))
        .map((w) => w.title)
        .sort();
    const table: [string, Viewer | null, boolean, boolean, boolean][] = [
      ['guest', null, false, false, false],
      ['reader', reader, false, true, false],
      ['moderator', moderator, false, true, true],
      ['writer', writer, true, true, true],
    ];
    for (const [who, viewer, seesDraft, seesRestricted, seesHidden] of table) {
      assert.equal(await sees(viewer, draft), seesDraft, `${who} / draft`);
      assert.equal(await sees(viewer, restricted), seesRestricted, `${who} / restricted`);
      assert.equal(await sees(viewer, hidden), seesHidden, `${who} / hidden`);
      const expected = [seesHidden && 'Vis hidden', seesRestricted && 'Vis restricted'].filter(Boolean);
      assert.deepEqual(
        await listed(viewer),
        expected,
        `${who} / Date Updated listing (drafts are never listed)`,
      );
    }
    await works.publishDraft(env().ctx, writer, draft);
    assert.equal(await sees(null, draft), true, 'a posted draft is public');
  });

  it('lets only accepted creators change a work; invited co-creators wait', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const friend = asViewer(await makeUser(env().ctx));
    const stranger = asViewer(await makeUser(env().ctx));
    const { workId, chapterId } = await works.postWork(
      env().ctx,
      writer,
      seedWorkInput({ series: null, coCreators: [friend.username] }),
    );
    const view = await readWork(env().ctx, null, workId);
    assert.deepEqual(
      view.creators.map((c) => c.username),
      [writer.username],
      'not shown before accepting',
    );
    for (const who of [friend, stranger]) {
      const error = await works
        .addChapter(env().ctx, who, workId, chapter('<p>Mine now.</p>'))
        .catch((e) => e);
      assert.equal(error.status, 403);
    }
    const missing = await works
      .postWork(env().ctx, writer, seedWorkInput({ series: null, coCreators: ['nobody_like_this'] }))
      .catch((e) => e);
    assert.match(missing.fields?.coCreators ?? '', /no account named “nobody_like_this”/);
    const notMine = await works
      .postWork(env().ctx, stranger, seedWorkInput({ series: null, pseudIds: [view.work.id + 100000] }))
      .catch((e) => e);
    assert.match(notMine.fields?.pseudIds ?? '', /your own pseuds/);
    const last = await works.deleteChapter(env().ctx, writer, workId, chapterId).catch((e) => e);
    assert.equal(last.code, 'last_chapter');
  });

  it('sanitizes bodies and notes, and reorders chapters without a bump', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { workId, chapterId } = await works.postWork(
      env().ctx,
      writer,
      seedWorkInput({
        series: null,
        notes: '<p onclick="steal()">Thanks <a href="javascript:alert(1)">beta</a></p>',
        chapter: { body: '<p>One</p><script>alert(1)</script><img src=x onerror=alert(1)>', format: 'html' },
      }),
    );
    const second = await works.addChapter(env().ctx, writer, workId, chapter('<p>Two</p>'));
    const before = (await readWork(env().ctx, writer, workId)).work.revised_at;
    await works.reorderChapters(env().ctx, writer, workId, [second, chapterId]);
    const view = await readWork(env().ctx, writer, workId);
    assert.deepEqual(
      view.chapters.map((c) => c.id),
      [second, chapterId],
    );
    assert.equal(view.work.revised_at, before);
    assert.equal(view.work.notes, '<p>Thanks <a rel="nofollow ugc noopener">beta</a></p>');
    assert.equal(view.chapters[1]!.body, '<p>One</p><img src="x" />');
    const bad = await works.reorderChapters(env().ctx, writer, workId, [second]).catch((e) => e);
    assert.match(bad.fields?.order ?? '', /exactly once/);
  });
});

eachDialect('works when their creator leaves', (env) => {
  it('orphans works to orphan_account, or deletes those created alone', async () => {
    const { deleteAccount } = await import('../accounts/accounts.service.ts');
    const { FACTORY_PASSWORD } = await import('../../../test/factories.ts');
    const leaving = await makeUser(env().ctx);
    const staying = await makeUser(env().ctx);
    const orphaned = (
      await works.postWork(env().ctx, asViewer(leaving), seedWorkInput({ title: 'Kept', series: null }))
    ).workId;
    await deleteAccount(env().ctx, leaving.id, { current_password: FACTORY_PASSWORD, works: 'orphan' });
    const view = await readWork(env().ctx, null, orphaned);
    assert.deepEqual(view.creators, [{ pseud: 'orphan_account', username: 'orphan_account' }]);

    const deleting = await makeUser(env().ctx);
    const solo = (
      await works.postWork(env().ctx, asViewer(deleting), seedWorkInput({ title: 'Gone', series: null }))
    ).workId;
    const shared = (
      await works.postWork(env().ctx, asViewer(staying), seedWorkInput({ title: 'Shared', series: null }))
    ).workId;
    const { pseud_id } = await env()
      .ctx.db.selectFrom('pseuds')
      .select('id as pseud_id')
      .where('user_id', '=', deleting.id)
      .executeTakeFirstOrThrow();
    await env()
      .ctx.db.insertInto('work_creators')
      .values({
        work_id: shared,
        pseud_id,
        user_id: deleting.id,
        position: 1,
        accepted: 1,
        created_at: new Date().toISOString(),
      })
      .execute();
    await deleteAccount(env().ctx, deleting.id, { current_password: FACTORY_PASSWORD, works: 'delete' });
    assert.equal(
      await readWork(env().ctx, null, solo).then(
        () => true,
        () => false,
      ),
      false,
    );
    assert.deepEqual(
      (await readWork(env().ctx, null, shared)).creators.map((c) => c.username),
      [staying.username],
    );
  });
});
