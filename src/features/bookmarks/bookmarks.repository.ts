import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { listableWorks } from '../visibility/visibility.ts';

/** The only SQL on `bookmarks` and `bookmark_tags` (migration 0017). */

export type BookmarkItem = { type: 'work'; id: number } | { type: 'series'; id: number };
const itemColumn = (item: BookmarkItem) => (item.type === 'work' ? 'work_id' : 'series_id');

export interface BookmarkRow {
  id: number;
  user_id: number;
  work_id: number | null;
  series_id: number | null;
  notes: string;
  private: number;
  rec: number;
  created_at: string;
  updated_at: string;
}

export function findBookmark(db: DB, id: number): Promise<BookmarkRow | undefined> {
  return db.selectFrom('bookmarks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOwnBookmark(
  db: DB,
  userId: number,
  item: BookmarkItem,
): Promise<BookmarkRow | undefined> {
  return db
    .selectFrom('bookmarks')
    .selectAll()
    .where('user_id', '=', userId)
    .where(itemColumn(item), '=', item.id)
    .executeTakeFirst();
}

export async function insertBookmark(db: DB, row: Omit<BookmarkRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('bookmarks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateBookmark(
  db: DB,
  id: number,
  changes: Pick<BookmarkRow, 'notes' | 'private' | 'rec' | 'updated_at'>,
) {
  await db.updateTable('bookmarks').set(changes).where('id', '=', id).execute();
}

export async function deleteBookmark(db: DB, id: number) {
  await db.deleteFrom('bookmarks').where('id', '=', id).execute();
}

/** Replaces a bookmark's tags, in the order given. */
export async function setBookmarkTags(db: DB, bookmarkId: number, names: readonly string[]) {
  await db.deleteFrom('bookmark_tags').where('bookmark_id', '=', bookmarkId).execute();
  if (names.length === 0) return;
  await db
    .insertInto('bookmark_tags')
    .values(
      names.map((name, position) => ({
        bookmark_id: bookmarkId,
        name,
        name_key: name.toLowerCase(),
        position,
      })),
    )
    .execute();
}

/** Tags of bookmarks, by bookmark id, in their order. */
export async function tagsOfBookmarks(db: DB, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byBookmark = new Map<number, string[]>();
  if (ids.length === 0) return byBookmark;
  const rows = await db
    .selectFrom('bookmark_tags')
    .select(['bookmark_id', 'name'])
    .where('bookmark_id', 'in', [...ids])
    .orderBy('bookmark_id')
    .orderBy('position')
    .execute();
  for (const r of rows) byBookmark.set(r.bookmark_id, [...(byBookmark.get(r.bookmark_id) ?? []), r.name]);
  return byBookmark;
}

/** Public bookmarks of a work: what `works.bookmark_count` holds. */
export async function countPublicBookmarks(db: DB, workId: number): Promise<number> {
  const row = await db
    .selectFrom('bookmarks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId)
    .where('private', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of an owner's bookmarks pass the bookmarker's filters: all of `tags` (any case), recs only. */
export interface OwnerFilter {
  ownerId: number;
  includePrivate: boolean;
  tags: readonly string[];
  recsOnly: boolean;
}

function ownerBookmarks(eb: ExpressionBuilder<Database, 'bookmarks'>, filter: OwnerFilter) {
  const conditions = [eb('bookmarks.user_id', '=', filter.ownerId)];
  if (!filter.includePrivate) conditions.push(eb('bookmarks.private', '=', 0));
  if (filter.recsOnly) conditions.push(eb('bookmarks.rec', '=', 1));
  for (const tag of new Set(filter.tags.map((t) => t.toLowerCase())))
    conditions.push(
      eb.exists(
        eb
          .selectFrom('bookmark_tags')
          .select('bookmark_tags.bookmark_id')
          .whereRef('bookmark_tags.bookmark_id', '=', 'bookmarks.id')
          .where('bookmark_tags.name_key', '=', tag),
      ),
    );
  return eb.and(conditions);
}

/** The works an owner bookmarked that pass the filter (visibility is the listing's, after this). */
export async function bookmarkedWorkIds(db: DB, filter: OwnerFilter): Promise<number[]> {
  const rows = await db
    .selectFrom('bookmarks')
    .select('work_id')
    .where((eb) => ownerBookmarks(eb, filter))
    .where('work_id', 'is not', null)
    .execute();
  return rows.map((r) => r.work_id!);
}

/** The owner's bookmarks of these works (one each), with their tags. */
export async function bookmarksOfWorks(db: DB, ownerId: number, workIds: readonly number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('bookmarks')
    .selectAll()
    .where('user_id', '=', ownerId)
    .where('work_id', 'in', [...workIds])
    .execute();
}

/** The owner's series bookmarks among `ids` (see listableBookmarkIds), newest first. */
export async function bookmarkedSeries(db: DB, ids: readonly number[], limit: number) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('bookmarks')
    .innerJoin('series', 'series.id', 'bookmarks.series_id')
    .selectAll('bookmarks')
    .select(['series.title', 'series.summary', 'series.complete'])
    .where('bookmarks.id', 'in', [...ids])
    .orderBy('bookmarks.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** The owner's tags over `bookmarkIds`, most used first: the bookmarker's-tags facet. */
export async function tagCounts(db: DB, bookmarkIds: readonly number[], limit = 30) {
  if (bookmarkIds.length === 0) return [];
  const rows = await db
    .selectFrom('bookmark_tags')
    .select(['name_key', (eb) => eb.fn.min('name').as('name'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('bookmark_id', 'in', [...bookmarkIds])
    .groupBy('name_key')
    .orderBy('n', 'desc')
    .orderBy('name_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: String(r.name), count: Number(r.n) }));
}

/** Public bookmarks of a work by accounts not in `exceptUserIds`, newest first, one page. */
export async function publicBookmarksOfWork(
  db: DB,
  workId: number,
  exceptUserIds: readonly number[],
  page: { limit: number; offset: number },
) {
  let query = db
    .selectFrom('bookmarks')
    .innerJoin('users', 'users.id', 'bookmarks.user_id')
    .where('bookmarks.work_id', '=', workId)
    .where('bookmarks.private', '=', 0)
    .where('users.disabled_at', 'is', null);
  if (exceptUserIds.length > 0) query = query.where('bookmarks.user_id', 'not in', [...exceptUserIds]);
  const [rows, total] = await Promise.all([
    query
      .selectAll('bookmarks')
      .select('users.username')
      .orderBy('bookmarks.updated_at', 'desc')
      .orderBy('bookmarks.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Removes an account's bookmarks; returns the works whose counts change (account deletion). */
export async function removeBookmarksOf(db: DB, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('bookmarks')
    .select('work_id')
    .where('user_id', '=', userId)
    .where('work_id', 'is not', null)
    .where('private', '=', 0)
    .execute();
  await db.deleteFrom('bookmarks').where('user_id', '=', userId).execute();
  return rows.map((r) => r.work_id!);
}

/**
 * Bookmarks passing the filter whose item the listing may show: works that are listable (posted,
 * not hidden; not registered-only for a guest), series with at least one such work. For the
 * bookmarker's-tags facet, so its counts match what the page lists.
 */
export async function listableBookmarkIds(db: DB, filter: OwnerFilter, guest: boolean): Promise<number[]> {
  const listable = (eb: ExpressionBuilder<Database, 'works'>) =>
    eb.and([listableWorks(eb), ...(guest ? [eb('works.restricted', '=', 0)] : [])]);
  const rows = await db
    .selectFrom('bookmarks')
    .select('bookmarks.id')
    .where((eb) => ownerBookmarks(eb, filter))
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('works')
            .select('works.id')
            .whereRef('works.id', '=', 'bookmarks.work_id')
            .where((w) => listable(w)),
        ),
        eb.exists(
          eb
            .selectFrom('serial_works')
            .innerJoin('works', 'works.id', 'serial_works.work_id')
            .select('works.id')
            .whereRef('serial_works.series_id', '=', 'bookmarks.series_id')
            .where((w) => listable(w as unknown as ExpressionBuilder<Database, 'works'>)),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
