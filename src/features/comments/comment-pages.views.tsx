import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { CommentTarget } from './comment-targets.ts';
import type { ShownComment } from './comments.read.ts';
import { COMMENT_LIMIT } from './comments.schema.ts';
import { CommentForm, commentsCss } from './comments.views.tsx';

function Quoted({ comment }: { comment: ShownComment }) {
  const a = comment.author;
  const name =
    a.kind === 'user' ? a.username : a.kind === 'guest' ? `${a.name} (guest)` : '(deleted account)';
  return (
    <blockquote class="comment comment--quoted">
      <p class="comment__byline">
        {name}{' '}
        <span class="muted">
          on <Time iso={comment.createdAt} withTime />
        </span>
      </p>
      <Html class="comment__body prose" html={comment.body} />
    </blockquote>
  );
}

/**
 * A comment form on a page of its own: what guests use on works (whose pages are cached for guests),
 * and where a refused comment comes back with its errors and the text as typed.
 */
export function CommentFormPage({
  page,
  target,
  action,
  chapterId,
  parent,
  values,
  errors,
}: {
  page: PageContext;
  target: CommentTarget;
  action: string;
  chapterId?: number;
  parent?: ShownComment;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const title = parent ? `Reply to a comment on ${target.title}` : `Comment on ${target.title}`;
  return (
    <Layout page={page} title={title} styles={[commentsCss]}>
      <h1>
        {parent ? 'Reply to a comment on ' : 'Comment on '}
        <a href={target.url}>{target.title}</a>
      </h1>
      {parent && <Quoted comment={parent} />}
      {target.refusal && !values?.body ? (
        <p class="notice notice--error">{target.refusal}</p>
      ) : (
        <CommentForm
          page={page}
          section={{ target }}
          place={{ action, chapterId }}
          parentId={parent?.id}
          values={values}
          errors={errors}
        />
      )}
      <p>
        <a href={`${target.url}#comments`}>Back to the comments</a>
      </p>
    </Layout>
  );
}

export function EditCommentPage({
  page,
  comment,
  target,
  values,
  errors,
}: {
  page: PageContext;
  comment: { id: number };
  target: CommentTarget;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title={`Edit your comment on ${target.title}`} styles={[commentsCss]}>
      <h1>
        Edit your comment on <a href={target.url}>{target.title}</a>
      </h1>
      <Form action={`/comments/${comment.id}/edit`} csrfToken={page.csrfToken} class="form comment-form">
        <ErrorSummary errors={errors} />
        <TextArea
          name="body"
          label="Your comment"
          hint={`HTML or plain text, up to ${COMMENT_LIMIT.toLocaleString('en')} characters. It will be marked as edited.`}
          values={values}
          errors={errors}
          maxLength={COMMENT_LIMIT}
          rows={10}
        />
        <button type="submit" class="button button--primary">
          Save comment
        </button>
      </Form>
      <p>
        <a href={`/comments/${comment.id}`}>Cancel</a>
      </p>
    </Layout>
  );
}

/** A moderated work's queue: comments waiting for a creator to approve or delete them. */
export function ModerationQueuePage({
  page,
  target,
  comments,
}: {
  page: PageContext;
  target: CommentTarget;
  comments: ShownComment[];
}) {
  return (
    <Layout page={page} title={`Comments awaiting approval on ${target.title}`} styles={[commentsCss]}>
      <h1>
        Comments awaiting approval on <a href={target.url}>{target.title}</a>
      </h1>
      {comments.length === 0 ? (
        <p>No comment is waiting.</p>
      ) : (
        <ol class="comments">
          {comments.map((c) => (
            <li class="comment comment--pending" key={c.id}>
              <article id={`comment-${c.id}`} aria-label={`Comment ${c.id}`}>
                <Quoted comment={c} />
                <ul class="comment__actions" aria-label="Moderation">
                  <li>
                    <Form action={`/comments/${c.id}/approve`} csrfToken={page.csrfToken} class="inline-form">
                      <input type="hidden" name="back" value="queue" />
                      <button type="submit" class="button button--primary">
                        Approve
                      </button>
                    </Form>
                  </li>
                  <li>
                    <Form action={`/comments/${c.id}/delete`} csrfToken={page.csrfToken} class="inline-form">
                      <input type="hidden" name="back" value="queue" />
                      <button type="submit" class="button button--danger">
                        Delete
                      </button>
                    </Form>
                  </li>
                </ul>
              </article>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
