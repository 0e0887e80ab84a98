import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { CommentSection, ShownComment } from './comments.read.ts';
import { COMMENT_LIMIT, HONEYPOT } from './comments.schema.ts';

/** Replies nest visually this deep; below it, a "Continue this thread" link opens the subtree. */
export const MAX_NESTING = 5;

/** Where the section lives and how its links are made. */
export interface SectionPlace {
  /** The page's path (e.g. `/works/7/chapters/12`) and the parameters it keeps (`view_full_work`). */
  path: string;
  keep?: Record<string, string>;
  /** Where the comment form posts. */
  action: string;
  /** Work pages are cached for guests, so guests get a link to a form page instead of a form. */
  inlineForm: boolean;
  /** The form page (for guests on works): `…/comments/new`. */
  formPage: string;
  /** The chapter a new top-level comment is on (works, chapter by chapter). */
  chapterId?: number;
  /** Chapter labels for comments shown in the entire-work view. */
  chapterLabels?: Map<number, string>;
}

export const commentsCss = '/assets/comments.css';

function link(place: SectionPlace, params: Record<string, string | number | undefined>, anchor?: string) {
  const search = new URLSearchParams(place.keep ?? {});
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const query = search.toString();
  return `${place.path}${query ? `?${query}` : ''}${anchor ? `#${anchor}` : ''}`;
}

function Author({ comment }: { comment: ShownComment }) {
  const a = comment.author;
  if (a.kind === 'user') return <a href={`/users/${encodeURIComponent(a.username)}`}>{a.username}</a>;
  if (a.kind === 'guest') return <span>{a.name} (guest)</span>;
  return <span class="muted">(deleted account)</span>;
}

function Actions({
  page,
  section,
  place,
  comment,
  canReply,
}: {
  page: PageContext;
  section: CommentSection;
  place: SectionPlace;
  comment: ShownComment;
  canReply: boolean;
}) {
  const action = (path: string, label: string, danger = false) => (
    <li>
      <Form action={`/comments/${comment.id}/${path}`} csrfToken={page.csrfToken} class="inline-form">
        <button type="submit" class={`link-button${danger ? ' link-button--danger' : ''}`}>
          {label}
        </button>
      </Form>
    </li>
  );
  const here = {
    thread: section.thread?.id,
    view: section.mode === 'flat' ? 'flat' : undefined,
    page: section.page > 1 ? section.page : undefined,
  };
  const replyHref = place.inlineForm
    ? link(place, { ...here, reply: comment.id }, `reply-${comment.id}`)
    : `${place.formPage}?reply=${comment.id}`;
  const { manages } = section;
  return (
    <ul class="comment__actions" aria-label="Comment actions">
      {canReply && !comment.deleted && !comment.frozen && comment.state !== 'pending' && (
        <li>
          <a href={replyHref}>Reply</a>
        </li>
      )}
      <li>
        <a href={link(place, { thread: comment.id }, `comment-${comment.id}`)}>Thread</a>
      </li>
      {comment.parentId !== null && (
        <li>
          <a href={link(place, { thread: comment.parentId }, `comment-${comment.parentId}`)}>Parent</a>
        </li>
      )}
      {comment.mine && !comment.deleted && (
        <li>
          <a href={`/comments/${comment.id}/edit`}>Edit</a>
        </li>
      )}
      {manages && comment.state === 'screened' && action('unscreen', 'Unscreen')}
      {manages && comment.state === 'visible' && !comment.deleted && action('screen', 'Screen')}
      {manages && comment.state === 'pending' && action('approve', 'Approve')}
      {manages &&
        action(comment.frozen ? 'unfreeze' : 'freeze', comment.frozen ? 'Unfreeze' : 'Freeze thread')}
      {(manages || comment.mine) && !comment.deleted && action('delete', 'Delete', true)}
      {manages && comment.children.length > 0 && action('delete-thread', 'Delete thread', true)}
    </ul>
  );
}

