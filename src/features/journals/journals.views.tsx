import type { ComponentChildren } from 'preact';
import { Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { EntryView, entryUrl, journalUrl, tagUrl } from './entry.views.tsx';
import { feedLinks } from './feeds.ts';
import type { JournalRow } from './journals.repository.ts';
import type { ShownEntry } from './journals.read.ts';

export interface JournalChrome {
  page: PageContext;
  journal: JournalRow;
  /** Signed in and may post here. */
  canPost: boolean;
  /** The journal's owner, or one of a community's maintainers and moderators (the queue link). */
  staff?: boolean;
  subscribed: boolean;
  showAdult: boolean;
}

/** A journal's pages: its title and subtitle, its own navigation, and its theme. */
export function JournalLayout({
  chrome,
  title,
  children,
  tag,
}: {
  chrome: JournalChrome;
  title: string;
  children: ComponentChildren;
  tag?: string;
}) {
  const { page, journal } = chrome;
  const base = journalUrl(journal);
  const links = feedLinks(journal.display_name, tag);
  const about = tag ? `${journal.title}: ${tag}` : journal.title;
  const feeds = [
    { type: 'application/atom+xml', href: links.atom, title: `${about} (Atom)` },
    { type: 'application/rss+xml', href: links.rss, title: `${about} (RSS)` },
  ];
  return (
    <Layout page={page} title={title} theme={journal.theme} feeds={feeds}>
      <header class="journal-header">
        <p class="journal-header__name">
          <a href={base}>{journal.display_name}</a>
          {journal.kind === 'community' && <span class="badge">Community</span>}
        </p>
        <p class="journal-header__title">{journal.title}</p>
        {journal.subtitle && <p class="journal-header__subtitle">{journal.subtitle}</p>}
        <nav class="journal-nav" aria-label="Journal">
          <a href={base}>Recent</a> <a href={`${base}/tags`}>Tags</a>{' '}
          <a href={`${base}/calendar`}>Calendar</a>
          {journal.kind === 'community' && (
            <>
              {' '}
              <a href={`${base}/profile`}>Profile</a> <a href={`${base}/members`}>Members</a>
              {chrome.staff && (
                <>
                  {' '}
                  <a href={`${base}/queue`}>Queue</a>
                </>
              )}
            </>
          )}
          {chrome.canPost && (
            <>
              {' '}
              <a class="button button--primary" href={`${base}/post`}>
                Post an entry
              </a>
            </>
          )}
          <form method="get" action={`${base}/search`} role="search" class="site-search">
            <label class="visually-hidden" for="journal-search-q">
              Search {journal.display_name}
            </label>
            <input id="journal-search-q" type="search" name="q" placeholder="Search this journal…" />
            <button type="submit" class="button">
              Search
            </button>
          </form>
          {page.viewer && page.viewer.id !== journal.owner_id && (
            <Form
              action={`${base}/subscribe`}
              csrfToken={page.csrfToken}
              class="inline-form journal-nav__subscribe"
            >
              <input type="hidden" name="on" value={chrome.subscribed ? '0' : '1'} />
              <button type="submit" class="button">
                {chrome.subscribed ? 'Unsubscribe' : 'Subscribe'}
              </button>
            </Form>
          )}
        </nav>
      </header>
      {children}
    </Layout>
  );
}

/** An entry that only its poster and the community's moderators see yet (or any more). */
export function ModerationNotice({ chrome, entry }: { chrome: JournalChrome; entry: ShownEntry }) {
  if (entry.status === 'published') return null;
  const base = journalUrl(chrome.journal);
  const own = chrome.page.viewer?.id === entry.poster_id;
  return (
    <p class="notice">
      {entry.status === 'pending'
        ? 'This entry is waiting for the community’s moderators: nobody else can read it yet.'
        : 'The community’s moderators rejected this entry: nobody else can read it.'}{' '}
      {own ? (
        <a href={`${base}/submissions`}>Your submissions</a>
      ) : (
        chrome.staff && entry.status === 'pending' && <a href={`${base}/queue`}>Moderation queue</a>
      )}
    </p>
  );
}

function Pages({ base, page, pages }: { base: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const at = (n: number) => `${base}${base.includes('?') ? '&' : '?'}page=${n}`;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && <a href={at(page - 1)}>← Newer entries</a>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <a href={at(page + 1)}>Older entries →</a>}
    </nav>
  );
}

