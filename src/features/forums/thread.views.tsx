import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { boardUrl, Crumbs, indexUrl, Pages, SubscribeButton, threadUrl } from './forums.views.tsx';
import type { ShownPost, ThreadPage } from './thread-page.ts';

export interface ThreadChrome {
  page: PageContext;
  data: ThreadPage;
  community: string | null;
  subscribed: boolean;
  boards: { id: number; name: string }[];
  /** The reply form's text (a quote, or what was typed before an error). */
  values: FormValues;
  errors?: FieldErrors;
}

const STATUS_BADGE: Record<string, string> = {
  hidden: 'Hidden',
  pending: 'Awaiting approval',
  deleted: 'Deleted',
};

function PostActions({ chrome, post }: { chrome: ThreadChrome; post: ShownPost }) {
  const { page, data } = chrome;
  const mod = data.rights.moderate;
  const viewer = page.viewer;
  const base = `/forums/posts/${post.id}`;
  const button = (action: string, label: string, danger = false) => (
    <Form action={`${base}/${action}`} csrfToken={page.csrfToken} class="inline-form">
      <button type="submit" class={danger ? 'link-button link-button--danger' : 'link-button'}>
        {label}
        <span class="visually-hidden"> post #{post.number}</span>
      </button>
    </Form>
  );
  const canReply = data.rights.post && (data.thread.locked === 0 || mod);
  return (
    <div class="forum-post__actions">
      {post.shown === 'full' && canReply && (
        <a href={`${threadUrl(data.thread.id)}?page=${data.page}&quote=${post.id}#reply`}>
          Quote<span class="visually-hidden"> post #{post.number}</span>
        </a>
      )}
      {viewer &&
        post.status !== 'deleted' &&
        (post.authorId === viewer.id || mod) &&
        post.shown === 'full' && (
          <a href={`${base}/edit`}>
            Edit<span class="visually-hidden"> post #{post.number}</span>
          </a>
        )}
      {viewer && post.authorId !== viewer.id && post.status === 'visible' && (
        <a href={`${base}/report`}>
          Report<span class="visually-hidden"> post #{post.number}</span>
        </a>
      )}
      {mod && post.editCount > 0 && (
        <a href={`${base}/history`}>
          History<span class="visually-hidden"> of post #{post.number}</span>
        </a>
      )}
      {mod && post.status === 'pending' && button('approve', 'Approve')}
      {mod && (post.status === 'visible' || post.status === 'pending') && button('hide', 'Hide')}
      {mod && post.status === 'hidden' && button('unhide', 'Un-hide')}
      {mod && post.number > 1 && post.status !== 'deleted' && button('delete', 'Delete', true)}
    </div>
  );
}

export function PostView({ chrome, post }: { chrome: ThreadChrome; post: ShownPost }) {
  const mod = chrome.data.rights.moderate;
  return (
    <article
      class={`forum-post forum-post--${post.status}${post.kind === 'chapter' ? ' forum-post--chapter' : ''}`}
      id={`post-${post.number}`}
      aria-labelledby={`post-${post.number}-by`}
    >
      <header class="forum-post__header">
        <p class="forum-post__by" id={`post-${post.number}-by`}>
          {mod && post.number > 1 && post.status !== 'deleted' && (
            <input
              type="checkbox"
              name="posts"
              value={String(post.id)}
              form="chosen-posts"
              aria-label={`Choose post #${post.number}`}
              class="forum-post__choose"
            />
          )}
          {post.shown === 'full' ? (
            <a href={`/users/${encodeURIComponent(post.author)}`}>{post.author}</a>
          ) : (
            <span class="muted">Post</span>
          )}
          {post.kind === 'chapter' && post.shown === 'full' && <span class="badge">New chapter</span>}
          {(mod || post.status === 'pending') && STATUS_BADGE[post.status] && (
            <span class="badge badge--locked">{STATUS_BADGE[post.status]}</span>
          )}
          {mod && !post.bumps && <span class="badge">Not bumped</span>}
        </p>
        <p class="forum-post__meta">
          <a href={`/forums/posts/${post.id}`} class="forum-post__number">
            #{post.number}
          </a>{' '}
          <Time iso={post.createdAt} withTime />
          {post.editedAt && post.shown === 'full' && (
            <span class="muted">
              {' '}
              · edited <Time iso={post.editedAt} withTime />
            </span>
          )}
        </p>
      </header>
      {post.shown === 'full' && post.body !== null ? (
        <Html html={post.body} class="prose forum-post__body" />
      ) : (
        <p class="forum-post__stub muted">{post.stub}</p>
      )}
      <PostActions chrome={chrome} post={post} />
    </article>
  );
}

