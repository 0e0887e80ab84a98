import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { WorkBlurb } from '../works/works-list.views.tsx';
import type { WorkView } from '../works/works.read.ts';
import type { ReadingItem, ReadingNote, ReadingsPage, ReadingsQuery } from './history.service.ts';

const FILTERS: { value: ReadingsQuery['filter']; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'later', label: 'Marked for later' },
  { value: 'updated', label: 'Updated since you read them' },
];

export const readingsPath = (username: string) => `/users/${encodeURIComponent(username)}/readings`;

function LaterButton({
  page,
  workId,
  later,
  back,
  title,
}: {
  page: PageContext;
  workId: number;
  later: boolean;
  back: string;
  title: string;
}) {
  return (
    <Form
      action={`/works/${workId}/later${later ? '/delete' : ''}`}
      csrfToken={page.csrfToken}
      class="inline-form"
    >
      <input type="hidden" name="return" value={back} />
      <button
        type="submit"
        class="link-button"
        aria-label={later ? `Mark as read: “${title}”` : `Mark for later: “${title}”`}
      >
        {later ? 'Mark as read' : 'Mark for later'}
      </button>
    </Form>
  );
}

/** On a work's page: "updated since you read it" and the mark-for-later button. */
export function ReadingBox({ page, view, note }: { page: PageContext; view: WorkView; note: ReadingNote }) {
  const { before } = note;
  const later = before?.later === 1;
  const reached = before && before.chapter_position > 0 ? before.chapter_position : null;
  const next = reached === null ? undefined : view.chapters.find((c) => c.position === reached + 1);
  const back = page.path ?? `/works/${view.work.id}`;
  return (
    <section class="reading-box" aria-label="Your reading history">
      {note.updatedSinceRead && before && (
        <p class="notice" role="status">
          Updated since you last read it (<Time iso={before.last_visited_at} />)
          {reached !== null && `: you had reached chapter ${reached}`}.
          {next && (
            <>
              {' '}
              <a href={`/works/${view.work.id}/chapters/${next.id}`}>Go on with chapter {next.position}</a>.
            </>
          )}
        </p>
      )}
      <p class="reading-tools">
        {later && <span class="badge">Marked for later</span>}
        <LaterButton page={page} workId={view.work.id} later={later} back={back} title={view.work.title} />
        {page.viewer && <a href={readingsPath(page.viewer.username)}>Your history</a>}
      </p>
    </section>
  );
}

function ReadingFacts({ page, item, back }: { page: PageContext; item: ReadingItem; back: string }) {
  const username = page.viewer!.username;
  return (
    <div class="reading-facts">
      {item.updatedSinceRead && <span class="badge badge--warning">Updated since you read it</span>}
      {item.later && <span class="badge">Marked for later</span>}
      {item.visits > 0 ? (
        <span>
          Last visited <Time iso={item.lastVisitedAt} /> ·{' '}
          {item.visits === 1 ? 'once' : `${item.visits} times`} · reached chapter {item.chapterReached} of{' '}
          {item.work.posted_chapters}
        </span>
      ) : (
        <span>
          Marked <Time iso={item.lastVisitedAt} />, not read yet
        </span>
      )}
      <LaterButton page={page} workId={item.work.id} later={item.later} back={back} title={item.work.title} />
      <Form
        action={`${readingsPath(username)}/${item.work.id}/delete`}
        csrfToken={page.csrfToken}
        class="inline-form"
      >
        <input type="hidden" name="return" value={back} />
        <button
          type="submit"
          class="link-button link-button--danger"
          aria-label={`Remove from history: “${item.work.title}”`}
        >
          Remove from history
        </button>
      </Form>
    </div>
  );
}

/** `/users/:username/readings`: the owner's history, newest visit first, with its filters. */
export function ReadingsHistoryPage({
  page,
  data,
  query,
}: {
  page: PageContext;
  data: ReadingsPage;
  query: ReadingsQuery;
}) {
  const base = readingsPath(page.viewer!.username);
  const link = (filter: ReadingsQuery['filter'], pageNumber = 1) => {
    const params = new URLSearchParams();
    if (filter !== 'all') params.set('filter', filter);
    if (pageNumber > 1) params.set('page', String(pageNumber));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const here = link(query.filter, query.page);
  const count = `${data.total.toLocaleString('en')} ${data.total === 1 ? 'work' : 'works'}`;
  return (
    <Layout page={page} title="Your reading history" width="wide" styles={['/assets/history.css']}>
      <h1>Your reading history</h1>
      <p class="lede">
        Works you read, newest visit first: when you last visited, how far you got, and whether a chapter was
        posted since. Only you see this page.
      </p>
      <div class="reading-tools">
        <Form action={`${base}/settings`} csrfToken={page.csrfToken} class="inline-form">
          <input type="hidden" name="enabled" value={data.enabled ? '0' : '1'} />
          <button type="submit" class="button">
            {data.enabled ? 'Turn history off' : 'Turn history on'}
          </button>
        </Form>
        <Form action={`${base}/clear`} csrfToken={page.csrfToken} class="inline-form">
          <button type="submit" class="button button--danger">
            Clear your history
          </button>
        </Form>
      </div>
      <p class="muted">
        {data.enabled
          ? 'Your history is on: each work you open is recorded.'
          : 'Your history is off: nothing new is recorded. What is listed here stays until you clear it.'}
      </p>
      <nav aria-label="Show">
        <ul class="reading-filters">
          {FILTERS.map((f) => (
            <li key={f.value}>
              <a href={link(f.value)} aria-current={f.value === query.filter ? 'page' : undefined}>
                {f.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{data.total === 0 ? 'Nothing here yet' : count}</h2>
      <ol class="blurbs">
        {data.items.map((item) => (
          <WorkBlurb work={item.work} key={item.work.id}>
            <ReadingFacts page={page} item={item} back={here} />
          </WorkBlurb>
        ))}
      </ol>
      {data.pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {data.page > 1 && <a href={link(query.filter, data.page - 1)}>← Previous</a>}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages && <a href={link(query.filter, data.page + 1)}>Next →</a>}
        </nav>
      )}
    </Layout>
  );
}
