import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { WorkBlurb, WorksActions } from '../works/works-list.views.tsx';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../works/works.vocabulary.ts';
import { SORTS } from './browse.schema.ts';
import type { BrowseResult } from './browse.service.ts';

type Params = Record<string, string | string[] | undefined>;

const FACET_TITLES: [keyof BrowseResult['facets'], string][] = [
  ['fandom', 'Fandoms'],
  ['relationship', 'Relationships'],
  ['character', 'Characters'],
  ['freeform', 'Additional tags'],
];

/** The current URL with some parameters changed (a facet link, a page link). */
function withParams(params: Params, changes: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    for (const item of [value ?? []].flat()) if (item !== '') search.append(key, item);
  }
  const query = search.toString();
  return query ? `/works?${query}` : '/works';
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
      {options.map((option, i) => (
        <div class="field--checkbox" key={option}>
          <input
            type="checkbox"
            id={`f-${name}-${i}`}
            name={name}
            value={option}
            checked={chosen.includes(option)}
          />
          <label for={`f-${name}-${i}`}>{option}</label>
        </div>
      ))}
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
function Filters({ params, result }: { params: Params; result: BrowseResult }) {
  const include = list(params.tags);
  const exclude = list(params.excludeTags);
  return (
    <aside class="filters card" aria-labelledby="filters-title">
      <h2 id="filters-title">Filter works</h2>
      <form method="get" action="/works" class="form">
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
                    <a href={withParams(params, { tags: [...include, f.name], page: undefined })}>
                      {f.name} ({f.count.toLocaleString('en')})
                    </a>{' '}
                    <a
                      class="facets__exclude"
                      href={withParams(params, { excludeTags: [...exclude, f.name], page: undefined })}
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
          <a href="/works">Clear filters</a>
        </p>
      </form>
    </aside>
  );
}

export function BrowsePage(props: {
  page: PageContext;
  params: Params;
  result: BrowseResult;
  errors?: FieldErrors;
}) {
  const { page, params, result } = props;
  const from = (result.page - 1) * 20 + 1;
  return (
    <Layout page={page} title="Works" width="wide">
      <h1>Works</h1>
      <p class="lede">
        <WorksActions page={page} />
      </p>
      <ErrorSummary errors={props.errors} />
      <div class="browse">
        <section class="browse__results" aria-labelledby="results-title">
          <h2 id="results-title" class="browse__count">
            {result.total === 0
              ? 'No works found'
              : result.total === 1
                ? '1 work'
                : `${from.toLocaleString('en')}–${(from + result.works.length - 1).toLocaleString('en')} of ${result.total.toLocaleString('en')} works`}
          </h2>
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
                <WorkBlurb work={w} key={w.id} />
              ))}
            </ol>
          )}
          {result.pages > 1 && (
            <nav class="pagination" aria-label="Pages">
              {result.page > 1 && (
                <a href={withParams(params, { page: String(result.page - 1) })}>← Previous</a>
              )}
              <span>
                Page {result.page} of {result.pages.toLocaleString('en')}
              </span>
              {result.page < result.pages && (
                <a href={withParams(params, { page: String(result.page + 1) })}>Next →</a>
              )}
            </nav>
          )}
        </section>
        <Filters params={params} result={result} />
      </div>
    </Layout>
  );
}
