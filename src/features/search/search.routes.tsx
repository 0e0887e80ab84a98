import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { pageContext } from '../../web/page-context.ts';
import { sendPage } from '../../web/render.ts';
import { searchPseuds } from '../pseuds/pseuds.repository.ts';

type Result = Awaited<ReturnType<typeof searchPseuds>>[number];

/** Finds people by username or pseud. Works, tags and entries join this page as they land. */
export function searchRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/search', async (request, reply) => {
    const q = String((request.query as Record<string, unknown>).q ?? '')
      .trim()
      .slice(0, 100);
    const results = q ? await searchPseuds(ctx.db, q, 50) : [];
    return sendPage(reply, <SearchPage page={pageContext(request, reply)} q={q} results={results} />);
  });
}

function SearchPage({ page, q, results }: { page: PageContext; q: string; results: Result[] }) {
  return (
    <Layout page={page} title={q ? `People matching “${q}”` : 'Find people'}>
      <h1>Find people</h1>
      <form method="get" action="/search" class="form form--inline" role="search">
        <div class="field">
          <label for="f-q">Username or pseud</label>
          <input id="f-q" type="search" name="q" value={q} maxLength={100} />
        </div>
        <button type="submit" class="button">
          Search
        </button>
      </form>
      {q && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {results.length === 0
              ? 'Nobody matches'
              : `${results.length}${results.length === 50 ? '+' : ''} found`}
          </h2>
          <ul class="item-list">
            {results.map((r) => (
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
