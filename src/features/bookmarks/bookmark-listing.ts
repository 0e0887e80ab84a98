import type { AppContext } from '../../context.ts';
import { relatedIds } from '../blocking/blocks.repository.ts';
import { type BrowseResult, browseWorks } from '../browse/browse.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { hidesRestricted } from '../visibility/visibility.ts';
import type { BookmarkQuery } from './bookmarks.schema.ts';
import * as repo from './bookmarks.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

/** One bookmark as listings show it under its work's blurb (or its series). */
export interface ShownBookmark {
  id: number;
  username: string;
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SeriesBookmark extends ShownBookmark {
  seriesId: number;
  title: string;
  complete: boolean;
}

export interface BookmarkListing extends BrowseResult {
  /** The owner's bookmark of each listed work, by work id. */
  bookmarks: Map<number, ShownBookmark>;
  /** Series bookmarks passing the bookmarker's filters (on the first page). */
  series: SeriesBookmark[];
  /** The bookmarker's tags over what is listed here, most used first. */
  bookmarkTags: { name: string; count: number }[];
  own: boolean;
  /** The viewer has muted the bookmarker: nothing of theirs is listed. */
  muted: boolean;
}

const shown = (row: repo.BookmarkRow, username: string, tags: Map<number, string[]>): ShownBookmark => ({
  id: row.id,
  username,
  notes: row.notes,
  tags: tags.get(row.id) ?? [],
  private: row.private === 1,
  rec: row.rec === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * A user's bookmarks page: the works they bookmarked (private ones only for themselves), as one more
 * scope of the browse listing (`within`), so every filter, sort, total and facet count is the
 * listings' own and only works this viewer may see are listed or counted; narrowed first by the
 * bookmarker's own tags and "recs only". Series bookmarks come alongside.
 */
export async function userBookmarks(
  ctx: Ctx,
  viewer: Viewer | null,
  owner: { id: number; username: string },
  query: BookmarkQuery,
): Promise<BookmarkListing> {
  const own = viewer?.id === owner.id;
  const muted = viewer !== null && !own && (await relatedIds(ctx.db, 'mute', viewer.id)).includes(owner.id);
  const filter: repo.OwnerFilter = {
    ownerId: owner.id,
    includePrivate: own,
    tags: query.bookmarkTags,
    recsOnly: query.recs === 'true',
  };
  const workIds = muted ? [] : await repo.bookmarkedWorkIds(ctx.db, filter);
  const result = await browseWorks(ctx, viewer, query, { within: workIds });
  const rows = await repo.bookmarksOfWorks(
    ctx.db,
    owner.id,
    result.works.map((w) => w.id),
  );
  const listable = muted ? [] : await repo.listableBookmarkIds(ctx.db, filter, hidesRestricted(viewer));
  const seriesRows = query.page === 1 ? await repo.bookmarkedSeries(ctx.db, listable, 100) : [];
  const tags = await repo.tagsOfBookmarks(ctx.db, [...rows.map((r) => r.id), ...seriesRows.map((r) => r.id)]);
  return {
    ...result,
    bookmarks: new Map(
      rows.filter((r) => own || r.private === 0).map((r) => [r.work_id!, shown(r, owner.username, tags)]),
    ),
    series: seriesRows.map((r) => ({
      ...shown(r, owner.username, tags),
      seriesId: r.series_id!,
      title: r.title,
      complete: r.complete === 1,
    })),
    bookmarkTags: await repo.tagCounts(ctx.db, listable),
    own,
    muted,
  };
}

/** A work's public bookmarks, by accounts this viewer has not muted; 20 a page. */
export async function workBookmarks(
  ctx: Pick<AppContext, 'db'>,
  viewer: Viewer | null,
  workId: number,
  page: number,
) {
  const muted = viewer ? await relatedIds(ctx.db, 'mute', viewer.id) : [];
  const perPage = 20;
  const { rows, total } = await repo.publicBookmarksOfWork(ctx.db, workId, muted, {
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const tags = await repo.tagsOfBookmarks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
    bookmarks: rows.map((r) => shown(r, r.username, tags)),
  };
}
