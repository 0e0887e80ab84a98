import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';

interface Row {
  id: number;
  title: string;
  revised_at: string | null;
  word_count: number;
  posted?: number;
}

/** Works by Date Updated: the newest chapter first. Filters and blurbs arrive with [tags-browse]. */
export function WorksListPage({
  page,
  works,
  creator,
}: {
  page: PageContext;
  works: Row[];
  creator?: string;
}) {
  const heading = creator ? `Works by ${creator}` : 'Works';
  return (
    <Layout page={page} title={heading} width="wide">
      <h1>{heading}</h1>
      <p class="lede">
        Sorted by date updated.{' '}
        {page.viewer && (
          <a class="button button--primary" href="/works/new">
            Post a new work
          </a>
        )}
      </p>
      {works.length === 0 ? (
        <p>No works yet.</p>
      ) : (
        <ol class="item-list">
          {works.map((w) => (
            <li class="item" key={w.id}>
              <div class="item__main">
                <a href={`/works/${w.id}`}>{w.title}</a>
                {w.posted === 0 && <span class="badge">Draft</span>}
              </div>
              <div class="muted">
                {w.word_count.toLocaleString('en')} words
                {w.revised_at && (
                  <>
                    {' '}
                    · updated <Time iso={w.revised_at} />
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
