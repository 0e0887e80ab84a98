import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { periodLabel, StatsChart } from './stats-chart.tsx';
import { STAT_COLUMNS, type StatColumn, type Stats, type StatsQuery } from './stats.service.ts';

const HEADINGS: Record<StatColumn, string> = {
  title: 'Work',
  date: 'Published',
  words: 'Words',
  hits: 'Hits',
  kudos: 'Kudos',
  comments: 'Comments',
  bookmarks: 'Bookmarks',
  subscriptions: 'Subscriptions',
};

const NUMERIC = new Set<StatColumn>(['words', 'hits', 'kudos', 'comments', 'bookmarks', 'subscriptions']);
const number = (n: number) => n.toLocaleString('en');

/** The page's address with some of its query changed. */
export function statsUrl(base: string, query: StatsQuery, change: Partial<StatsQuery> = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.sort !== 'hits') params.set('sort', q.sort);
  if (q.dir !== 'desc') params.set('dir', q.dir);
  if (q.year !== undefined) params.set('year', String(q.year));
  if (q.work !== undefined) params.set('work', String(q.work));
  if (q.range !== '90d') params.set('range', q.range);
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

function SortHeader({ base, query, column }: { base: string; query: StatsQuery; column: StatColumn }) {
  const current = query.sort === column;
  const next = current ? (query.dir === 'desc' ? 'asc' : 'desc') : NUMERIC.has(column) ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      class={NUMERIC.has(column) ? 'num' : undefined}
      aria-sort={current ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={statsUrl(base, query, { sort: column, dir: next })}>
        {HEADINGS[column]}
        {current && <span aria-hidden="true">{query.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
        <span class="visually-hidden">
          {current ? `, sorted ${query.dir === 'asc' ? 'ascending' : 'descending'}` : ''}, sort by{' '}
          {HEADINGS[column].toLowerCase()} {next === 'asc' ? 'ascending' : 'descending'}
        </span>
      </a>
    </th>
  );
}

export function StatsPage({ page, username, stats }: { page: PageContext; username: string; stats: Stats }) {
  const base = `/users/${encodeURIComponent(username)}/stats`;
  const { query, totals } = stats;
  const chartScope =
    stats.series.workId === null
      ? 'all works'
      : (stats.chartWorks.find((w) => w.id === stats.series.workId)?.title ?? 'one work');
  return (
    <Layout page={page} title="Statistics" width="wide" styles={['/assets/stats.css']}>
      <h1>Statistics</h1>
      <p class="lede">
        Your works’ hits, kudos, comments, bookmarks and subscriptions. Drafts and hidden works are shown to
        you alone.
      </p>
      <nav class="stats-years" aria-label="Year published">
        <ul>
          <li>
            <a
              href={statsUrl(base, query, { year: undefined })}
              aria-current={query.year === undefined ? 'page' : undefined}
            >
              All years
            </a>
          </li>
          {stats.years.map((year) => (
            <li key={year}>
              <a
                href={statsUrl(base, query, { year })}
                aria-current={query.year === year ? 'page' : undefined}
              >
                {year}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {stats.works.length === 0 ? (
        <p>
          {query.year === undefined ? 'You have no works yet.' : `You published no works in ${query.year}.`}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="table stats-table">
            <caption class="visually-hidden">
              Statistics per work{query.year !== undefined ? `, works published in ${query.year}` : ''}
            </caption>
            <thead>
              <tr>
                {STAT_COLUMNS.map((column) => (
                  <SortHeader key={column} base={base} query={query} column={column} />
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.works.map((w) => (
                <tr key={w.id}>
                  <th scope="row">
                    <a href={`/works/${w.id}`}>{w.title}</a>
                    {w.status !== 'posted' && (
                      <span class="badge">{w.status === 'draft' ? 'Draft' : 'Hidden'}</span>
                    )}
                  </th>
                  <td>{w.publishedAt ? w.publishedAt.slice(0, 10) : '—'}</td>
                  <td class="num">{number(w.words)}</td>
                  <td class="num">{number(w.hits)}</td>
                  <td class="num">{number(w.kudos)}</td>
                  <td class="num">{number(w.comments)}</td>
                  <td class="num">{number(w.bookmarks)}</td>
                  <td class="num">{number(w.subscriptions)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">
                  Total ({stats.works.length === 1 ? '1 work' : `${stats.works.length} works`})
                </th>
                <td />
                <td class="num">{number(totals.words)}</td>
                <td class="num">{number(totals.hits)}</td>
                <td class="num">{number(totals.kudos)}</td>
                <td class="num">{number(totals.comments)}</td>
                <td class="num">{number(totals.bookmarks)}</td>
                <td class="num">{number(totals.subscriptions)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <section class="stats-over-time" aria-labelledby="over-time">
        <h2 id="over-time">Hits and kudos over time</h2>
        <form method="get" action={base} class="form form--inline">
          {query.sort !== 'hits' && <input type="hidden" name="sort" value={query.sort} />}
          {query.dir !== 'desc' && <input type="hidden" name="dir" value={query.dir} />}
          {query.year !== undefined && <input type="hidden" name="year" value={String(query.year)} />}
          <div class="field">
            <label for="f-work">Work</label>
            <select id="f-work" name="work">
              <option value="">All works</option>
              {stats.chartWorks.map((w) => (
                <option key={w.id} value={String(w.id)} selected={w.id === stats.series.workId}>
                  {w.title}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-range">Period</label>
            <select id="f-range" name="range">
              <option value="90d" selected={query.range === '90d'}>
                Last 90 days, by day
              </option>
              <option value="12m" selected={query.range === '12m'}>
                Last 12 months, by month
              </option>
            </select>
          </div>
          <button type="submit" class="button">
            Show
          </button>
        </form>
        <figure class="stats-figure">
          <StatsChart points={stats.series.points} unit={stats.series.unit} scope={chartScope} />
        </figure>
        <details class="stats-data">
          <summary>The chart’s numbers as a table</summary>
          <table class="table">
            <caption class="visually-hidden">
              Hits and kudos per {stats.series.unit}, {chartScope}
            </caption>
            <thead>
              <tr>
                <th scope="col">{stats.series.unit === 'day' ? 'Day' : 'Month'}</th>
                <th scope="col" class="num">
                  Hits
                </th>
                <th scope="col" class="num">
                  Kudos
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.series.points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{stats.series.unit === 'day' ? p.period : periodLabel(p.period)}</th>
                  <td class="num">{number(p.hits)}</td>
                  <td class="num">{number(p.kudos)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </Layout>
  );
}