interface ItemProps {
  page: PageContext;
  section: CommentSection;
  place: SectionPlace;
  comment: ShownComment;
  depth: number;
  canReply: boolean;
  replyTo?: number;
  values?: FormValues;
  errors?: FieldErrors;
}

function CommentItem(props: ItemProps) {
  const { section, place, comment, depth } = props;
  const chapterLabel = comment.chapterId !== null ? place.chapterLabels?.get(comment.chapterId) : undefined;
  const replies = comment.children;
  const headingId = `comment-${comment.id}-by`;
  return (
    <li class={`comment comment--${comment.state}${comment.deleted ? ' comment--deleted' : ''}`}>
      <article id={`comment-${comment.id}`} aria-labelledby={headingId}>
        {comment.deleted ? (
          <p class="comment__stub muted" id={headingId}>
            (Previous comment deleted.)
          </p>
        ) : (
          <>
            <header class="comment__header">
              <p class="comment__byline" id={headingId}>
                <Author comment={comment} />{' '}
                <span class="muted">
                  on <Time iso={comment.createdAt} withTime />
                  {chapterLabel && <> · {chapterLabel}</>}
                </span>
              </p>
              {comment.state === 'screened' && <span class="badge badge--warning">Screened</span>}
              {comment.state === 'pending' && <span class="badge badge--warning">Awaiting approval</span>}
              {comment.frozen && <span class="badge">Frozen</span>}
            </header>
            <Html class="comment__body prose" html={comment.body} />
            {comment.editedAt && (
              <p class="comment__edited muted">
                Edited at <Time iso={comment.editedAt} withTime />
              </p>
            )}
          </>
        )}
        <Actions
          page={props.page}
          section={section}
          place={place}
          comment={comment}
          canReply={props.canReply}
        />
        {props.replyTo === comment.id && (
          <div class="comment__reply" id={`reply-${comment.id}`}>
            <CommentForm
              page={props.page}
              section={section}
              place={place}
              parentId={comment.id}
              values={props.values}
              errors={props.errors}
            />
          </div>
        )}
      </article>
      {replies.length > 0 &&
        (depth + 1 >= MAX_NESTING ? (
          <p class="comment__continue">
            <a href={link(place, { thread: comment.id }, `comment-${comment.id}`)}>
              Continue this thread ({countAll(replies)} more) →
            </a>
          </p>
        ) : (
          <details class="comment__replies" open={depth < 2}>
            <summary>
              {countAll(replies)} {countAll(replies) === 1 ? 'reply' : 'replies'}
            </summary>
            <ol class="comments">
              {replies.map((r) => (
                <CommentItem key={r.id} {...props} comment={r} depth={depth + 1} />
              ))}
            </ol>
          </details>
        ))}
    </li>
  );
}

const countAll = (list: ShownComment[]): number => list.reduce((n, c) => n + 1 + countAll(c.children), 0);

