import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { nowIso } from '../../lib/clock.ts';
import { validate } from '../../lib/validation.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from '../works/works.service.ts';
import { userBookmarks } from './bookmark-listing.ts';
import { bookmarkQuerySchema, bookmarkSchema } from './bookmarks.schema.ts';
import { saveBookmark } from './bookmarks.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});
const query = (params: Record<string, string> = {}) => validate(bookmarkQuerySchema, params);

eachDialect('a user’s bookmarks page (the listing within their bookmarks)', (env) => {
  let owner: Viewer;
  let other: Viewer;
  const ids: Record<string, number> = {};
  const titles = (works: { title: string }[]) => works.map((w) => w.title).sort();

  before(async () => {
    const { ctx } = env();
    const writer = asViewer(await makeUser(ctx));
    owner = asViewer(await makeUser(ctx));
    other = asViewer(await makeUser(ctx));
    const post = async (title: string, overrides: Record<string, unknown> = {}) => {
      ids[title] = (
        await postWork(ctx, writer, seedWorkInput({ title, series: undefined, ...overrides }))
      ).workId;
    };
    await post('Public rec', { fandoms: ['Smallville'] });
    await post('Private one', { fandoms: ['Supernatural'], additionalTags: ['Angst'] });
    await post('Registered only', { fandoms: ['Supernatural'], restricted: true });
    await post('Hidden later', { fandoms: ['Smallville'] });
    await post('Not bookmarked', { fandoms: ['Smallville'] });
    await post('In a series', { fandoms: ['Smallville'], series: { title: 'Saga', part: 1 } });
    const bookmark = (title: string, fields: Record<string, unknown>) =>
      saveBookmark(ctx, owner, { type: 'work', id: ids[title]! }, validate(bookmarkSchema, fields));
    await bookmark('Public rec', { tags: 'comfort, reread', rec: true, notes: 'The best.' });
    await bookmark('Private one', { tags: 'Comfort', private: true });
    await bookmark('Registered only', { tags: 'reread' });
    await bookmark('Hidden later', { tags: 'comfort' });
    const series = await ctx.db
      .selectFrom('serial_works')
      .select('series_id')
      .where('work_id', '=', ids['In a series']!)
      .executeTakeFirstOrThrow();
    await saveBookmark(
      ctx,
      owner,
      { type: 'series', id: series.series_id },
      validate(bookmarkSchema, { tags: 'saga', rec: true }),
    );
    await ctx.db
      .updateTable('works')
      .set({ hidden_at: nowIso() })
      .where('id', '=', ids['Hidden later']!)
      .execute();
    await env().worker.drain();
    await browseIndexFor(ctx.db).sync(true);
  });

  it('shows the owner every bookmark of a listable work, private ones too, with each work’s bookmark', async () => {
    const result = await userBookmarks(env().ctx, owner, owner, query());
    assert.equal(result.total, 3);
    assert.deepEqual(titles(result.works), ['Private one', 'Public rec', 'Registered only']);
    assert.equal(result.own, true);
    const rec = result.bookmarks.get(ids['Public rec']!);
    assert.deepEqual([rec?.tags, rec?.rec, rec?.notes], [['comfort', 'reread'], true, '<p>The best.</p>']);
    assert.equal(result.bookmarks.get(ids['Private one']!)?.private, true);
    assert.deepEqual(
      result.series.map((s) => [s.title, s.tags]),
      [['Saga', ['saga']]],
    );
    assert.deepEqual(result.bookmarkTags, [
      { name: 'Comfort', count: 2 },
      { name: 'reread', count: 2 },
      { name: 'saga', count: 1 },
    ]);
  });

  it('never lists private bookmarks to others, nor registered-only works to guests, nor hidden works', async () => {
    const reader = await userBookmarks(env().ctx, other, owner, query());
    assert.deepEqual(titles(reader.works), ['Public rec', 'Registered only']);
    assert.equal(reader.total, 2);
    assert.equal(reader.bookmarks.has(ids['Private one']!), false);
    const guest = await userBookmarks(env().ctx, null, owner, query());
    assert.deepEqual(titles(guest.works), ['Public rec']);
    assert.equal(guest.total, 1);
    assert.deepEqual(guest.bookmarkTags, [
      { name: 'comfort', count: 1 },
      { name: 'reread', count: 1 },
      { name: 'saga', count: 1 },
    ]);
    assert.deepEqual(
      guest.facets.fandom.map((f) => [f.name, f.count]),
      [['Smallville', 1]],
      'facet counts are over what the guest sees',
    );
  });

  it('filters by the bookmarker’s tags (all of them, any case) and recs only, with the listing’s filters', async () => {
    const comfort = await userBookmarks(env().ctx, owner, owner, query({ bookmarkTags: 'COMFORT' }));
    assert.deepEqual(titles(comfort.works), ['Private one', 'Public rec']);
    assert.equal(comfort.total, 2);
    assert.deepEqual(comfort.facets.fandom.map((f) => [f.name, f.count]).sort(), [
      ['Smallville', 1],
      ['Supernatural', 1],
    ]);
    const both = await userBookmarks(env().ctx, owner, owner, query({ bookmarkTags: 'comfort,reread' }));
    assert.deepEqual(titles(both.works), ['Public rec']);
    const recs = await userBookmarks(env().ctx, owner, owner, query({ recs: 'true' }));
    assert.deepEqual(titles(recs.works), ['Public rec']);
    assert.deepEqual(
      recs.series.map((s) => s.title),
      ['Saga'],
    );
    const fandom = await userBookmarks(env().ctx, owner, owner, query({ tags: 'Supernatural' }));
    assert.deepEqual(titles(fandom.works), ['Private one', 'Registered only']);
    const excluded = await userBookmarks(env().ctx, owner, owner, query({ excludeTags: 'Angst' }));
    assert.deepEqual(titles(excluded.works), ['Public rec', 'Registered only']);
    const sorted = await userBookmarks(env().ctx, owner, owner, query({ sort: 'title' }));
    assert.deepEqual(
      sorted.works.map((w) => w.title),
      ['Private one', 'Public rec', 'Registered only'],
    );
    const none = await userBookmarks(env().ctx, owner, owner, query({ bookmarkTags: 'nothing' }));
    assert.equal(none.total, 0);
    assert.deepEqual(none.series, []);
  });

  it('searches text within the bookmarks only', async () => {
    const found = await userBookmarks(env().ctx, owner, owner, query({ q: 'Registered' }));
    assert.deepEqual(titles(found.works), ['Registered only']);
    const outside = await userBookmarks(env().ctx, owner, owner, query({ q: '"Not bookmarked"' }));
    assert.equal(outside.total, 0, 'a matching work that is not bookmarked is not listed');
  });

  it('hides everything of a bookmarker the viewer has muted', async () => {
    const muter = asViewer(await makeUser(env().ctx));
    await addRelation(env().ctx.db, 'mute', muter.id, owner.id, nowIso());
    const result = await userBookmarks(env().ctx, muter, owner, query());
    assert.equal(result.muted, true);
    assert.equal(result.total, 0);
    assert.deepEqual([result.series, result.bookmarkTags], [[], []]);
  });
});
