import type { SafeHtml } from '../../lib/safe-html.ts';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { readSeries } from './series.read.ts';

export function SeriesPage({
  page,
  data,
}: {
  page: PageContext;
  data: Awaited<ReturnType<typeof readSeries>>;
}) {
  const { series, parts, words } = data;
  return (
    <Layout page={page} title={series.title}>
      <h1>{series.title}</h1>
      <p class="meta">
        {parts.length} {parts.length === 1 ? 'work' : 'works'} · {words.toLocaleString('en')} words ·{' '}
        {series.complete ? 'Complete' : 'Ongoing'}
      </p>
      {series.summary && <Html class="prose" html={series.summary as SafeHtml} />}
      <ol class="item-list">
        {parts.map((p) => (
          <li class="item" key={p.id}>
            <span class="muted">Part {p.part}: </span>
            <a href={`/works/${p.id}`}>{p.title}</a>
            <span class="muted"> · {p.word_count.toLocaleString('en')} words</span>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
