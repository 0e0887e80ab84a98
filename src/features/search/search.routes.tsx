import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { browseQuerySchema } from '../browse/browse.schema.ts';
import { type BrowseResult, browseWorks } from '../browse/browse.service.ts';
import { searchPseuds } from '../pseuds/pseuds.repository.ts';
import { WorkBlurb } from '../works/works-list.views.tsx';

type Result = Awaited<ReturnType<typeof searchPseuds>>[number];
const WORKS_SHOWN = 5;

/**
 * The site's search box: works matching the text (the first few, and a link to the full listing
 * with its filters, `/works?q=`) and people by username or pseud.
 */
export function searchRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/search', async (request, reply) => {
    const q = String((request.query as Record<string, unknown>).q ?? '')
      .trim()
      .slice(0, 100);
    const [works, people] = q
      ? await Promise.all([
          browseWorks(ctx, request.viewer, browseQuerySchema.parse({ q })),
          searchPseuds(ctx.db, q, 50),
        ])
      : [null, []];
    return sendPage(
      reply,
      <SearchPage page={pageContext(request, reply)} q={q} works={works} people={people} />,
    );
  });
}

function SearchPage({
  page,
  q,
  works,
  people,
}: {
  page: PageContext;
  q: string;
  works: BrowseResult | null;
  people: Result[];
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
