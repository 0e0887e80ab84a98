import type { PageContext } from '../../web/page-context.ts';
import { type Listing, withParams } from '../browse/browse.views.tsx';
import type { BookmarkListing } from './bookmark-listing.ts';
import { BookmarkDetails, userBookmarksUrl } from './bookmarks.views.tsx';

type Params = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined) =>
  [value ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** The bookmarks page's own filters, inside the listing's filter form. */
function BookmarkFilters({
  path,
  params,
  result,
}: {
  path: string;
  params: Params;
  result: BookmarkListing;
}) {
  const chosen = list(params.bookmarkTags);
  return (
    <fieldset class="filters__group">
      <legend>Bookmarks</legend>
      <div class="field">
        <label for="f-bookmarkTags">Bookmarker’s tags</label>
        <input id="f-bookmarkTags" name="bookmarkTags" type="text" value={chosen.join(', ')} />
      </div>
      {result.bookmarkTags.length > 0 && (
        <ul class="facets">
          {result.bookmarkTags.map((t) => (
            <li key={t.name}>
              <a href={withParams(path, params, { bookmarkTags: [...chosen, t.name], page: undefined })}>
                {t.name} ({t.count.toLocaleString('en')})
              </a>
            </li>
          ))}
        </ul>
      )}
      <div class="field--checkbox">
        <input type="checkbox" id="f-recs" name="recs" value="true" checked={params.recs === 'true'} />
        <label for="f-recs">Recs only</label>
      </div>
    </fieldset>
  );
}

function SeriesBookmarks({ page, result }: { page: PageContext; result: BookmarkListing }) {
  if (result.series.length === 0) return null;
  return (
    <section aria-labelledby="series-bookmarks-title">
      <h2 id="series-bookmarks-title">Series ({result.series.length})</h2>
      <ol class="blurbs">
        {result.series.map((s) => (
          <li class="blurb" key={s.id}>
            <h3 class="blurb__title">
              <a href={`/series/${s.seriesId}`}>{s.title}</a> <span class="badge">Series</span>{' '}
              <span class="badge">{s.complete ? 'Complete' : 'In progress'}</span>
            </h3>
            <BookmarkDetails page={page} bookmark={s} showOwner={false} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** `/users/:name/bookmarks` as a browse listing: the heading, the series, and each work's bookmark. */
export function bookmarksListing(
  page: PageContext,
  owner: string,
  params: Params,
  result: BookmarkListing,
): Listing {
  const path = userBookmarksUrl(owner);
  return {
    heading: `Bookmarks by ${owner}`,
    path,
    intro: result.muted ? (
      <p class="notice">You have muted {owner}: their bookmarks are hidden from you.</p>
    ) : (
      <p class="lede">
        {result.own
          ? 'Your bookmarks, private ones included (only you see those).'
          : `Works and series ${owner} bookmarked.`}
      </p>
    ),
    before: <SeriesBookmarks page={page} result={result} />,
    filterFields: <BookmarkFilters path={path} params={params} result={result} />,
    blurbExtra: (work) => {
      const bookmark = result.bookmarks.get(work.id);
      return bookmark && <BookmarkDetails page={page} bookmark={bookmark} showOwner={false} />;
    },
  };
}
