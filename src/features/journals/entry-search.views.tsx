import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { entryUrl, journalUrl } from './entry.views.tsx';
import type { EntrySearchResult, FoundEntry } from './entry-search.read.ts';
import type { JournalRow } from './journals.repository.ts';
import { type JournalChrome, JournalLayout } from './journals.views.tsx';

const SECURITY_LABEL: Record<string, string> = {
  access: 'Locked: access list',
  filter: 'Locked: custom filter',
  private: 'Private',
};

/** The words as a page title shows them: a long search is cut. */
const titled = (q: string) => `“${q.length > 60 ? `${q.slice(0, 60)}…` : q}”`;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A search box for entries: the whole site's, or one journal's (`action`). */
export function EntrySearchForm({ action, q, label }: { action: string; q: string; label: string }) {
  return (
    <form method="get" action={action} class="form form--inline" role="search">
      <div class="field">
        <label for="f-entries-q">{label}</label>
        <input id="f-entries-q" type="search" name="q" value={q} maxLength={1000} />
      </div>
      <button type="submit" class="button">
        Search
      </button>
    </form>
  );
}

/** Found entries, each with its journal, date, subject, tags and the start of its text. */
export function EntryResults({
  entries,
  journals,
  showAdult,
  showJournal,
}: {
  entries: FoundEntry[];
  journals: Map<number, JournalRow>;
  showAdult: boolean;
  showJournal: boolean;
}) {
  return (
    <ol class="item-list entry-results">
      {entries.map((entry) => {
        const journal = journals.get(entry.journal_id)!;
        return (
          <li class="item" key={entry.id}>
            <div class="item__main">
              <p>
                <a href={entryUrl(journal, entry.id)}>
                  <strong>{entry.subject || '(no subject)'}</strong>
                </a>{' '}
                {showJournal && (
                  <>
                    in <a href={journalUrl(journal)}>{journal.display_name}</a>{' '}
                  </>
                )}
                <span class="muted">
                  <Time iso={entry.posted_at} />
                  {journal.kind === 'community' && ` · by ${entry.poster}`}
                </span>{' '}
                {entry.security !== 'public' && (
                  <span class="badge badge--locked">{SECURITY_LABEL[entry.security]}</span>
                )}
                {entry.status !== 'published' && (
                  <span class="badge badge--warning">
                    {entry.status === 'pending' ? 'Awaiting moderation' : 'Rejected'}
                  </span>
                )}
              </p>
              {entry.adult === 1 && !showAdult ? (
                <p class="muted">Adult content: open the entry to read it.</p>
              ) : (
                entry.excerpt && <p>{entry.excerpt}</p>
              )}
              {entry.tags.length > 0 && <p class="muted">Tags: {entry.tags.join(', ')}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul class="browse__notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

/** Newer/older pages of a search, the words kept. */
function SearchPages({ action, result }: { action: string; result: EntrySearchResult }) {
  if (result.pages <= 1) return null;
  const at = (page: number) => `${action}?${new URLSearchParams({ q: result.q, page: String(page) })}`;
  return (
    <nav class="pagination" aria-label="Pages">
      {result.page > 1 && <a href={at(result.page - 1)}>← Newer entries</a>}
      <span>
        Page {result.page} of {result.pages}
      </span>
      {result.page < result.pages && <a href={at(result.page + 1)}>Older entries →</a>}
    </nav>
  );
}

function Outcome({
  action,
  result,
  showAdult,
  showJournal,
}: {
  action: string;
  result: EntrySearchResult;
  showAdult: boolean;
  showJournal: boolean;
}) {
  if (!result.searched)
    return (
      <>
        <Notes notes={result.notes} />
        {result.q && <p>Type a word to search for.</p>}
      </>
    );
  return (
    <section aria-labelledby="entry-results-title">
      <h2 id="entry-results-title">
        {result.total === 0 ? 'No entries match' : plural(result.total, 'entry', 'entries')}
      </h2>
      <Notes notes={result.notes} />
      <EntryResults
        entries={result.entries}
        journals={result.journals}
        showAdult={showAdult}
        showJournal={showJournal}
      />
      <SearchPages action={action} result={result} />
    </section>
  );
}

/** One journal's search: `/journals/:name/search?q=`. */
export function JournalSearchPage({ chrome, result }: { chrome: JournalChrome; result: EntrySearchResult }) {
  const { journal } = chrome;
  const action = `${journalUrl(journal)}/search`;
  return (
    <JournalLayout
      chrome={chrome}
      title={result.q ? `${journal.title}: ${titled(result.q)}` : `${journal.title}: search`}
    >
      <h1 class="journal-heading">Search {journal.display_name}</h1>
      <EntrySearchForm action={action} q={result.q} label="Words, “a phrase”, -left out, title:, tag:" />
      <Outcome action={action} result={result} showAdult={chrome.showAdult} showJournal={false} />
    </JournalLayout>
  );
}

/** Every journal's entries: `/entries/search?q=` (the site search's “all entries”). */
export function SiteEntrySearchPage({
  page,
  result,
  showAdult,
}: {
  page: PageContext;
  result: EntrySearchResult;
  showAdult: boolean;
}) {
  return (
    <Layout page={page} title={result.q ? `Entries: ${titled(result.q)}` : 'Search entries'} width="wide">
      <h1>Search journal entries</h1>
      <EntrySearchForm
        action="/entries/search"
        q={result.q}
        label="Words, “a phrase”, -left out, title:, tag:"
      />
      <Outcome action="/entries/search" result={result} showAdult={showAdult} showJournal />
    </Layout>
  );
}
