import type { FieldErrors } from '../../lib/errors.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { BoardPage, ForumIndex } from './boards.service.ts';

export const ACCESS_LABEL: Record<string, string> = {
  public: 'Public: everyone reads',
  members: 'Members only',
  'read-only': 'Read-only: only moderators post',
};

export const boardUrl = (id: number) => `/forums/boards/${id}`;
export const threadUrl = (id: number) => `/forums/threads/${id}`;
export const indexUrl = (community: string | null) =>
  community ? `/forums?community=${encodeURIComponent(community)}` : '/forums';

/** Previous / next page links. */
export function Pages({
  base,
  page,
  pages,
  label,
}: {
  base: string;
  page: number;
  pages: number;
  label: string;
}) {
  if (pages <= 1) return null;
  const at = (n: number) => `${base}${base.includes('?') ? '&' : '?'}page=${n}`;
  return (
    <nav class="pagination" aria-label={label}>
      {page > 1 && <a href={at(page - 1)}>← Previous page</a>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <a href={at(page + 1)}>Next page →</a>}
    </nav>
  );
}

/** Where this page sits: Forums › Board › … */
export function Crumbs({ trail }: { trail: { href: string; label: string }[] }) {
  return (
    <nav class="forum-crumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((c) => (
          <li key={c.href}>
            <a href={c.href}>{c.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Subscribe / unsubscribe (notifications come with [interactions]; the choice is kept now). */
export function SubscribeButton({
  page,
  action,
  subscribed,
}: {
  page: PageContext;
  action: string;
  subscribed: boolean;
}) {
  if (!page.viewer) return null;
  return (
    <Form action={action} csrfToken={page.csrfToken} class="inline-form">
      <input type="hidden" name="subscribed" value={subscribed ? '0' : '1'} />
      <button type="submit" class="button">
        {subscribed ? 'Unsubscribe' : 'Subscribe'}
      </button>
    </Form>
  );
}

export function ForumIndexPage({
  page,
  index,
  values,
  errors,
}: {
  page: PageContext;
  index: ForumIndex;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const title = index.community ? `${index.community.title}: forums` : 'Forums';
  return (
    <Layout page={page} title={title} width="wide">
      <h1>{title}</h1>
      {index.community && (
        <p class="lede">
          The boards of the community{' '}
          <a href={`/journals/${encodeURIComponent(index.community.name)}`}>{index.community.name}</a>.{' '}
          <a href="/forums">All site forums</a>
        </p>
      )}
      {index.categories.length === 0 && <p class="muted">There are no boards here yet.</p>}
      {index.categories.map((category) => (
        <section class="forum-category" key={category.name} aria-labelledby={`cat-${category.boards[0]!.id}`}>
          <h2 id={`cat-${category.boards[0]!.id}`}>{category.name}</h2>
          <table class="table forum-table">
            <thead>
              <tr>
                <th scope="col">Board</th>
                <th scope="col" class="forum-table__num">
                  Threads
                </th>
                <th scope="col" class="forum-table__num">
                  Posts
                </th>
                <th scope="col">Last post</th>
              </tr>
            </thead>
            <tbody>
              {category.boards.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a class="forum-table__title" href={boardUrl(b.id)}>
                      {b.name}
                    </a>
                    {b.access !== 'public' && (
                      <span class="badge badge--locked">{ACCESS_LABEL[b.access]}</span>
                    )}
                    {b.description && <p class="forum-table__sub">{b.description}</p>}
                  </td>
                  <td class="forum-table__num" data-label="threads">
                    {b.threads}
                  </td>
                  <td class="forum-table__num" data-label="posts">
                    {b.posts}
                  </td>
                  <td class="forum-table__last">
                    {b.lastThreadId ? (
                      <>
                        <a href={threadUrl(b.lastThreadId)}>{b.lastThreadTitle}</a>
                        <br />
                        <span class="muted">
                          {b.lastPoster ?? 'someone'}, <Time iso={b.lastPostedAt!} withTime />
                        </span>
                      </>
                    ) : (
                      <span class="muted">No posts yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {index.canMakeBoards && (
        <section class="card forum-new" aria-labelledby="new-board">
          <h2 id="new-board">Make a board</h2>
          <ErrorSummary errors={errors} />
          <Form action="/forums/boards" csrfToken={page.csrfToken}>
            {index.community && <input type="hidden" name="community" value={index.community.name} />}
            <Field name="name" label="Name" values={values} errors={errors} maxLength={100} required />
            <Field
              name="category"
              label="Category"
              hint="Made if new; “General” when empty."
              values={values}
              errors={errors}
              maxLength={100}
            />
            <TextArea
              name="description"
              label="Description"
              values={values}
              errors={errors}
              rows={2}
              maxLength={1000}
            />
            <div class="field">
              <label for="f-access">Who may read and post</label>
              <select id="f-access" name="access">
                {Object.entries(ACCESS_LABEL).map(([value, label]) => (
                  <option key={value} value={value} selected={values.access === value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <Checkbox
              name="moderated"
              label="Moderated: posts wait for a moderator’s approval"
              checked={values.moderated === '1'}
            />
            <p class="form-actions">
              <button type="submit" class="button button--primary">
                Make the board
              </button>
            </p>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function BoardPageView({
  page,
  data,
  subscribed,
  values,
  errors,
}: {
  page: PageContext;
  data: BoardPage;
  subscribed: boolean;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { board, listing, rights } = data;
  const base = boardUrl(board.id);
  return (
    <Layout
      page={page}
      title={board.name}
      width="wide"
      feeds={
        board.access === 'members'
          ? []
          : [{ type: 'application/atom+xml', href: `${base}/feed.atom`, title: `${board.name} (Atom)` }]
      }
    >
      <Crumbs
        trail={[
          { href: indexUrl(data.community), label: data.community ? `${data.community} forums` : 'Forums' },
        ]}
      />
      <header class="forum-header">
        <h1>{board.name}</h1>
        <div class="forum-header__actions">
          <SubscribeButton page={page} action={`${base}/subscription`} subscribed={subscribed} />
          {rights.post && (
            <a class="button button--primary" href="#new-thread">
              New thread
            </a>
          )}
        </div>
      </header>
      {board.description && <p class="lede">{board.description}</p>}
      {board.access !== 'public' && <p class="muted">{ACCESS_LABEL[board.access]}.</p>}
      {listing.threads.length === 0 ? (
        <p class="muted">No threads yet.</p>
      ) : (
        <table class="table forum-table">
          <caption class="visually-hidden">Threads, pinned first, then most recently bumped</caption>
          <thead>
            <tr>
              <th scope="col">Thread</th>
              <th scope="col" class="forum-table__num">
                Replies
              </th>
              <th scope="col" class="forum-table__num">
                Views
              </th>
              <th scope="col">Last post</th>
            </tr>
          </thead>
          <tbody>
            {listing.threads.map((t) => (
              <tr
                key={t.id}
                class={`forum-thread${t.unread ? ' forum-thread--unread' : ''}`}
                data-thread={t.id}
              >
                <td>
                  {t.pinned && <span class="badge">Pinned</span>}
                  {t.locked && <span class="badge badge--locked">Locked</span>}
                  <a class="forum-table__title" href={threadUrl(t.id)}>
                    {t.title}
                  </a>
                  {t.unread && !t.seen && page.viewer && <span class="visually-hidden"> (unread)</span>}
                  {t.unread && t.seen && (
                    <a class="forum-unread" href={`${threadUrl(t.id)}/unread`}>
                      New posts<span class="visually-hidden"> in {t.title}</span>
                    </a>
                  )}
                  <p class="forum-table__sub">Started by {t.starter ?? 'a deleted account'}</p>
                </td>
                <td class="forum-table__num" data-label="replies">
                  {t.replies}
                </td>
                <td class="forum-table__num" data-label="views">
                  {t.views}
                </td>
                <td class="forum-table__last">
                  {t.lastPoster ?? 'someone'}
                  <br />
                  <span class="muted">
                    {t.lastPostId ? (
                      <a href={`/forums/posts/${t.lastPostId}`}>
                        <Time iso={t.lastPostedAt} withTime />
                        <span class="visually-hidden">: last post in {t.title}</span>
                      </a>
                    ) : (
                      <Time iso={t.lastPostedAt} withTime />
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pages base={base} page={listing.page} pages={listing.pages} label="Pages of threads" />
      {rights.post ? (
        <section class="card forum-new" id="new-thread" aria-labelledby="new-thread-title">
          <h2 id="new-thread-title">Start a thread</h2>
          {rights.waits && (
            <p class="notice">Posts on this board wait for a moderator before others see them.</p>
          )}
          <ErrorSummary errors={errors} />
          <Form action={`${base}/threads`} csrfToken={page.csrfToken}>
            <Field name="title" label="Title" values={values} errors={errors} maxLength={200} required />
            <TextArea
              name="body"
              label="Post"
              hint="Plain text, or HTML."
              values={values}
              errors={errors}
              rows={8}
            />
            <p class="form-actions">
              <button type="submit" class="button button--primary">
                Start the thread
              </button>
            </p>
          </Form>
        </section>
      ) : (
        <p class="muted">
          {page.viewer ? (
            rights.reason
          ) : (
            <>
              <a href="/login">Log in</a> to post.
            </>
          )}
        </p>
      )}
    </Layout>
  );
}
