import type { FieldErrors } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { boardUrl, Crumbs, threadUrl } from './forums.views.tsx';
import type { OpenReport } from './reports.service.ts';

interface PostHead {
  id: number;
  number: number;
  thread: { id: number; title: string };
  board: { id: number; name: string };
}

const trail = (head: PostHead) => [
  { href: '/forums', label: 'Forums' },
  { href: boardUrl(head.board.id), label: head.board.name },
  { href: threadUrl(head.thread.id), label: head.thread.title },
];

export function EditPostPage({
  page,
  head,
  values,
  errors,
}: {
  page: PageContext;
  head: PostHead;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title={`Edit post #${head.number}`}>
      <Crumbs trail={trail(head)} />
      <h1>Edit post #{head.number}</h1>
      <p class="lede">The post will say it was edited; moderators can read what it said before.</p>
      <ErrorSummary errors={errors} />
      <Form action={`/forums/posts/${head.id}/edit`} csrfToken={page.csrfToken}>
        <TextArea
          name="body"
          label="Post"
          hint="Plain text, or HTML."
          values={values}
          errors={errors}
          rows={12}
        />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save the post
          </button>
          <a href={`/forums/posts/${head.id}`}>Cancel</a>
        </p>
      </Form>
    </Layout>
  );
}

export function PostHistoryPage({
  page,
  head,
  current,
  revisions,
}: {
  page: PageContext;
  head: PostHead;
  current: SafeHtml;
  revisions: { id: number; body: string; created_at: string; username: string | null }[];
}) {
  return (
    <Layout page={page} title={`History of post #${head.number}`}>
      <Crumbs trail={trail(head)} />
      <h1>History of post #{head.number}</h1>
      <section class="forum-revision" aria-labelledby="rev-now">
        <h2 id="rev-now">Now</h2>
        <Html html={current} class="prose" />
      </section>
      {revisions.map((r) => (
        <section class="forum-revision" key={r.id} aria-labelledby={`rev-${r.id}`}>
          <h2 id={`rev-${r.id}`}>
            Before the edit of <Time iso={r.created_at} withTime /> by {r.username ?? 'a deleted account'}
          </h2>
          <Html html={r.body as SafeHtml} class="prose" />
        </section>
      ))}
    </Layout>
  );
}

export function ReportPostPage({
  page,
  head,
  values,
  errors,
}: {
  page: PageContext;
  head: PostHead;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title={`Report post #${head.number}`}>
      <Crumbs trail={trail(head)} />
      <h1>Report post #{head.number}</h1>
      <p class="lede">The board’s moderators will read your report; the poster is not told who sent it.</p>
      <ErrorSummary errors={errors} />
      <Form action={`/forums/posts/${head.id}/report`} csrfToken={page.csrfToken}>
        <TextArea
          name="reason"
          label="What is wrong with it?"
          values={values}
          errors={errors}
          rows={4}
          maxLength={1000}
        />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Send the report
          </button>
        </p>
      </Form>
    </Layout>
  );
}

export function ReportsPage({ page, reports }: { page: PageContext; reports: OpenReport[] }) {
  return (
    <Layout page={page} title="Reported posts" width="wide">
      <Crumbs trail={[{ href: '/forums', label: 'Forums' }]} />
      <h1>Reported posts</h1>
      {reports.length === 0 ? (
        <p class="muted">No open reports on the boards you moderate.</p>
      ) : (
        <ul class="forum-reports">
          {reports.map((r) => (
            <li class="card" key={r.id}>
              <h2>
                <a href={`/forums/posts/${r.postId}`}>
                  #{r.number} in {r.threadTitle}
                </a>{' '}
                <span class="muted">({r.boardName})</span>
              </h2>
              <p>
                <strong>{r.reporter}</strong> reported {r.author}’s post, <Time iso={r.createdAt} withTime />:
                “{r.reason}”
              </p>
              <blockquote class="forum-reports__excerpt">{r.excerpt || '(empty)'}</blockquote>
              <p class="forum-mod__row">
                <Form
                  action={`/forums/posts/${r.postId}/hide`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <button type="submit" class="button button--danger">
                    Hide the post
                  </button>
                </Form>
                <Form
                  action={`/forums/reports/${r.id}/dismiss`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <button type="submit" class="button">
                    Dismiss the report
                  </button>
                </Form>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A work's creator links it to threads: each new chapter is then replied there. */
export function WorkThreadsPage({
  page,
  work,
  linked,
  values,
  errors,
}: {
  page: PageContext;
  work: { id: number; title: string };
  linked: { id: number; title: string; withText: boolean }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title={`Forum threads of ${work.title}`}>
      <Crumbs trail={[{ href: `/works/${work.id}`, label: work.title }]} />
      <h1>Forum threads of {work.title}</h1>
      <p class="lede">
        When you post a new chapter, Quire replies in each linked thread for you (the chapter’s title, its
        header and a link) and the thread moves to the top of its board. Drafts are never announced.
      </p>
      {linked.length > 0 && (
        <ul>
          {linked.map((t) => (
            <li key={t.id}>
              <a href={threadUrl(t.id)}>{t.title}</a> <span class="muted">(thread {t.id})</span>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary errors={errors} />
      <Form action={`/works/${work.id}/threads`} csrfToken={page.csrfToken}>
        <Field
          name="threads"
          label="Thread numbers"
          hint="Separated by commas or spaces; the number is in the thread’s address (/forums/threads/NUMBER). Empty: no threads."
          values={values}
          errors={errors}
        />
        <Checkbox
          name="withText"
          label="Include the chapter’s text in the reply"
          checked={values.withText === '1'}
        />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save the threads
          </button>
        </p>
      </Form>
    </Layout>
  );
}
