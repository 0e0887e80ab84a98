import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, QuireError } from '../../lib/errors.ts';
import { htmlOrText } from '../../lib/sanitize.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeWork, visibleWorks } from '../visibility/visibility.ts';
import { findSeries } from '../works/series.repository.ts';
import { lockWorkForCount, setWorkCounter } from '../works/work-counters.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';
import type { BookmarkInput } from './bookmarks.schema.ts';
import * as repo from './bookmarks.repository.ts';
import type { BookmarkItem, BookmarkRow } from './bookmarks.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** What is bookmarked, as this viewer may see it (404 otherwise: hidden things do not exist). */
export async function bookmarkable(db: DB, viewer: Viewer | null, item: BookmarkItem) {
  if (item.type === 'work') {
    const work = await findWork(db, item.id);
    if (!work) throw notFound('Work');
    const creatorUserIds = (await creatorsOfWork(db, item.id))
      .filter((c) => c.accepted === 1)
      .map((c) => c.user_id);
    if (!canSeeWork(viewer, { ...work, creatorUserIds })) throw notFound('Work');
    return { title: work.title, posted: work.posted === 1 };
  }
  const series = await findSeries(db, item.id);
  const part =
    series &&
    (await db
      .selectFrom('serial_works')
      .innerJoin('works', 'works.id', 'serial_works.work_id')
      .select('works.id')
      .where('serial_works.series_id', '=', item.id)
      .where((eb) => visibleWorks(eb, viewer))
      .where('works.posted', '=', 1)
      .limit(1)
      .executeTakeFirst());
  if (!series || !part) throw notFound('Series');
  return { title: series.title, posted: true };
}

/** `works.bookmark_count` counts public bookmarks; recounted in the writer's transaction. */
async function recount(db: DB, workId: number | null) {
  if (workId === null) return;
  await lockWorkForCount(db, workId);
  await setWorkCounter(db, workId, 'bookmark_count', await repo.countPublicBookmarks(db, workId));
}

const itemOf = (row: Pick<BookmarkRow, 'work_id' | 'series_id'>): BookmarkItem =>
  row.work_id !== null ? { type: 'work', id: row.work_id } : { type: 'series', id: row.series_id! };

/**
 * Bookmarks a work or a series, or edits the bookmark this account already has of it (one per
 * account per item). Refused, nothing saved, when the viewer may not see the item or it is a draft.
 */
export async function saveBookmark(
  ctx: Ctx,
  viewer: Viewer,
  item: BookmarkItem,
  input: BookmarkInput,
): Promise<{ id: number; created: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const target = await bookmarkable(trx, viewer, item);
    if (!target.posted)
      throw new QuireError('draft', 409, 'Drafts cannot be bookmarked. Post the work first.');
    const now = nowIso();
    const fields = {
      notes: input.notes.trim() ? htmlOrText(input.notes) : '',
      private: input.private ? 1 : 0,
      rec: input.rec ? 1 : 0,
      updated_at: now,
    };
    const existing = await repo.findOwnBookmark(trx, viewer.id, item);
    let id: number;
    if (existing) {
      id = existing.id;
      await repo.updateBookmark(trx, id, fields);
    } else {
      id = await repo.insertBookmark(trx, {
        ...fields,
        user_id: viewer.id,
        work_id: item.type === 'work' ? item.id : null,
        series_id: item.type === 'series' ? item.id : null,
        created_at: now,
      });
    }
    await repo.setBookmarkTags(trx, id, input.tags);
    if (item.type === 'work') await recount(trx, item.id);
    return { id, created: !existing };
  });
}

/** One's own bookmark (404 for anyone else's: a private bookmark does not exist for them). */
export async function ownBookmark(ctx: Ctx, viewer: Viewer, bookmarkId: number) {
  const row = await repo.findBookmark(ctx.db, bookmarkId);
  if (!row || row.user_id !== viewer.id) throw notFound('Bookmark');
  const tags = (await repo.tagsOfBookmarks(ctx.db, [row.id])).get(row.id) ?? [];
  return { ...row, tags, item: itemOf(row) };
}

/** A bookmark as the API and other readers may see it: public, or one's own. */
export async function readBookmark(ctx: Ctx, viewer: Viewer | null, bookmarkId: number) {
  const row = await repo.findBookmark(ctx.db, bookmarkId);
  if (!row || (row.private === 1 && row.user_id !== viewer?.id)) throw notFound('Bookmark');
  await bookmarkable(ctx.db, viewer, itemOf(row));
  const tags = (await repo.tagsOfBookmarks(ctx.db, [row.id])).get(row.id) ?? [];
  return { ...row, tags, item: itemOf(row) };
}

/** Edits one's own bookmark by its id. */
export async function editBookmark(ctx: Ctx, viewer: Viewer, bookmarkId: number, input: BookmarkInput) {
  const row = await ownBookmark(ctx, viewer, bookmarkId);
  return saveBookmark(ctx, viewer, row.item, input);
}

export async function removeBookmark(ctx: Ctx, viewer: Viewer, bookmarkId: number): Promise<BookmarkItem> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findBookmark(trx, bookmarkId);
    if (!row || row.user_id !== viewer.id) throw notFound('Bookmark');
    await repo.deleteBookmark(trx, row.id);
    await recount(trx, row.work_id);
    return itemOf(row);
  });
}

/** The viewer's bookmark of an item, if any (the work page's "Edit bookmark"). */
export async function viewerBookmark(ctx: Ctx, viewer: Viewer | null, item: BookmarkItem) {
  if (!viewer) return undefined;
  const row = await repo.findOwnBookmark(ctx.db, viewer.id, item);
  if (!row) return undefined;
  const tags = (await repo.tagsOfBookmarks(ctx.db, [row.id])).get(row.id) ?? [];
  return { ...row, tags };
}

export { recount as recountBookmarks };