export function RecentPage({
  chrome,
  sticky,
  entries,
  page,
  pages,
  tag,
  commentCounts,
}: {
  chrome: JournalChrome;
  sticky: ShownEntry[];
  entries: ShownEntry[];
  page: number;
  pages: number;
  tag?: string;
  /** Comments the reader may see, by entry (features/comments). */
  commentCounts?: Map<number, number>;
}) {
  const { journal } = chrome;
  const heading = tag ? `Entries tagged “${tag}”` : 'Recent entries';
  const shown = [...sticky, ...entries];
  return (
    <JournalLayout chrome={chrome} title={tag ? `${journal.title}: ${tag}` : journal.title} tag={tag}>
      <h1 class="journal-heading">{heading}</h1>
      {shown.length === 0 ? (
        <p>No entries {tag ? 'with this tag ' : ''}yet.</p>
      ) : (
        shown.map((entry) => (
          <EntryView
            key={entry.id}
            journal={journal}
            entry={entry}
            full={false}
            showAdult={chrome.showAdult}
            footer={
              <>
                <ModerationNotice chrome={chrome} entry={entry} />
                <p class="entry__links">
                  <a href={entryUrl(journal, entry.id, tag)}>Link</a>
                  {commentCounts && entry.comments === 'enabled' && (
                    <>
                      {' · '}
                      <a href={`${entryUrl(journal, entry.id)}#comments`}>
                        {commentCounts.get(entry.id) ?? 0}{' '}
                        {(commentCounts.get(entry.id) ?? 0) === 1 ? 'comment' : 'comments'}
                      </a>
                    </>
                  )}
                </p>
              </>
            }
          />
        ))
      )}
      <Pages base={tag ? tagUrl(journal, tag) : journalUrl(journal)} page={page} pages={pages} />
    </JournalLayout>
  );
}

type Neighbour = { id: number; subject: string } | undefined;

export function EntryPage({
  chrome,
  entry,
  previous,
  next,
  tag,
  canEdit,
  comments,
}: {
  chrome: JournalChrome;
  entry: ShownEntry;
  previous: Neighbour;
  next: Neighbour;
  tag?: string;
  canEdit: boolean;
  /** The comment section (features/comments). */
  comments?: ComponentChildren;
}) {
  const { journal, page } = chrome;
  const step = (n: Neighbour, label: string, rel: 'prev' | 'next') =>
    n ? (
      <a href={entryUrl(journal, n.id, tag)} rel={rel}>
        {label}
      </a>
    ) : null;
  return (
    <JournalLayout chrome={chrome} title={entry.subject || `${journal.title}: an entry`}>
      <nav class="entry-steps" aria-label={tag ? `Entries tagged ${tag}` : 'Entries'}>
        {step(previous, '← Previous entry', 'prev')}
        {tag && <span class="muted">Tagged “{tag}”</span>}
        {step(next, 'Next entry →', 'next')}
      </nav>
      <EntryView
        journal={journal}
        entry={entry}
        full
        heading="h1"
        showAdult={chrome.showAdult}
        footer={
          <>
            <ModerationNotice chrome={chrome} entry={entry} />
            {canEdit ? (
              <p class="entry__links">
                <a href={`/entries/${entry.id}/edit`}>Edit entry</a>
                {entry.edit_count > 0 && (
                  <span class="muted">
                    {' '}
                    · edited {entry.edit_count} {entry.edit_count === 1 ? 'time' : 'times'}
                  </span>
                )}{' '}
                <Form action={`/entries/${entry.id}/delete`} csrfToken={page.csrfToken} class="inline-form">
                  <button type="submit" class="link-button link-button--danger">
                    Delete entry
                  </button>
                </Form>
              </p>
            ) : entry.edit_count > 0 ? (
              <p class="entry__links muted">Edited</p>
            ) : null}
            {!canEdit && page.viewer?.id !== entry.poster_id && (
              <p class="entry__links">
                <a href={`/reports/new?type=entry&id=${entry.id}`}>Report this entry</a>
              </p>
            )}
          </>
        }
      />
      {comments}
    </JournalLayout>
  );
}

export function TagsPage({
  chrome,
  tags,
}: {
  chrome: JournalChrome;
  tags: { name: string; count: number }[];
}) {
  const { journal } = chrome;
  const most = Math.max(1, ...tags.map((t) => t.count));
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: tags`}>
      <h1 class="journal-heading">Tags</h1>
      {tags.length === 0 ? (
        <p>No tags yet.</p>
      ) : (
        <ul class="tag-cloud">
          {tags.map((tag) => (
            <li key={tag.name} style={`font-size: ${(0.9 + (tag.count / most) * 0.9).toFixed(2)}rem`}>
              <a href={tagUrl(journal, tag.name)}>{tag.name}</a>{' '}
              <span class="muted">
                ({tag.count} {tag.count === 1 ? 'entry' : 'entries'})
              </span>
            </li>
          ))}
        </ul>
      )}
    </JournalLayout>
  );
}