/** The comment form: a reply when `parentId` is set. Guests also give a name (and may give an e-mail). */
export function CommentForm({
  page,
  section,
  place,
  parentId,
  values,
  errors,
}: {
  page: PageContext;
  section: Pick<CommentSection, 'target'>;
  place: Pick<SectionPlace, 'action' | 'chapterId'>;
  parentId?: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const guest = page.viewer === null;
  const state = section.target.initialState;
  return (
    <Form action={place.action} csrfToken={page.csrfToken} class="form comment-form">
      <ErrorSummary errors={errors} />
      {parentId !== undefined && <input type="hidden" name="parentId" value={String(parentId)} />}
      {parentId === undefined && place.chapterId !== undefined && (
        <input type="hidden" name="chapterId" value={String(place.chapterId)} />
      )}
      {guest && (
        <>
          <Field name="name" label="Your name" values={values} errors={errors} required maxLength={50} />
          <Field
            name="email"
            type="email"
            label="E-mail (optional, never shown)"
            values={values}
            errors={errors}
            autocomplete="email"
          />
        </>
      )}
      <div class="comment-form__trap" aria-hidden="true">
        <label for={`f-${HONEYPOT}-${parentId ?? 'new'}`}>Leave this field empty</label>
        <input
          id={`f-${HONEYPOT}-${parentId ?? 'new'}`}
          name={HONEYPOT}
          type="text"
          tabIndex={-1}
          autoComplete="off"
        />
      </div>
      <TextArea
        name="body"
        label={parentId !== undefined ? 'Your reply' : 'Your comment'}
        hint={`HTML or plain text, up to ${COMMENT_LIMIT.toLocaleString('en')} characters.`}
        values={values}
        errors={errors}
        maxLength={COMMENT_LIMIT}
      />
      {state === 'screened' && (
        <p class="field__hint">
          Your comment will be screened: only the owner sees it until they unscreen it.
        </p>
      )}
      {state === 'pending' && (
        <p class="field__hint">Comments here are moderated: yours shows once a creator approves it.</p>
      )}
      <button type="submit" class="button button--primary">
        {parentId !== undefined ? 'Post reply' : 'Post comment'}
      </button>
    </Form>
  );
}

/**
 * The comments of a work, a chapter or an entry: "Comments (N)", the view switches, a page of
 * threads (or one thread, or the flat view), page links, and the form (or why there is none).
 */
export function CommentsSection({
  page,
  section,
  place,
  replyTo,
  values,
  errors,
}: {
  page: PageContext;
  section: CommentSection;
  place: SectionPlace;
  replyTo?: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const canReply = section.target.refusal === null;
  const flat = section.mode === 'flat';
  const item = { page, section, place, canReply, replyTo, values, errors: replyTo ? errors : undefined };
  const pageLink = (n: number) => link(place, { view: flat ? 'flat' : undefined, page: n }, 'comments');
  return (
    <section class="comments-section" id="comments" aria-labelledby="comments-title">
      <link rel="stylesheet" href={commentsCss} />
      <h2 id="comments-title">Comments ({section.total})</h2>
      <nav class="comments-section__views" aria-label="Comment views">
        {section.mode === 'thread' ? (
          <a href={link(place, {}, 'comments')}>← All comments</a>
        ) : flat ? (
          <a href={link(place, {}, 'comments')}>Threaded view</a>
        ) : (
          <a href={link(place, { view: 'flat' }, 'comments')}>Flat view (oldest first)</a>
        )}
        {section.pending > 0 && (
          <a href={`/works/${section.target.id}/comments/moderation`}>
            {section.pending} {section.pending === 1 ? 'comment awaits' : 'comments await'} approval
          </a>
        )}
      </nav>
      {section.comments.length === 0 ? (
        <p class="muted">No comments yet.</p>
      ) : (
        <ol class={`comments${flat ? ' comments--flat' : ''}`}>
          {section.comments.map((c) => (
            <CommentItem key={c.id} {...item} comment={c} depth={0} />
          ))}
        </ol>
      )}
      {section.pages > 1 && (
        <nav class="pagination" aria-label="Comment pages">
          {Array.from({ length: section.pages }, (_, i) => i + 1).map((n) =>
            n === section.page ? (
              <span aria-current="page" key={n}>
                {n}
              </span>
            ) : (
              <a href={pageLink(n)} key={n}>
                {n}
              </a>
            ),
          )}
        </nav>
      )}
      <h3 id="comment-form">Leave a comment</h3>
      {section.target.refusal ? (
        <p class="notice">{section.target.refusal}</p>
      ) : place.inlineForm && replyTo ? (
        <p>
          <a href={link(place, {}, 'comment-form')}>Leave a new comment instead of a reply</a>
        </p>
      ) : place.inlineForm ? (
        <CommentForm page={page} section={section} place={place} values={values} errors={errors} />
      ) : (
        <p>
          <a class="button" href={`${place.formPage}${place.chapterId ? `?chapter=${place.chapterId}` : ''}`}>
            Comment as a guest
          </a>{' '}
          or <a href="/login">log in</a> to comment.
        </p>
      )}
    </section>
  );
}
