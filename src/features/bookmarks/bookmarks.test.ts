import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { nowIso } from '../../lib/clock.ts';
import type { QuireError } from '../../lib/errors.ts';
import { ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from '../works/works.service.ts';
import { workBookmarks } from './bookmark-listing.ts';
import { bookmarkSchema } from './bookmarks.schema.ts';
import { editBookmark, removeBookmark, saveBookmark, viewerBookmark } from './bookmarks.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});
const input = (fields: Record<string, unknown> = {}) => validate(bookmarkSchema, fields);
const notFound = (error: QuireError) => error.code === 'not_found' && error.status === 404;

eachDialect('bookmarks', (env) => {
  const db = () => env().ctx.db;
  const count = async (workId: number) =>
    (
      await db()
        .selectFrom('works')
        .select('bookmark_count')
        .where('id', '=', workId)
        .executeTakeFirstOrThrow()
    ).bookmark_count;
  const bookmarksOf = async (userId: number) =>
    db().selectFrom('bookmarks').selectAll().where('user_id', '=', userId).execute();
  const setup = async (overrides: Record<string, unknown> = {}) => {
    const writer = asViewer(await makeUser(env().ctx));
    const reader = asViewer(await makeUser(env().ctx));
    const { workId } = await postWork(env().ctx, writer, seedWorkInput(overrides));
    return { writer, reader, workId };
  };

  it('bookmarks a work once per account: bookmarking again edits it; counts public bookmarks only', async () => {
    const { reader, workId } = await setup();
    const first = await saveBookmark(
      env().ctx,
      reader,
      { type: 'work', id: workId },
      input({ notes: 'Loved it.\n\nTruly.', tags: ' comfort read , Reread,comfort read, ', rec: '1' }),
    );
    assert.equal(first.created, true);
    assert.equal(await count(workId), 1);
    let mine = await viewerBookmark(env().ctx, reader, { type: 'work', id: workId });
    assert.deepEqual(mine?.tags, ['comfort read', 'Reread'], 'trimmed, one per name ignoring case, in order');
    assert.equal(mine?.notes, '<p>Loved it.</p>\n<p>Truly.</p>');
    assert.equal(mine?.rec, 1);
    const again = await saveBookmark(
      env().ctx,
      reader,
      { type: 'work', id: workId },
      input({ notes: '<p>Now <script>alert(1)</script><b>private</b></p>', tags: 'later', private: 'on' }),
    );
    assert.deepEqual(again, { id: first.id, created: false });
    assert.equal((await bookmarksOf(reader.id)).length, 1);
    mine = await viewerBookmark(env().ctx, reader, { type: 'work', id: workId });
    assert.equal(mine?.notes, '<p>Now <b>private</b></p>', 'sanitized');
    assert.deepEqual(mine?.tags, ['later']);
    assert.equal(mine?.private, 1);
    assert.equal(mine?.rec, 0);
    assert.equal(await count(workId), 0, 'a private bookmark is not counted');
    await editBookmark(env().ctx, reader, first.id, input({ tags: ['later', 'again'] }));
    assert.equal(await count(workId), 1);
    const other = asViewer(await makeUser(env().ctx));
    await assert.rejects(editBookmark(env().ctx, other, first.id, input()), notFound);
    await assert.rejects(removeBookmark(env().ctx, other, first.id), notFound);
    await removeBookmark(env().ctx, reader, first.id);
    assert.equal(await count(workId), 0);
    assert.deepEqual(await bookmarksOf(reader.id), []);
  });

  it('refuses oversized notes, too many or too long tags', () => {
    const problems = [
      [{ notes: 'x'.repeat(5001) }, 'notes', 'Notes can be at most 5,000 characters.'],
      [{ tags: Array.from({ length: 76 }, (_, i) => `t${i}`).join(',') }, 'tags', 'At most 75 tags.'],
      [{ tags: ['y'.repeat(151)] }, 'tags', 'Each tag can be at most 150 characters.'],
    ] as const;
    for (const [fields, field, message] of problems) {
      assert.throws(
        () => input(fields),
        (e: ValidationError) => e instanceof ValidationError && e.fields[field] === message,
      );
    }
    assert.equal(
      input({
        notes: 'x'.repeat(5000),
        tags: Array(75)
          .fill('a')
          .map((a, i) => a + i),
      }).tags.length,
      75,
    );
  });

  it('refuses to bookmark what the bookmarker cannot see, and drafts; nothing saved', async () => {
    const { writer, reader } = await setup();
    const draft = await postWork(env().ctx, writer, seedWorkInput({ draft: true }));
    const hidden = await postWork(env().ctx, writer, seedWorkInput());
    await db().updateTable('works').set({ hidden_at: nowIso() }).where('id', '=', hidden.workId).execute();
    await assert.rejects(
      saveBookmark(env().ctx, reader, { type: 'work', id: draft.workId }, input()),
      notFound,
    );
    await assert.rejects(
      saveBookmark(env().ctx, reader, { type: 'work', id: hidden.workId }, input()),
      notFound,
    );
    await assert.rejects(saveBookmark(env().ctx, reader, { type: 'work', id: 999_999 }, input()), notFound);
    await assert.rejects(
      saveBookmark(env().ctx, writer, { type: 'work', id: draft.workId }, input()),
      (e: QuireError) => e.code === 'draft' && e.status === 409,
    );
    assert.deepEqual(await bookmarksOf(reader.id), []);
    assert.deepEqual(await bookmarksOf(writer.id), []);
    const restricted = await postWork(env().ctx, writer, seedWorkInput({ restricted: true }));
    await saveBookmark(env().ctx, reader, { type: 'work', id: restricted.workId }, input());
    assert.equal((await bookmarksOf(reader.id)).length, 1, 'registered users see registered-only works');
  });

  it('bookmarks a series only while the bookmarker can see one of its works', async () => {
    const { writer, reader, workId } = await setup({ series: { title: 'Bookmarkable series', part: 1 } });
    const { series_id: seriesId } = await db()
      .selectFrom('serial_works')
      .select('series_id')
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    const saved = await saveBookmark(
      env().ctx,
      reader,
      { type: 'series', id: seriesId },
      input({ tags: 'saga' }),
    );
    assert.equal(saved.created, true);
    assert.equal(await count(workId), 0, 'a series bookmark is not the work’s');
    await db().updateTable('works').set({ hidden_at: nowIso() }).where('id', '=', workId).execute();
    const other = asViewer(await makeUser(env().ctx));
    await assert.rejects(saveBookmark(env().ctx, other, { type: 'series', id: seriesId }, input()), notFound);
    assert.deepEqual(await bookmarksOf(other.id), []);
    assert.ok(writer);
  });

  it('lists a work’s public bookmarks, leaving out private ones and people the viewer muted', async () => {
    const { writer, workId } = await setup();
    const [a, b, c] = [
      asViewer(await makeUser(env().ctx)),
      asViewer(await makeUser(env().ctx)),
      asViewer(await makeUser(env().ctx)),
    ];
    await saveBookmark(env().ctx, a, { type: 'work', id: workId }, input({ tags: 'one' }));
    await saveBookmark(env().ctx, b, { type: 'work', id: workId }, input({ private: true }));
    await saveBookmark(env().ctx, c, { type: 'work', id: workId }, input({ notes: 'hi' }));
    assert.equal(await count(workId), 2);
    const all = await workBookmarks(env().ctx, null, workId, 1);
    assert.equal(all.total, 2);
    assert.deepEqual(all.bookmarks.map((x) => x.username).sort(), [a.username, c.username].sort());
    await addRelation(db(), 'mute', writer.id, c.id, nowIso());
    const muted = await workBookmarks(env().ctx, writer, workId, 1);
    assert.equal(muted.total, 1);
    assert.deepEqual(
      muted.bookmarks.map((x) => [x.username, x.tags]),
      [[a.username, ['one']]],
    );
  });

  it('takes a deleted account’s bookmarks with it and recounts the works', async () => {
    const { workId } = await setup();
    const leaving = await makeUser(env().ctx);
    const stays = asViewer(await makeUser(env().ctx));
    await saveBookmark(env().ctx, asViewer(leaving), { type: 'work', id: workId }, input({ tags: 'x' }));
    await saveBookmark(env().ctx, stays, { type: 'work', id: workId }, input());
    assert.equal(await count(workId), 2);
    await deleteAccount(env().ctx, leaving.id, { current_password: leaving.password, works: 'delete' });
    assert.equal(await count(workId), 1);
    assert.deepEqual(await bookmarksOf(leaving.id), []);
    assert.equal(
      (await db().selectFrom('bookmark_tags').select('name').where('name', '=', 'x').execute()).length,
      0,
    );
  });
});
