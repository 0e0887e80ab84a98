import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { listingOut, present } from '../browse/browse.api.ts';
import { getProfile } from '../profiles/profiles.service.ts';
import { readWork } from '../works/works.read.ts';
import { type ShownBookmark, userBookmarks, workBookmarks } from './bookmark-listing.ts';
import type { BookmarkItem } from './bookmarks.repository.ts';
import {
  bookmarkQuerySchema,
  bookmarkSchema,
  MAX_NOTES,
  MAX_TAG_LENGTH,
  MAX_TAGS,
} from './bookmarks.schema.ts';
import { editBookmark, readBookmark, removeBookmark, saveBookmark } from './bookmarks.service.ts';

const bookmarkOut = z.object({
  id: z.number(),
  user: z.string(),
  workId: z.number().nullable(),
  seriesId: z.number().nullable(),
  notes: z.string().describe('Sanitized HTML'),
  tags: z.array(z.string()),
  private: z.boolean(),
  rec: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const savedOut = bookmarkOut.extend({
  created: z.boolean().describe('false: an existing bookmark was edited'),
});

const idParam = (value: string | undefined, what: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound(what);
  return id;
};

const pageQuery = z.object({
  page: z.coerce.number({ error: 'The page must be a number.' }).int().min(1).max(5000).default(1),
});

/** Bookmarks as JSON: the same schemas, services and visibility as the pages. */
export function bookmarksApi(api: ApiRegistry, ctx: AppContext) {
  const shown = (b: ShownBookmark, item: { workId: number | null; seriesId: number | null }) => ({
    id: b.id,
    user: b.username,
    ...item,
    notes: b.notes,
    tags: b.tags,
    private: b.private,
    rec: b.rec,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  });
  const byId = async (viewer: Parameters<typeof readBookmark>[1], id: number) => {
    const b = await readBookmark(ctx, viewer, id);
    const user = await ctx.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', b.user_id)
      .executeTakeFirstOrThrow();
    return shown(
      {
        id: b.id,
        username: user.username,
        notes: b.notes,
        tags: b.tags,
        private: b.private === 1,
        rec: b.rec === 1,
        createdAt: b.created_at,
        updatedAt: b.updated_at,
      },
      { workId: b.work_id, seriesId: b.series_id },
    );
  };

  for (const [prefix, type, what] of [
    ['/works', 'work', 'a work'],
    ['/series', 'series', 'a series'],
  ] as const) {
    api.add({
      method: 'POST',
      path: `${prefix}/:id/bookmarks`,
      summary: `Bookmark ${what} you may see (notes, tags, private, rec); bookmarking it again edits your bookmark`,
      tag: 'Bookmarks',
      auth: 'token',
      status: 201,
      body: bookmarkSchema,
      response: savedOut,
      handler: async ({ viewer, body, params }) => {
        const item: BookmarkItem = { type, id: idParam(params.id, type === 'work' ? 'Work' : 'Series') };
        const saved = await saveBookmark(ctx, viewer!, item, body);
        return { ...(await byId(viewer, saved.id)), created: saved.created };
      },
    });
  }

  api.add({
    method: 'GET',
    path: '/works/:id/bookmarks',
    summary: 'Public bookmarks of a work you may see, newest first, 20 a page (accounts you muted left out)',
    tag: 'Bookmarks',
    auth: 'optional',
    query: pageQuery,
    response: z.object({
      total: z.number(),
      page: z.number(),
      pages: z.number(),
      bookmarks: z.array(bookmarkOut),
    }),
    handler: async ({ viewer, params, query }) => {
      const view = await readWork(ctx, viewer, idParam(params.id, 'Work'));
      const data = await workBookmarks(ctx, viewer, view.work.id, query.page);
      return {
        ...data,
        bookmarks: data.bookmarks.map((b) => shown(b, { workId: view.work.id, seriesId: null })),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/users/:name/bookmarks',
    summary:
      'A user’s bookmarked works (private ones only for the owner) with the listing’s filters, sorting and facets, plus bookmarkTags (the bookmarker’s tags, all required) and recs=true; series bookmarks on page 1',
    tag: 'Bookmarks',
    auth: 'optional',
    query: bookmarkQuerySchema,
    response: listingOut.extend({
      bookmarks: z.array(bookmarkOut).describe('The bookmark of each listed work, in the same order'),
      series: z.array(bookmarkOut.extend({ title: z.string() })),
      bookmarkTags: z.array(z.object({ tag: z.string(), count: z.number() })),
    }),
    handler: async ({ viewer, params, query }) => {
      const profile = await getProfile(ctx, params.name ?? '');
      const result = await userBookmarks(ctx, viewer, profile.user, query);
      return {
        ...present(ctx, result),
        bookmarks: result.works
          .map(
            (w) =>
              result.bookmarks.get(w.id) &&
              shown(result.bookmarks.get(w.id)!, { workId: w.id, seriesId: null }),
          )
          .filter((b) => b !== undefined),
        series: result.series.map((s) => ({
          ...shown(s, { workId: null, seriesId: s.seriesId }),
          title: s.title,
        })),
        bookmarkTags: result.bookmarkTags.map((t) => ({ tag: t.name, count: t.count })),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/bookmarks/:id',
    summary: 'A bookmark: public, or your own',
    tag: 'Bookmarks',
    auth: 'optional',
    response: bookmarkOut,
    handler: async ({ viewer, params }) => byId(viewer, idParam(params.id, 'Bookmark')),
  });

  api.add({
    method: 'PATCH',
    path: '/bookmarks/:id',
    summary: 'Edit your bookmark: the fields sent replace the current ones',
    tag: 'Bookmarks',
    auth: 'token',
    body: z.object({
      notes: z.string().max(MAX_NOTES).optional(),
      tags: z
        .union([
          z.string().max(MAX_TAGS * (MAX_TAG_LENGTH + 2)),
          z.array(z.string().max(MAX_TAG_LENGTH)).max(MAX_TAGS),
        ])
        .optional(),
      private: z.boolean().optional(),
      rec: z.boolean().optional(),
    }),
    response: bookmarkOut,
    handler: async ({ viewer, params, body }) => {
      const id = idParam(params.id, 'Bookmark');
      const current = await byId(viewer, id);
      if (current.user !== viewer!.username) throw notFound('Bookmark');
      const input = validate(bookmarkSchema, {
        notes: body.notes ?? current.notes,
        tags: body.tags ?? current.tags,
        private: body.private ?? current.private,
        rec: body.rec ?? current.rec,
      });
      await editBookmark(ctx, viewer!, id, input);
      return byId(viewer, id);
    },
  });

  api.add({
    method: 'DELETE',
    path: '/bookmarks/:id',
    summary: 'Delete your bookmark',
    tag: 'Bookmarks',
    auth: 'token',
    response: z.object({ deleted: z.boolean() }),
    handler: async ({ viewer, params }) => {
      await removeBookmark(ctx, viewer!, idParam(params.id, 'Bookmark'));
      return { deleted: true };
    },
  });
}
