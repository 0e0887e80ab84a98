import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { hasAdultConsent } from '../../web/adult-consent.ts';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { browseQuerySchema } from '../browse/browse.schema.ts';
import { type BrowseResult, browseWorks } from '../browse/browse.service.ts';
import { type EntrySearchResult, searchEntries } from '../journals/entry-search.read.ts';
import { EntryResults } from '../journals/entry-search.views.tsx';
import { searchPseuds } from '../pseuds/pseuds.repository.ts';
import { WorkBlurb } from '../works/works-list.views.tsx';

type Result = Awaited<ReturnType<typeof searchPseuds>>[number];
const WORKS_SHOWN = 5;
const ENTRIES_SHOWN = 5;

/**
 * The site's search box: works matching the text (the first few, and a link to the full listing
 * with its filters, `/works?q=`), journal entries the viewer may see (the newest few, and a link
 * to all of them, `/entries/search?q=`) and people by username or pseud.
 */
export function searchRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/search', async (request, reply) => {
    const q = String((request.query as Record<string, unknown>).q ?? '')
      .trim()
      .slice(0, 100);
    const [works, entries, people] = q
      ? await Promise.all([
          browseWorks(ctx, request.viewer, browseQuerySchema.parse({ q })),
          searchEntries(ctx, request.viewer, q, { perPage: ENTRIES_SHOWN }),
          searchPseuds(ctx.db, q, 50),
        ])
      : [null, null, []];
    return sendPage(
      reply,
      <SearchPage
        page={pageContext(request, reply)}
        q={q}
        works={works}
        entries={entries}
        people={people}
        showAdult={hasAdultConsent(request)}
      />,
    );
  });
}

function SearchPage({
  page,
  q,
  works,
  entries,
  people,
  showAdult,
}: {
  page: PageContext;
  q: string;
  works: BrowseResult | null;
  entries: EntrySearchResult | null;
  people: Result[];
  showAdult: boolean;
}) {
  return (
    <Layout page={page} title={q ? `Search: “${q}”` : 'Search'} width="wide">
      <h1>Search</h1>
      <form method="get" action="/search" class="form form--inline" role="search">
        <div class="field">
          <label for="f-q">Words, “a phrase”, fandom:…, a username</label>
          <input id="f-q" type="search" name="q" value={q} maxLength={100} />
        </div>
        <button type="submit" class="button">
          Search
        </button>
      </form>
      {works && (
        <section aria-labelledby="works-title">
          <h2 id="works-title">
            {works.total === 0
              ? 'No works match'
              : `${works.total.toLocaleString('en')} ${works.total === 1 ? 'work' : 'works'}`}
          </h2>
          {works.notes.length > 0 && (
            <ul class="browse__notes">
              {works.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <ol class="blurbs">
            {works.works.slice(0, WORKS_SHOWN).map((w) => (
              <WorkBlurb work={w} key={w.id} />
            ))}
          </ol>
          {works.total > 0 && (
            <p>
              <a href={`/works?${new URLSearchParams({ q }).toString()}`}>
                {works.total > WORKS_SHOWN
                  ? `All ${works.total.toLocaleString('en')} works`
                  : 'Filter these works'}
              </a>
            </p>
          )}
        </section>
      )}
      {entries?.searched && (
        <section aria-labelledby="entries-title">
          <h2 id="entries-title">
            {entries.total === 0
              ? 'No journal entries match'
              : `${entries.total.toLocaleString('en')} journal ${entries.total === 1 ? 'entry' : 'entries'}`}
          </h2>
          <EntryResults
            entries={entries.entries}
            journals={entries.journals}
            showAdult={showAdult}
            showJournal
          />
          {entries.total > ENTRIES_SHOWN && (
            <p>
              <a href={`/entries/search?${new URLSearchParams({ q }).toString()}`}>
                All {entries.total.toLocaleString('en')} entries
              </a>
            </p>
          )}
        </section>
      )}
      {q && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {people.length === 0
              ? 'No people match'
              : `${people.length}${people.length === 50 ? '+' : ''} ${people.length === 1 ? 'person' : 'people'}`}
          </h2>
          <ul class="item-list">
            {people.map((r) => (
              <li class="item" key={`${r.username}/${r.name}`}>
                <a href={`/users/${encodeURIComponent(r.username)}/pseuds/${encodeURIComponent(r.name)}`}>
                  {r.name}
                </a>
                {r.name !== r.username && <span class="muted"> ({r.username})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
