import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../lib/errors.ts';
import { ChoiceInputs, ErrorSummary, Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { TagRow } from '../tags/tag-pages.repository.ts';
import type { Blurb } from '../works/blurbs.ts';
import { formatCount, WorkBlurb, WorksActions } from '../works/works-list.views.tsx';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../works/works.vocabulary.ts';
import { SORTS } from './browse.schema.ts';
import type { BrowseResult } from './browse.service.ts';

type Params = Record<string, string | string[] | undefined>;

/** What a listing is: its heading, its path (the filters' URL), and anything shown before the works. */
export interface Listing {
  heading: string;
  path: string;
  intro?: ComponentChildren;
  before?: ComponentChildren;
  /** The signed-in reader's saved filters, offered in the sidebar. */
  savedFilters?: { id: number; name: string; query: string }[];
  /** More fields in the filter form (a bookmarks page's bookmarker's tags, recs only). */
  filterFields?: ComponentChildren;
  /** Shown inside each work's blurb, after its stats (a bookmark's notes and tags). */
  blurbExtra?: (work: Blurb) => ComponentChildren;
}

const FACET_TITLES: [keyof BrowseResult['facets'], string][] = [
  ['fandom', 'Fandoms'],
  ['relationship', 'Relationships'],
  ['character', 'Characters'],
  ['freeform', 'Additional tags'],
];

/**
 * A value as `URLSearchParams` writes it (application/x-www-form-urlencoded), without building one:
 * a listing page makes some ninety links.
 */
function formEncode(value: string): string {
  try {
    return encodeURIComponent(value)
      .replace(/%20/g, '+')
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD.
    return new URLSearchParams([['', value]]).toString().slice(1);
  }
}

/**
 * Links to a listing with some parameters changed (facet links, page links): the parameters kept
 * are encoded once for all the page's links, each value once.
 */
export function paramsLinker(path: string, params: Params): (changes?: Params) => string {
  const encodedValues = new Map<string, string>();
  const encode = (value: string) => {
    let found = encodedValues.get(value);
    if (found === undefined) encodedValues.set(value, (found = formEncode(value)));
    return found;
  };
  const segment = (key: string, value: string | string[] | undefined) => {
    if (value === undefined) return '';
    let out = '';
    for (const item of typeof value === 'string' ? [value] : value) {
      if (item === '') continue;
      out += `${out ? '&' : ''}${encode(key)}=${encode(String(item))}`;
    }
    return out;
  };
  const kept = new Map<string, string>();
  for (const [key, value] of Object.entries(params)) kept.set(key, segment(key, value));
  return (changes = {}) => {
    let query = '';
    const add = (part: string) => {
      if (part) query += `${query ? '&' : ''}${part}`;
    };
    for (const [key, part] of kept) add(key in changes ? segment(key, changes[key]) : part);
    for (const key of Object.keys(changes)) if (!kept.has(key)) add(segment(key, changes[key]));
    return query ? `${path}?${query}` : path;
  };
}

/** The listing's URL with some parameters changed (a facet link, a page link). */
export function withParams(path: string, params: Params, changes: Params = {}): string {
  return paramsLinker(path, params)(changes);
}

const list = (value: string | string[] | undefined) =>
  [value ?? []]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function Checks({
  name,
  legend,
  options,
  params,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  params: Params;
}) {
  const chosen = list(params[name]);
  return (
    <fieldset class="filters__group">
      <legend>{legend}</legend>
      <ChoiceInputs name={name} options={options} chosen={chosen} type="checkbox" />
    </fieldset>
  );
}

function Text({ name, label, params, hint }: { name: string; label: string; params: Params; hint?: string }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      {hint && (
        <p class="field__hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`f-${name}`}
        name={name}
        type="text"
        value={list(params[name]).join(', ')}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
      />
    </div>
  );
}

/** The filter form: a GET form, so filters live in the URL and work without JavaScript. */
function Filters({
  path,
  params,
  result,
  extra,
}: {
  path: string;
  params: Params;
  result: BrowseResult;
  extra?: ComponentChildren;
}) {
  const include = list(params.tags);
  const exclude = list(params.excludeTags);
  const withParams_ = paramsLinker(path, params);
  return (
    <section class="filters card" aria-labelledby="filters-title">
      <h2 id="filters-title">Filter works</h2>
      <form method="get" action={path} class="form">
        {params.blocklist === 'off' && <input type="hidden" name="blocklist" value="off" />}
        <div class="field">
          <label for="f-sort">Sort by</label>
          <select id="f-sort" name="sort">
            {SORTS.map((s) => (
              <option key={s} value={s} selected={(params.sort ?? 'updated') === s}>
                {s === 'updated'
                  ? 'Date updated'
                  : s === 'posted'
                    ? 'Date posted'
                    : s === 'relevance'
                      ? 'Best match'
                      : s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <Text
          name="q"
          label="Search within results"
          params={params}
          hint="Words, “phrases”, -excluded, fandom:…, words>5000"
        />
        {extra}
        <Text name="tags" label="Include tags" params={params} hint="Separate tags with commas." />
        <Text name="excludeTags" label="Exclude tags" params={params} />
        <Checks name="rating" legend="Rating" options={RATINGS} params={params} />
        <Checks name="warnings" legend="Archive warnings" options={ARCHIVE_WARNINGS} params={params} />
        <Checks name="categories" legend="Categories" options={CATEGORIES} params={params} />
        {FACET_TITLES.map(([type, title]) =>
          result.facets[type].length === 0 ? null : (
            <fieldset class="filters__group" key={type}>
              <legend>{title}</legend>
              <ul class="facets">
                {result.facets[type].map((f) => (
                  <li key={f.id}>
                    <a href={withParams_({ tags: [...include, f.name], page: undefined })}>
                      {f.name} ({formatCount(f.count)})
                    </a>{' '}
                    <a
                      class="facets__exclude"
                      href={withParams_({ excludeTags: [...exclude, f.name], page: undefined })}
                      aria-label={`Exclude ${f.name}`}
                    >
                      exclude
                    </a>
                  </li>
                ))}
              </ul>
            </fieldset>
          ),
        )}
        <div class="field">
          <label for="f-complete">Completion</label>
          <select id="f-complete" name="complete">
            <option value="">All works</option>
            <option value="true" selected={params.complete === 'true'}>
              Complete works only
            </option>
            <option value="false" selected={params.complete === 'false'}>
              Works in progress only
            </option>
          </select>
        </div>
        <div class="field">
          <label for="f-crossover">Crossovers</label>
          <select id="f-crossover" name="crossover">
            <option value="include">Include crossovers</option>
            <option value="exclude" selected={params.crossover === 'exclude'}>
              Exclude crossovers
            </option>
            <option value="only" selected={params.crossover === 'only'}>
              Only crossovers
            </option>
          </select>
        </div>
        <Text name="wordsFrom" label="Words from" params={params} />
        <Text name="wordsTo" label="Words to" params={params} />
        <Text name="updatedFrom" label="Updated from" params={params} hint="YYYY-MM-DD" />
        <Text name="updatedTo" label="Updated to" params={params} hint="YYYY-MM-DD" />
        <Text name="language" label="Language" params={params} hint="A code, such as en or pt-BR." />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Filter
          </button>{' '}
          <a href={path}>Clear filters</a>
        </p>
      </form>
    </section>
  );
}

/** Where the reader's blocklist stands on this listing, with the switch for it. */
function BlocklistNotice({ path, params, result }: { path: string; params: Params; result: BrowseResult }) {
  const kept = result.blocklist;
  if (!kept) return null;
  const what = [
    kept.tags > 0 && `${kept.tags} ${kept.tags === 1 ? 'tag' : 'tags'}`,
    kept.creators > 0 && `${kept.creators} ${kept.creators === 1 ? 'creator' : 'creators'}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <p class="browse__blocklist">
      {kept.applied ? (
        <>
          Your blocklist ({what}) is hiding works here.{' '}
          <a href={withParams(path, params, { blocklist: 'off', page: undefined })}>
            Show them on this listing
          </a>{' '}
          · <a href="/account/blocklist">Edit your blocklist</a>
        </>
      ) : (
        <>
          Your blocklist ({what}) is off for this listing.{' '}
          <a href={withParams(path, params, { blocklist: undefined, page: undefined })}>Turn it back on</a>
        </>
      )}
    </p>
  );
}

/** For a signed-in reader: keep the excluded tags for good, save this filter, use a saved one. */
function ReaderTools({
  page,
  path,
  params,
  listing,
}: {
  page: PageContext;
  path: string;
  params: Params;
  listing: Listing;
}) {
  if (!page.viewer) return null;
  const exclude = list(params.excludeTags);
  const here = withParams(path, params, { page: undefined });
  return (
    <section class="filters card" aria-labelledby="reader-tools-title">
      <h2 id="reader-tools-title">Your filters</h2>
      {exclude.length > 0 && (
        <Form action="/account/blocklist/tags" csrfToken={page.csrfToken} class="form form--compact">
          {exclude.map((name) => (
            <input type="hidden" name="tags" value={name} key={name} />
          ))}
          <input
            type="hidden"
            name="return"
            value={withParams(path, params, { excludeTags: undefined, page: undefined })}
          />
          <p>
            <button type="submit" class="button">
              Always hide {exclude.length === 1 ? `“${exclude[0]}”` : `these ${exclude.length} tags`}
            </button>
          </p>
          <p class="field__hint">Adds the excluded tags to your blocklist, for every listing and search.</p>
        </Form>
      )}
      <Form action="/account/saved-filters" csrfToken={page.csrfToken} class="form form--compact">
        <input type="hidden" name="query" value={here} />
        <div class="field">
          <label for="f-filter-name">Save this filter as</label>
          <input id="f-filter-name" name="name" type="text" maxLength={100} required />
        </div>
        <p>
          <button type="submit" class="button">
            Save filter
          </button>
        </p>
      </Form>
      {listing.savedFilters && listing.savedFilters.length > 0 && (
        <>
          <h3>Saved filters</h3>
          <ul class="saved-filters">
            {listing.savedFilters.map((f) => (
              <li key={f.id}>
                <a href={f.query}>{f.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/account/blocklist">Your blocklist</a>
      </p>
    </section>
  );
}

export function BrowsePage(props: {
  page: PageContext;
  listing: Listing;
  params: Params;
  result: BrowseResult;
  errors?: FieldErrors;
}) {
  const { page, params, result, listing } = props;
  const { path } = listing;
  const from = (result.page - 1) * 20 + 1;
  return (
    <Layout page={page} title={listing.heading} width="wide">
      <h1>{listing.heading}</h1>
      {listing.intro}
      <p class="lede">
        <WorksActions page={page} />
      </p>
      <ErrorSummary errors={props.errors} />
      {listing.before}
      <div class="browse">
        <section class="browse__results" aria-labelledby="results-title">
          <h2 id="results-title" class="browse__count">
            {result.total === 0
              ? 'No works found'
              : result.total === 1
                ? '1 work'
                : `${formatCount(from)}–${formatCount(from + result.works.length - 1)} of ${formatCount(result.total)} works`}
          </h2>
          <BlocklistNotice path={path} params={params} result={result} />
          {result.notes.length > 0 && (
            <ul class="browse__notes">
              {result.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {result.works.length === 0 ? (
            <p>{result.total === 0 ? 'No works yet.' : 'No works on this page.'}</p>
          ) : (
            <ol class="blurbs">
              {result.works.map((w) => (
                <WorkBlurb work={w} key={w.id}>
                  {listing.blurbExtra?.(w)}
                </WorkBlurb>
              ))}
            </ol>
          )}
          {result.pages > 1 && (
            <nav class="pagination" aria-label="Pages">
              {result.page > 1 && (
                <a href={withParams(path, params, { page: String(result.page - 1) })}>← Previous</a>
              )}
              <span>
                Page {result.page} of {formatCount(result.pages)}
              </span>
              {result.page < result.pages && (
                <a href={withParams(path, params, { page: String(result.page + 1) })}>Next →</a>
              )}
            </nav>
          )}
        </section>
        <aside class="browse__sidebar" aria-label="Filters">
          <Filters path={path} params={params} result={result} extra={listing.filterFields} />
          <ReaderTools page={page} path={path} params={params} listing={listing} />
        </aside>
      </div>
    </Layout>
  );
}

/** Above a tag's listing: what the tag is, and a link to its page (synonyms, parents, subtags). */
export function TagIntro({ tag }: { tag: TagRow }) {
  return (
    <p class="lede">
      Works filed under this {tag.type === 'freeform' ? 'tag' : tag.type}, its synonyms and its subtags.{' '}
      <a href={`/tags/${tag.id}`}>About “{tag.name}”</a>
    </p>
  );
}

/** A creator's own drafts, above their posted works (only they see this). */
export function CreatorDrafts({ works }: { works: Blurb[] }) {
  return (
    <section class="browse__drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Your drafts ({works.length})</h2>
      <ol class="blurbs">
        {works.map((w) => (
          <WorkBlurb work={w} key={w.id} />
        ))}
      </ol>
    </section>
  );
}