function ModTools({ chrome }: { chrome: ThreadChrome }) {
  const { page, data, boards } = chrome;
  const t = data.thread;
  const base = threadUrl(t.id);
  const toggle = (action: string, on: boolean, label: string) => (
    <Form action={`${base}/${action}`} csrfToken={page.csrfToken} class="inline-form">
      <input type="hidden" name="on" value={on ? '1' : '0'} />
      <button type="submit" class="button">
        {label}
      </button>
    </Form>
  );
  const errors = chrome.errors;
  return (
    <section class="card forum-mod" aria-labelledby="mod-tools">
      <h2 id="mod-tools">Moderation</h2>
      <p class="forum-mod__row">
        {toggle('pin', t.pinned === 0, t.pinned ? 'Unpin' : 'Pin')}
        {toggle('lock', t.locked === 0, t.locked ? 'Unlock' : 'Lock')}
        <a class="button" href="/forums/reports">
          Report queue
        </a>
      </p>
      <Form action={`${base}/move`} csrfToken={page.csrfToken} class="form form--inline">
        <div class="field">
          <label for="f-board">Move the thread to</label>
          <select id="f-board" name="board">
            {boards.map((b) => (
              <option key={b.id} value={String(b.id)} selected={b.id === t.board_id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Move
        </button>
      </Form>
      <Form action={`${base}/merge`} csrfToken={page.csrfToken} class="form form--inline">
        <Field name="into" label="Merge this thread into thread number" errors={errors} values={{}} />
        <button type="submit" class="button">
          Merge
        </button>
      </Form>
      <form
        method="post"
        action={`${base}/posts`}
        id="chosen-posts"
        class="form forum-mod__chosen"
        noValidate
      >
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <p class="field__hint">Tick posts above (on this page), then split them off or move them.</p>
        {errors?.posts && <p class="field__error">{errors.posts}</p>}
        <div class="form--inline">
          <Field name="title" label="New thread’s title" errors={errors} values={{}} />
          <button type="submit" name="action" value="split" class="button">
            Split off
          </button>
        </div>
        <div class="form--inline">
          <Field name="target" label="Or move them into thread number" errors={errors} values={{}} />
          <button type="submit" name="action" value="move" class="button">
            Move posts
          </button>
        </div>
      </form>
    </section>
  );
}

export function ThreadPageView(chrome: ThreadChrome) {
  const { page, data, values, errors } = chrome;
  const { thread, board, rights } = data;
  const base = threadUrl(thread.id);
  const canReply = rights.post && (thread.locked === 0 || rights.moderate);
  return (
    <Layout
      page={page}
      title={thread.title}
      width="wide"
      feeds={
        board.access === 'members'
          ? []
          : [{ type: 'application/atom+xml', href: `${base}/feed.atom`, title: `${thread.title} (Atom)` }]
      }
    >
      <Crumbs
        trail={[
          {
            href: indexUrl(chrome.community),
            label: chrome.community ? `${chrome.community} forums` : 'Forums',
          },
          { href: boardUrl(board.id), label: board.name },
        ]}
      />
      <header class="forum-header">
        <h1>
          {thread.title}
          {thread.pinned === 1 && <span class="badge">Pinned</span>}
          {thread.locked === 1 && <span class="badge badge--locked">Locked</span>}
        </h1>
        <div class="forum-header__actions">
          {page.viewer && (
            <a class="button" href={`${base}/unread`}>
              Jump to first unread
            </a>
          )}
          <SubscribeButton page={page} action={`${base}/subscription`} subscribed={chrome.subscribed} />
        </div>
      </header>
      <Pages base={base} page={data.page} pages={data.pages} label="Pages of posts" />
      <div class="forum-posts">
        {data.posts.map((post) => (
          <PostView key={post.id} chrome={chrome} post={post} />
        ))}
      </div>
      <Pages base={base} page={data.page} pages={data.pages} label="Pages of posts, again" />
      {canReply ? (
        <section class="card forum-new" id="reply" aria-labelledby="reply-title">
          <h2 id="reply-title">Reply</h2>
          {thread.locked === 1 && (
            <p class="notice">This thread is locked; as a moderator you can still reply.</p>
          )}
          {rights.waits && <p class="notice">Replies here wait for a moderator before others see them.</p>}
          <ErrorSummary errors={errors} />
          <Form action={`${base}/posts/new`} csrfToken={page.csrfToken}>
            <TextArea
              name="body"
              label="Your reply"
              hint="Plain text, or HTML."
              values={values}
              errors={errors}
              rows={8}
            />
            {rights.moderate && (
              <fieldset class="field choices" id="f-bump">
                <legend>Bump the thread</legend>
                <div class="field--radio">
                  <input type="radio" id="f-bump-1" name="bump" value="1" checked={values.bump !== '0'} />
                  <label for="f-bump-1">Bump it to the top of the board</label>
                </div>
                <div class="field--radio">
                  <input type="radio" id="f-bump-0" name="bump" value="0" checked={values.bump === '0'} />
                  <label for="f-bump-0">Don’t bump</label>
                </div>
              </fieldset>
            )}
            <p class="form-actions">
              <button type="submit" class="button button--primary">
                Post reply
              </button>
            </p>
          </Form>
        </section>
      ) : (
        <p class="muted forum-closed">
          {!page.viewer ? (
            <>
              <a href="/login">Log in</a> to reply.
            </>
          ) : thread.locked === 1 ? (
            'This thread is locked: it takes no more replies.'
          ) : (
            rights.reason
          )}
        </p>
      )}
      {rights.moderate && <ModTools chrome={chrome} />}
    </Layout>
  );
}
