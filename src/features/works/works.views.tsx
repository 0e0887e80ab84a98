import { isStaff } from '../visibility/visibility.ts';
import { SubscribeButton } from '../subscriptions/subscriptions.views.tsx';
import type { ComponentChildren } from 'preact';
import type { Chapter } from '../../db/schema.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Form } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import type { WorkView } from './works.read.ts';
import { StatsLine } from './works-list.views.tsx';

export const workUrl = (id: number) => `/works/${id}`;

function TagList({ label, tags }: { label: string; tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <>
      <dt>{label}:</dt>
      <dd>
        <ul class="tag-list">
          {tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export function chapterCount(view: WorkView): string {
  return `${view.work.posted_chapters}/${view.work.expected_chapters ?? '?'}`;
}

/** AO3's meta block: every tag and statistic of a work. */
export function WorkMeta({ view }: { view: WorkView }) {
  const { work, tags } = view;
  return (
    <dl class="work-meta">
      <TagList label="Rating" tags={tags.rating} />
      <TagList label="Archive Warnings" tags={tags.warning} />
      <TagList label="Categories" tags={tags.category} />
      <TagList label={tags.fandom.length === 1 ? 'Fandom' : 'Fandoms'} tags={tags.fandom} />
      <TagList label="Relationships" tags={tags.relationship} />
      <TagList label="Characters" tags={tags.character} />
      <TagList label="Additional Tags" tags={tags.freeform} />
      <dt>Language:</dt>
      <dd>{work.language}</dd>
      {view.series.map((s) => (
        <>
          <dt>Series:</dt>
          <dd>
            Part {s.part} of <a href={`/series/${s.id}`}>{s.title}</a>
          </dd>
        </>
      ))}
      <dt>Stats:</dt>
      <dd class="work-stats">
        {work.published_at && (
          <span>
            Published: <Time iso={work.published_at} />
          </span>
        )}
        {work.revised_at && work.revised_at !== work.published_at && (
          <span>
            {work.complete ? 'Completed' : 'Updated'}: <Time iso={work.revised_at} />
          </span>
        )}
        <StatsLine work={work} language={false} />
      </dd>
    </dl>
  );
}

function Byline({ view }: { view: WorkView }) {
  return (
    <p class="byline">
      by{' '}
      {view.creators.map((c, i) => (
        <>
          {i > 0 && ', '}
          <a
            rel="author"
            href={`/users/${encodeURIComponent(c.username)}/pseuds/${encodeURIComponent(c.pseud)}`}
          >
            {c.pseud === c.username ? c.pseud : `${c.pseud} (${c.username})`}
          </a>
        </>
      ))}
    </p>
  );
}

/** Summary and notes: a level-2 heading for the work's, level 3 inside a chapter. */
function Block({ title, html, level = 2 }: { title: string; html: string; level?: 2 | 3 }) {
  if (!html) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="work-block">
      <Heading class="work-block__title">{title}</Heading>
      <Html class="prose" html={html as SafeHtml} />
    </section>
  );
}

function ChapterControls({
  page,
  chapter,
  canDelete,
}: {
  page: PageContext;
  chapter: Chapter;
  canDelete: boolean;
}) {
  return (
    <p class="chapter__controls">
      <a href={`${workUrl(chapter.work_id)}/chapters/${chapter.id}/edit`}>Edit chapter</a>
      {canDelete && (
        <Form
          action={`${workUrl(chapter.work_id)}/chapters/${chapter.id}/delete`}
          csrfToken={page.csrfToken}
          class="inline-form"
        >
          <button type="submit" class="link-button link-button--danger">
            Delete chapter
          </button>
        </Form>
      )}
    </p>
  );
}

function ChapterText({
  chapter,
  heading,
  controls,
}: {
  chapter: Chapter;
  heading: string | null;
  controls?: ComponentChildren;
}) {
  return (
    <article class="chapter" id={`chapter-${chapter.position}`}>
      {heading && <h2 class="chapter__title">{heading}</h2>}
      {chapter.posted === 0 && <p class="badge">Draft chapter</p>}
      {controls}
      <Block level={3} title="Chapter Summary" html={chapter.summary} />
      <Block level={3} title="Chapter Notes" html={chapter.notes} />
      <Html class="prose chapter__body" html={chapter.body as SafeHtml} />
      <Block level={3} title="Chapter End Notes" html={chapter.end_notes} />
    </article>
  );
}

export const chapterHeading = (chapter: Chapter) =>
  `Chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`;

export function WorkPage({
  page,
  view,
  chapter,
  full,
  announcements = [],
  reading,
  subscribed = false,
  interactions,
  comments,
}: {
  page: PageContext;
  view: WorkView;
  chapter: Chapter | null;
  full: boolean;
  /** Whether the signed-in reader subscribes to the work (the Subscribe button). */
  subscribed?: boolean;
  /** Kudos, bookmarks… below the work (features/kudos, features/bookmarks). */
  interactions?: ComponentChildren;
  /** The comment section (features/comments). */
  comments?: ComponentChildren;
  /** Journal entries announcing the work that this reader may see. */
  announcements?: { journal: string; url: string }[];
  /** The reader's history of the work ("updated since you read it", "mark for later"). */
  reading?: ComponentChildren;
}) {
  const { work } = view;
  const many = view.chapters.length > 1;
  const index = chapter ? view.chapters.findIndex((c) => c.id === chapter.id) : -1;
  const prev = index > 0 ? view.chapters[index - 1] : undefined;
  const next = index >= 0 ? view.chapters[index + 1] : undefined;
  const shown = full || !chapter ? view.chapters : [chapter];
  return (
    <Layout
      page={page}
      title={chapter && many && !full ? `${work.title} - ${chapterHeading(chapter)}` : work.title}
    >
      <WorkMeta view={view} />
      <header class="work-header">
        {work.posted === 0 && <p class="badge">Draft: only you can see this work</p>}
        {work.hidden_at && <p class="notice notice--error">Hidden by a moderator.</p>}
        <h1 class="work-title">{work.title}</h1>
        <Byline view={view} />
        {announcements.length > 0 && (
          <p class="byline announcements">
            Announced in{' '}
            {announcements.map((a, i) => (
              <>
                {i > 0 && ', '}
                <a href={a.url}>{a.journal}</a>
              </>
            ))}
          </p>
        )}
        {view.gifts.length > 0 && (
          <p class="byline gifts">
            For{' '}
            {view.gifts.map((g, i) => (
              <>
                {i > 0 && ', '}
                {g.username ? (
                  <a href={`/users/${encodeURIComponent(g.username)}`}>{g.recipient}</a>
                ) : (
                  g.recipient
                )}
              </>
            ))}
            .
          </p>
        )}
        {work.posted === 1 && !view.canEdit && (
          <SubscribeButton page={page} type="work" id={work.id} subscribed={subscribed} back={page.path} />
        )}
      </header>
      {reading}
      <Block title="Summary" html={work.summary} />
      <Block title="Notes" html={work.notes} />
      <nav class="work-actions" aria-label="Work">
        {many &&
          (full ? (
            <a href={`${workUrl(work.id)}/chapters/${view.chapters[0]!.id}`}>Chapter by chapter</a>
          ) : (
            <a href={`${workUrl(work.id)}?view_full_work=true`}>Entire work</a>
          ))}
        {many && <a href={`${workUrl(work.id)}/navigate`}>Chapter index</a>}
        <a href={`${workUrl(work.id)}/download.epub`}>EPUB</a>
        <a href={`${workUrl(work.id)}/download.html`}>HTML</a>
        <a href={`${workUrl(work.id)}/download.txt`}>Text</a>
        {view.canEdit && <a href={`${workUrl(work.id)}/edit`}>Edit work</a>}
        {view.canEdit && <a href={`${workUrl(work.id)}/chapters/new`}>Add chapter</a>}
        {!view.canEdit && <a href={`/reports/new?type=work&id=${work.id}`}>Report</a>}
        {isStaff(page.viewer) && (
          <a href={`${workUrl(work.id)}/moderation`}>{work.hidden_at ? 'Unhide' : 'Hide'}</a>
        )}
      </nav>
      {shown.map((c) => (
        <ChapterText
          key={c.id}
          chapter={c}
          heading={many ? chapterHeading(c) : c.title || null}
          controls={view.canEdit && <ChapterControls page={page} chapter={c} canDelete={many} />}
        />
      ))}
      {!full && many && (
        <nav class="pagination" aria-label="Chapters">
          {prev && <a href={`${workUrl(work.id)}/chapters/${prev.id}`}>← Previous chapter</a>}
          {next && <a href={`${workUrl(work.id)}/chapters/${next.id}`}>Next chapter →</a>}
        </nav>
      )}
      <Block title="End Notes" html={work.end_notes} />
      {interactions}
      {comments}
    </Layout>
  );
}

export function ChapterIndexPage({ page, view }: { page: PageContext; view: WorkView }) {
  return (
    <Layout page={page} title={`${view.work.title} - Chapter Index`}>
      <h1>
        Chapter index for <a href={workUrl(view.work.id)}>{view.work.title}</a>
      </h1>
      <ol class="chapter-index">
        {view.chapters.map((c) => (
          <li key={c.id}>
            <a href={`${workUrl(view.work.id)}/chapters/${c.id}`}>{chapterHeading(c)}</a>{' '}
            {c.published_at && (
              <span class="muted">
                (<Time iso={c.published_at} />)
              </span>
            )}
          </li>
        ))}
      </ol>
      {view.canEdit && view.chapters.length > 1 && (
        <Form action={`${workUrl(view.work.id)}/chapters/order`} csrfToken={page.csrfToken} class="form card">
          <h2>Reorder chapters</h2>
          <p class="field__hint">Type the new position of each chapter, then save.</p>
          {view.chapters.map((c) => (
            <div class="field field--inline" key={c.id}>
              <label for={`f-position-${c.id}`}>{chapterHeading(c)}</label>
              <input
                id={`f-position-${c.id}`}
                name={`position-${c.id}`}
                type="number"
                min={1}
                value={String(c.position)}
              />
            </div>
          ))}
          <button type="submit" class="button">
            Save order
          </button>
        </Form>
      )}
    </Layout>
  );
}

export function AdultNoticePage({
  page,
  view,
  proceed,
}: {
  page: PageContext;
  view: WorkView;
  proceed: string;
}) {
  return (
    <Layout page={page} title={`${view.work.title} - Adult content`}>
      <section class="notice adult-notice" aria-labelledby="adult-title">
        <h1 id="adult-title">This work could have adult content</h1>
        <p>
          “{view.work.title}” is rated <strong>{view.tags.rating[0] ?? 'Not Rated'}</strong>. If you continue,
          you agree that you are willing to see such content.
        </p>
        <p>
          <a class="button button--primary" href={proceed}>
            Yes, continue
          </a>{' '}
          <a class="button" href="/works">
            No, go back
          </a>
        </p>
      </section>
    </Layout>
  );
}
