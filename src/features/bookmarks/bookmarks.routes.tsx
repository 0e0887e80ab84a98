import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { zodFieldErrors } from '../../lib/validation.ts';
import { requireViewer } from '../../web/auth.ts';
import { keptValues, submitForm } from '../../web/form-submit.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { BrowsePage } from '../browse/browse.views.tsx';
import { getProfile } from '../profiles/profiles.service.ts';
import { readWork } from '../works/works.read.ts';
import { userBookmarks, workBookmarks } from './bookmark-listing.ts';
import { bookmarksListing } from './bookmark-listing.views.tsx';
import type { BookmarkItem } from './bookmarks.repository.ts';
import { bookmarkQuerySchema, bookmarkSchema } from './bookmarks.schema.ts';
import {
  bookmarkable,
  editBookmark,
  ownBookmark,
  removeBookmark,
  saveBookmark,
  viewerBookmark,
} from './bookmarks.service.ts';
import {
  BookmarkFormPage,
  type BookmarkTarget,
  userBookmarksUrl,
  WorkBookmarksPage,
} from './bookmarks.views.tsx';

type IdParams = { Params: { id: string } };
type Params = Record<string, string | string[] | undefined>;

const idOf = (value: string, what = 'Page') => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw notFound(what);
  return id;
};

const valuesOf = (b: { notes: string; tags: string[]; private: number; rec: number }) => ({
  notes: b.notes,
  tags: b.tags.join(', '),
  private: b.private ? '1' : '',
  rec: b.rec ? '1' : '',
});

/**
 * Bookmarks' pages: the form for a work or a series (bookmarking again edits the same bookmark),
 * editing and deleting by id, a user's bookmarks (a browse listing, with its filters) and a work's
 * public bookmarks.
 */
export function bookmarkRoutes(app: FastifyInstance, ctx: AppContext) {
  const target = async (request: FastifyRequest, item: BookmarkItem): Promise<BookmarkTarget> => {
    const { title } = await bookmarkable(ctx.db, request.viewer, item);
    return { ...item, title };
  };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, item: BookmarkItem) => {
    const viewer = requireViewer(request);
    const shown = await target(request, item);
    const existing = await viewerBookmark(ctx, viewer, item);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      <BookmarkFormPage
        page={page}
        target={shown}
        values={existing ? valuesOf(existing) : {}}
        bookmarkId={existing?.id}
      />,
    );
  };

  const save = async (
    request: FastifyRequest,
    reply: FastifyReply,
    item: BookmarkItem,
    bookmarkId?: number,
  ) => {
    const viewer = requireViewer(request);
    const outcome = await submitForm(bookmarkSchema, request.body, (input) =>
      bookmarkId ? editBookmark(ctx, viewer, bookmarkId, input) : saveBookmark(ctx, viewer, item, input),
    );
    if (!outcome.ok) {
      const page = pageContext(request, reply);
      return sendPage(
        reply,
        <BookmarkFormPage
          page={page}
          target={await target(request, item)}
          values={keptValues(request.body)}
          errors={outcome.errors}
          bookmarkId={bookmarkId}
        />,
        outcome.status,
      );
    }
    return reply
      .flash(outcome.result.created ? 'Bookmark created.' : 'Bookmark saved.')
      .redirect(`${userBookmarksUrl(viewer.username)}#bookmark-${outcome.result.id}`, 303);
  };

  for (const [prefix, type] of [
    ['/works', 'work'],
    ['/series', 'series'],
  ] as const) {
    app.get<IdParams>(`${prefix}/:id/bookmark`, (request, reply) =>
      showForm(request, reply, { type, id: idOf(request.params.id) }),
    );
    app.post<IdParams>(`${prefix}/:id/bookmark`, (request, reply) =>
      save(request, reply, { type, id: idOf(request.params.id) }),
    );
  }

  app.get<IdParams>('/bookmarks/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const bookmark = await ownBookmark(ctx, viewer, idOf(request.params.id, 'Bookmark'));
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      <BookmarkFormPage
        page={page}
        target={await target(request, bookmark.item)}
        values={valuesOf(bookmark)}
        bookmarkId={bookmark.id}
      />,
    );
  });

  app.post<IdParams>('/bookmarks/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const bookmark = await ownBookmark(ctx, viewer, idOf(request.params.id, 'Bookmark'));
    return save(request, reply, bookmark.item, bookmark.id);
  });

  app.post<IdParams>('/bookmarks/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request);
    await removeBookmark(ctx, viewer, idOf(request.params.id, 'Bookmark'));
    return reply.flash('Bookmark deleted.').redirect(userBookmarksUrl(viewer.username), 303);
  });

  app.get<{ Params: { username: string } }>('/users/:username/bookmarks', async (request, reply) => {
    const profile = await getProfile(ctx, request.params.username);
    const params = (request.query ?? {}) as Params;
    const parsed = bookmarkQuerySchema.safeParse(params);
    const page = pageContext(request, reply);
    if (!parsed.success) {
      const empty = await userBookmarks(ctx, request.viewer, profile.user, {
        ...bookmarkQuerySchema.parse({}),
      });
      const result = { ...empty, total: 0, pages: 1, works: [], series: [] };
      const listing = bookmarksListing(page, profile.user.username, params, result);
      const errors = zodFieldErrors(parsed.error);
      return sendPage(
        reply,
        <BrowsePage page={page} listing={listing} params={params} result={result} errors={errors} />,
        422,
      );
    }
    const result = await userBookmarks(ctx, request.viewer, profile.user, parsed.data);
    const listing = bookmarksListing(page, profile.user.username, params, result);
    return sendPage(reply, <BrowsePage page={page} listing={listing} params={params} result={result} />);
  });

  app.get<IdParams>('/works/:id/bookmarks', async (request, reply) => {
    const view = await readWork(ctx, request.viewer, idOf(request.params.id, 'Work'));
    const pageNumber = Math.min(5000, Math.max(1, Math.floor(Number((request.query as Params).page)) || 1));
    const data = await workBookmarks(ctx, request.viewer, view.work.id, pageNumber);
    return sendPage(
      reply,
      <WorkBookmarksPage page={pageContext(request, reply)} work={view.work} data={data} />,
    );
  });
}
