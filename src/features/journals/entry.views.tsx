import type { ComponentChildren } from 'preact';
import { Html } from '../../web/html.tsx';
import { Time } from '../../web/time.tsx';
import { UserIcon } from '../icons/icons.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import type { ShownEntry } from './journals.read.ts';

const SECURITY_LABEL: Record<string, string> = {
  access: 'Access list',
  filter: 'Custom filter',
  private: 'Private',
};

export const journalUrl = (journal: Pick<JournalRow, 'display_name'>) =>
  `/journals/${encodeURIComponent(journal.display_name)}`;
export const entryUrl = (journal: Pick<JournalRow, 'display_name'>, id: number, tag?: string) =>
  `${journalUrl(journal)}/entries/${id}${tag ? `?tag=${encodeURIComponent(tag)}` : ''}`;
export const tagUrl = (journal: Pick<JournalRow, 'display_name'>, tag: string) =>
  `${journalUrl(journal)}/tags/${encodeURIComponent(tag)}`;

function Meta({ label, value }: { label: string; value: string }) {
  return value ? (
    <div class="entry__meta-item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  ) : null;
}

/**
 * One entry as a journal shows it: date, subject, security, the current mood/music/location, the
 * body (collapsed behind a notice when marked for adults and not yet agreed to), tags.
 */
export function EntryView({
  journal,
  entry,
  full,
  showAdult,
  heading = 'h2',
  footer,
}: {
  journal: JournalRow;
  entry: ShownEntry;
  full: boolean;
  showAdult: boolean;
  heading?: 'h1' | 'h2';
  footer?: ComponentChildren;
}) {
  const Heading = heading;
  const subject = entry.subject || '(no subject)';
  const hideBody = entry.adult === 1 && !showAdult;
  return (
    <article
      class={`entry${entry.sticky === 1 ? ' entry--sticky' : ''}`}
      aria-labelledby={`entry-${entry.id}`}
    >
      <header class="entry__header">
        {entry.icon && (
          <div class="entry__icon">
            <UserIcon icon={entry.icon} />
          </div>
        )}
        <p class="entry__date">
          <Time iso={entry.posted_at} withTime />
          {entry.sticky === 1 && <span class="badge">Sticky</span>}
          {entry.security !== 'public' && (
            <span class="badge badge--locked">Locked: {SECURITY_LABEL[entry.security]}</span>
          )}
          {entry.adult === 1 && <span class="badge">Adult content</span>}
        </p>
        <Heading class="entry__subject" id={`entry-${entry.id}`}>
          {full ? subject : <a href={entryUrl(journal, entry.id)}>{subject}</a>}
        </Heading>
        {journal.kind === 'community' && <p class="entry__poster">Posted by {entry.poster}</p>}
      </header>
      {(entry.mood || entry.music || entry.location) && (
        <dl class="entry__meta">
          <Meta label="Mood" value={entry.mood} />
          <Meta label="Music" value={entry.music} />
          <Meta label="Location" value={entry.location} />
        </dl>
      )}
      {hideBody ? (
        <p class="notice">
          This entry is marked as having adult content.{' '}
          <a href={`${entryUrl(journal, entry.id)}?view_adult=true`}>Read it</a>
        </p>
      ) : (
        <Html class="entry__body prose" html={entry.body} />
      )}
      {entry.tags.length > 0 && (
        <p class="entry__tags">
          Tags:{' '}
          {entry.tags.map((tag, i) => (
            <>
              {i > 0 && ', '}
              <a href={tagUrl(journal, tag)} rel="tag" key={tag}>
                {tag}
              </a>
            </>
          ))}
        </p>
      )}
      {footer}
    </article>
  );
}
