import type { FieldErrors } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { ShownBookmark } from './bookmark-listing.ts';
import { MAX_NOTES, MAX_TAGS } from './bookmarks.schema.ts';

export const userBookmarksUrl = (username: string) => `/users/${encodeURIComponent(username)}/bookmarks`;

/** What the form edits: a work or a series, by title. */
export interface BookmarkTarget {
  type: 'work' | 'series';
  id: number;
  title: string;
}
const targetUrl = (t: Pick<BookmarkTarget, 'type' | 'id'>) =>
  `/${t.type === 'work' ? 'works' : 'series'}/${t.id}`;

/** The bookmark form: new (`/works/:id/bookmark`) or an edit (`/bookmarks/:id/edit`). */
export function BookmarkFormPage({
  page,
  target,
  values = {},
  errors,
  bookmarkId,
}: {
  page: PageContext;
  target: BookmarkTarget;
  values?: FormValues;
  errors?: FieldErrors;
  bookmarkId?: number;
}) {
  const action = bookmarkId ? `/bookmarks/${bookmarkId}/edit` : `${targetUrl(target)}/bookmark`;
  const heading = bookmarkId ? 'Edit bookmark' : 'Bookmark';
  return (
    <Layout page={page} title={`${heading} - ${target.title}`}>
      <h1>
        {heading}: <a href={targetUrl(target)}>{target.title}</a>
        {target.type === 'series' && ' (series)'}
      </h1>
      <ErrorSummary errors={errors} />
      <Form action={action} csrfToken={page.csrfToken} class="form card">
        <TextArea
          name="notes"
          label="Notes"
          values={values}
          errors={errors}
          hint={`Plain text or HTML, at most ${MAX_NOTES.toLocaleString('en')} characters.`}
        />
        <Field
          name="tags"
          label="Your tags"
          values={values}
          errors={errors}
          hint={`Separate tags with commas; at most ${MAX_TAGS}, each at most 150 characters.`}
        />
        <Checkbox
          name="private"
          label="Private bookmark (only you can see it)"
          checked={values.private === '1'}
        />
        <Checkbox name="rec" label="Rec (recommend it to others)" checked={values.rec === '1'} />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {bookmarkId ? 'Save bookmark' : 'Create bookmark'}
          </button>
        </p>
      </Form>
      {bookmarkId && (
        <Form action={`/bookmarks/${bookmarkId}/delete`} csrfToken={page.csrfToken} class="inline-form">
          <button type="submit" class="button button--danger">
            Delete bookmark
          </button>
        </Form>
      )}
    </Layout>
  );
}

/**
 * A bookmark under its item: who and when, rec and private marks, the bookmarker's tags (each a
 * filter of their bookmarks page) and notes; the owner's edit and delete.
 */
export function BookmarkDetails({
  page,
  bookmark,
  showOwner = true,
}: {
  page: PageContext;
  bookmark: ShownBookmark;
  showOwner?: boolean;
}) {
  const base = userBookmarksUrl(bookmark.username);
  const mine = page.viewer?.username === bookmark.username;
  return (
    <div class="bookmark" id={`bookmark-${bookmark.id}`}>
      <p class="meta">
        {showOwner ? (
          <>
            Bookmarked by <a href={base}>{bookmark.username}</a> on <Time iso={bookmark.createdAt} />
          </>
        ) : (
          <>
            Bookmarked on <Time iso={bookmark.createdAt} />
          </>
        )}{' '}
        {bookmark.rec && <span class="badge">Rec</span>}{' '}
        {bookmark.private && <span class="badge badge--locked">Private</span>}
      </p>
      {bookmark.tags.length > 0 && (
        <ul class="tag-list" aria-label={`${bookmark.username}’s tags`}>
          {bookmark.tags.map((tag) => (
            <li class="tag" key={tag}>
              <a href={`${base}?bookmarkTags=${encodeURIComponent(tag)}`}>{tag}</a>
            </li>
          ))}
        </ul>
      )}
      {bookmark.notes && (
        <blockquote class="userstuff prose">
          <Html html={bookmark.notes as SafeHtml} />
        </blockquote>
      )}
      {mine && (
        <div class="item__actions">
          <a href={`/bookmarks/${bookmark.id}/edit`}>Edit bookmark</a>{' '}
          <Form action={`/bookmarks/${bookmark.id}/delete`} csrfToken={page.csrfToken} class="inline-form">
            <button type="submit" class="link-button link-button--danger">
              Delete bookmark
            </button>
          </Form>
        </div>
      )}
    </div>
  );
}

/** Below a work (signed-in readers): bookmark it, or edit the bookmark they have. */
export function BookmarkAction({ workId, bookmarkId }: { workId: number; bookmarkId: number | null }) {
  return (
    <p class="work-actions">
      {bookmarkId ? (
        <a class="button" href={`/bookmarks/${bookmarkId}/edit`}>
          Edit bookmark
        </a>
      ) : (
        <a class="button" href={`/works/${workId}/bookmark`}>
          Bookmark
        </a>
      )}{' '}
      <a href={`/works/${workId}/bookmarks`}>Bookmarks of this work</a>
    </p>
  );
}

/** `/works/:id/bookmarks`: the public bookmarks of a work by people the viewer has not muted. */
export function WorkBookmarksPage({
  page,
  work,
  data,
}: {
  page: PageContext;
  work: { id: number; title: string };
  data: { total: number; page: number; pages: number; bookmarks: ShownBookmark[] };
}) {
  const url = `/works/${work.id}/bookmarks`;
  return (
    <Layout page={page} title={`Bookmarks of ${work.title}`}>
      <h1>
        Bookmarks of <a href={`/works/${work.id}`}>{work.title}</a>
      </h1>
      <p class="lede">
        {data.total === 0
          ? 'No public bookmarks yet.'
          : data.total === 1
            ? '1 bookmark'
            : `${data.total} bookmarks`}
        {page.viewer && (
          <>
            {' '}
            · <a href={`/works/${work.id}/bookmark`}>Bookmark this work</a>
          </>
        )}
      </p>
      <ol class="item-list">
        {data.bookmarks.map((b) => (
          <li class="item" key={b.id}>
            <BookmarkDetails page={page} bookmark={b} />
          </li>
        ))}
      </ol>
      {data.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {data.page > 1 && <a href={`${url}?page=${data.page - 1}`}>← Previous</a>}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages && <a href={`${url}?page=${data.page + 1}`}>Next →</a>}
        </nav>
      )}
    </Layout>
  );
}
