import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { Time } from '../../web/time.tsx';
import { EntryView, journalUrl } from './entry.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import type { ShownEntry } from './journals.read.ts';
import { FILTER_NAME_MAX } from './reading-filters.service.ts';

export const readingUrl = (filter?: string, page = 1) => {
  const params = new URLSearchParams();
  if (filter) params.set('filter', filter);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/reading?${query}` : '/reading';
};

/** "All" and each of the reader's filters; the one shown is marked. */
function FilterLinks({ filters, current }: { filters: string[]; current?: string }) {
  const link = (label: string, name?: string) => {
    const here = (name ?? '').toLowerCase() === (current ?? '').toLowerCase();
    return (
      <li key={label}>
        <a href={readingUrl(name)} aria-current={here ? 'page' : undefined}>
          {here ? <strong>{label}</strong> : label}
        </a>
      </li>
    );
  };
  return (
    <nav class="reading-filters" aria-label="Reading filters">
      <ul class="inline-list">
        {link('All')}
        {filters.map((name) => link(name, name))}
        <li>
          <a href="/reading/filters">Manage filters</a>
        </li>
      </ul>
    </nav>
  );
}

/** The reading page: newest posted first across the journals a reader subscribes to (or a filter's). */
export function ReadingPage({
  page,
  entries,
  journals,
  pageNumber,
  more,
  showAdult,
  filters,
  filter,
}: {
  page: PageContext;
  entries: ShownEntry[];
  journals: Map<number, JournalRow>;
  pageNumber: number;
  more: boolean;
  showAdult: boolean;
  /** The reader's filter names. */
  filters: string[];
  /** The filter shown, if any. */
  filter?: string;
}) {
  return (
    <Layout page={page} title={filter ? `Reading page: ${filter}` : 'Reading page'}>
      <h1>Reading page{filter && `: ${filter}`}</h1>
      <p class="lede">
        Entries from the journals you subscribe to, newest first. Subscribe from any journal’s page; who may
        read your own locked entries is your <a href="/account/access">access list</a>. You can also{' '}
        <a href="/communities/new">make a community</a>: a journal many people post to.
      </p>
      <FilterLinks filters={filters} current={filter} />
      {entries.length === 0 ? (
        <p>{filter ? 'Nothing to read in this filter yet.' : 'Nothing to read yet.'}</p>
      ) : (
        entries.map((entry) => {
          const journal = journals.get(entry.journal_id)!;
          return (
            <section class="reading-item" key={entry.id} aria-label={`In ${journal.display_name}`}>
              <p class="reading-item__journal">
                <a href={journalUrl(journal)}>{journal.display_name}</a> ·{' '}
                <span class="muted">
                  posted <Time iso={entry.created_at} />
                </span>
              </p>
              <EntryView journal={journal} entry={entry} full={false} showAdult={showAdult} />
            </section>
          );
        })
      )}
      <nav class="pagination" aria-label="Pages">
        {pageNumber > 1 && <a href={readingUrl(filter, pageNumber - 1)}>← Newer</a>}
        {more && <a href={readingUrl(filter, pageNumber + 1)}>Older →</a>}
      </nav>
    </Layout>
  );
}

type Subscribed = { id: number; kind: string; display_name: string };
type Filter = { id: number; name: string; journalIds: number[] };
/** A refused form: which one (a filter's id, or 'new'), what was typed, and why. */
export type FailedFilterForm = {
  form: number | 'new';
  name: string;
  journalIds: number[];
  errors: FieldErrors;
};

/** One filter's form (or the new filter's): its name and a checkbox per subscribed journal. */
function FilterForm({
  page,
  action,
  formId,
  name,
  journalIds,
  subscribed,
  errors,
  submit,
}: {
  page: PageContext;
  action: string;
  formId: string;
  name: string;
  journalIds: number[];
  subscribed: Subscribed[];
  errors?: FieldErrors;
  submit: string;
}) {
  const id = `rf-${formId}`;
  const chosen = new Set(journalIds);
  return (
    <Form action={action} csrfToken={page.csrfToken}>
      <div class={`field${errors?.name ? ' field--error' : ''}`}>
        <label for={`${id}-name`}>Filter name</label>
        {errors?.name && (
          <p class="field__error" id={`${id}-name-error`}>
            {errors.name}
          </p>
        )}
        <input
          id={`${id}-name`}
          name="name"
          value={name}
          maxLength={FILTER_NAME_MAX}
          aria-invalid={errors?.name ? 'true' : undefined}
          aria-describedby={errors?.name ? `${id}-name-error` : undefined}
        />
      </div>
      <fieldset class={`field choices${errors?.journals ? ' field--error' : ''}`}>
        <legend>Journals in it</legend>
        {errors?.journals && <p class="field__error">{errors.journals}</p>}
        {subscribed.length === 0 && <p class="muted">You subscribe to no journals yet.</p>}
        {subscribed.map((j) => (
          <div class="field--checkbox" key={j.id}>
            <input
              type="checkbox"
              id={`${id}-j${j.id}`}
              name="journals"
              value={String(j.id)}
              checked={chosen.has(j.id)}
            />
            <label for={`${id}-j${j.id}`}>
              {j.display_name}
              {j.kind === 'community' && ' (community)'}
            </label>
          </div>
        ))}
      </fieldset>
      <p>
        <button type="submit" class="button button--primary">
          {submit}
        </button>
      </p>
    </Form>
  );
}

/** Managing reading filters: make, rename, choose journals, delete. */
export function ReadingFiltersPage({
  page,
  filters,
  subscribed,
  failed,
}: {
  page: PageContext;
  filters: Filter[];
  subscribed: Subscribed[];
  failed?: FailedFilterForm;
}) {
  const kept = (form: number | 'new', name: string, journalIds: number[]) =>
    failed?.form === form
      ? { name: failed.name, journalIds: failed.journalIds, errors: failed.errors }
      : { name, journalIds, errors: undefined };
  const fresh = kept('new', '', []);
  return (
    <Layout page={page} title="Reading filters">
      <h1>Reading filters</h1>
      <p class="lede">
        A reading filter shows your <a href="/reading">reading page</a> for some of the journals you subscribe
        to, such as “Fandom friends”. It changes nothing about who may read what.
      </p>
      <ErrorSummary errors={failed?.errors} />
      {filters.length === 0 && <p>No filters yet.</p>}
      {filters.map((f) => {
        const values = kept(f.id, f.name, f.journalIds);
        return (
          <section class="card" key={f.id} aria-labelledby={`rf-${f.id}-title`}>
            <h2 id={`rf-${f.id}-title`}>{f.name}</h2>
            <p>
              <a href={readingUrl(f.name)}>Read through “{f.name}”</a> ({f.journalIds.length}{' '}
              {f.journalIds.length === 1 ? 'journal' : 'journals'})
            </p>
            <FilterForm
              page={page}
              action={`/reading/filters/${f.id}`}
              formId={String(f.id)}
              {...values}
              subscribed={subscribed}
              submit="Save filter"
            />
            <Form action={`/reading/filters/${f.id}/delete`} csrfToken={page.csrfToken} class="inline-form">
              <button type="submit" class="link-button link-button--danger" aria-label={`Delete ${f.name}`}>
                Delete filter
              </button>
            </Form>
          </section>
        );
      })}
      <section aria-labelledby="rf-new-title">
        <h2 id="rf-new-title">New filter</h2>
        <FilterForm
          page={page}
          action="/reading/filters"
          formId="new"
          {...fresh}
          subscribed={subscribed}
          submit="Make filter"
        />
      </section>
    </Layout>
  );
}
