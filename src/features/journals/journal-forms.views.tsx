import type { FieldErrors } from '../../lib/errors.ts';
import {
  Checkbox,
  ErrorSummary,
  Field,
  fieldClass,
  Form,
  type FormValues,
  TextArea,
} from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { journalUrl } from './entry.views.tsx';
import type { JournalRow } from './journals.repository.ts';

export function Select({
  name,
  label,
  options,
  values,
  errors,
  hint,
}: {
  name: string;
  label: string;
  options: [value: string, label: string][];
  values: FormValues;
  errors?: FieldErrors;
  hint?: string;
}) {
  const id = `f-${name}`;
  const error = errors?.[name];
  return (
    <div class={fieldClass(name, error)}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={
          [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
        }
      >
        {options.map(([value, text]) => (
          <option key={value} value={value} selected={values[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export const COMMENTS: [string, string][] = [
  ['enabled', 'Comments enabled'],
  ['disabled', 'Comments disabled'],
];
export const SCREENING: [string, string][] = [
  ['none', 'Screen no comments'],
  ['guests', 'Screen comments from guests'],
  ['nonaccess', 'Screen comments from people without access'],
  ['all', 'Screen every comment'],
];
export const COMMENTERS: [string, string][] = [
  ['everyone', 'Anyone may comment'],
  ['registered', 'Registered users may comment'],
  ['access', 'Only my access list may comment'],
];

/** Posting or editing an entry: every field kept when something is refused. */
export function EntryFormPage({
  page,
  journal,
  values,
  errors,
  filters,
  icons,
  entryId,
}: {
  page: PageContext;
  journal: JournalRow;
  values: FormValues;
  errors?: FieldErrors;
  filters: string[];
  icons: string[];
  entryId?: number;
}) {
  const heading = entryId ? 'Edit entry' : `Post to ${journal.display_name}`;
  const security: [string, string][] = [
    ['public', 'Public'],
    ['access', journal.kind === 'community' ? 'Members only' : 'Access list only'],
    ...filters.map((f): [string, string] => [`filter:${f}`, `Custom filter: ${f}`]),
    ['private', journal.kind === 'community' ? 'Private (me and the maintainers)' : 'Private (only me)'],
  ];
  return (
    <Layout page={page} title={heading}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <Form
        action={entryId ? `/entries/${entryId}/edit` : `${journalUrl(journal)}/post`}
        csrfToken={page.csrfToken}
      >
        <Field name="subject" label="Subject" values={values} errors={errors} maxLength={255} />
        <TextArea
          name="body"
          label="Entry"
          values={values}
          errors={errors}
          rows={14}
          hint="HTML (paragraphs, emphasis, links, lists…) or plain text: choose below."
        />
        <Select
          name="format"
          label="The entry is written in"
          options={[
            ['html', 'HTML'],
            ['text', 'Plain text (blank lines make paragraphs)'],
          ]}
          values={values}
          errors={errors}
        />
        <Field
          name="tags"
          label="Tags"
          hint="Separate tags with commas."
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <Select name="security" label="Who may read it" options={security} values={values} errors={errors} />
        <fieldset class="form__group">
          <legend>Current</legend>
          <Field name="mood" label="Mood" values={values} errors={errors} maxLength={100} />
          <Field name="music" label="Music" values={values} errors={errors} maxLength={100} />
          <Field name="location" label="Location" values={values} errors={errors} maxLength={100} />
        </fieldset>
        {icons.length > 0 && (
          <Select
            name="icon"
            label="Icon"
            options={[['', 'Default icon'], ...icons.map((k): [string, string] => [k, k])]}
            values={values}
            errors={errors}
          />
        )}
        <Field
          name="postedAt"
          label="Date"
          hint="Leave empty for now. YYYY-MM-DD, or a date and time (UTC). An earlier date backdates the entry: it is kept off reading pages."
          values={values}
          errors={errors}
          maxLength={40}
        />
        <Checkbox name="sticky" label="Sticky: keep at the top of Recent" checked={values.sticky === '1'} />
        {errors?.sticky && <p class="field__error">{errors.sticky}</p>}
        <Checkbox
          name="adult"
          label="Adult content: readers are asked first"
          checked={values.adult === '1'}
        />
        <fieldset class="form__group">
          <legend>Comments</legend>
          <Select name="comments" label="Comments" options={COMMENTS} values={values} errors={errors} />
          <Select name="screening" label="Screening" options={SCREENING} values={values} errors={errors} />
          <Select
            name="commenters"
            label="Who may comment"
            options={COMMENTERS}
            values={values}
            errors={errors}
          />
        </fieldset>
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {entryId ? 'Save entry' : 'Post entry'}
          </button>
        </p>
      </Form>
    </Layout>
  );
}

export const THEMES: [string, string][] = [
  ['parchment', 'Parchment (light)'],
  ['night', 'Night (dark)'],
];

/** The settings new entries start from: a journal's, or a community's (with its own words). */
export function EntryDefaultsFields({
  security,
  commenters,
  values,
  errors,
}: {
  security: [string, string][];
  commenters: [string, string][];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <>
      <Select
        name="defaultSecurity"
        label="New entries are"
        options={security}
        values={values}
        errors={errors}
      />
      <Select name="defaultComments" label="Comments" options={COMMENTS} values={values} errors={errors} />
      <Select name="defaultScreening" label="Screening" options={SCREENING} values={values} errors={errors} />
      <Select
        name="defaultCommenters"
        label="Who may comment"
        options={commenters}
        values={values}
        errors={errors}
      />
    </>
  );
}

export function JournalSettingsPage({
  page,
  journal,
  values,
  errors,
}: {
  page: PageContext;
  journal: JournalRow;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Journal settings">
      <h1>Journal settings</h1>
      <p class="lede">
        Your journal is at <a href={journalUrl(journal)}>{journalUrl(journal)}</a>.
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/account/journal" csrfToken={page.csrfToken}>
        <Field name="title" label="Title" values={values} errors={errors} maxLength={100} required />
        <Field name="subtitle" label="Subtitle" values={values} errors={errors} maxLength={255} />
        <EntryDefaultsFields
          security={[
            ['public', 'Public'],
            ['access', 'Access list only'],
            ['private', 'Private'],
          ]}
          commenters={COMMENTERS}
          values={values}
          errors={errors}
        />
        <Select name="theme" label="Theme" options={THEMES} values={values} errors={errors} />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save settings
          </button>
        </p>
      </Form>
    </Layout>
  );
}

type Person = { id: number; username: string };

export function AccessPage({
  page,
  members,
  filters,
  values,
  errors,
}: {
  page: PageContext;
  members: Person[];
  filters: { id: number; name: string; members: Person[] }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title="Access list and filters">
      <h1>Access list and filters</h1>
      <p class="lede">
        People on your access list may read your access-locked entries. A custom filter is a named part of the
        list, for entries only some of them should read. Subscribing to a journal is separate: it only puts
        its entries on your <a href="/reading">reading page</a>.
      </p>
      <ErrorSummary errors={errors} />
      <h2>Access list ({members.length})</h2>
      {members.length === 0 ? (
        <p>Nobody yet.</p>
      ) : (
        <ul class="item-list">
          {members.map((m) => (
            <li class="item" key={m.id}>
              <div class="item__main">
                <a href={`/journals/${encodeURIComponent(m.username)}`}>{m.username}</a>
              </div>
              <div class="item__actions">
                <Form
                  action={`/account/access/${encodeURIComponent(m.username)}/delete`}
                  csrfToken={page.csrfToken}
                  class="inline-form"
                >
                  <button
                    type="submit"
                    class="link-button link-button--danger"
                    aria-label={`Take access from ${m.username}`}
                  >
                    Remove
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Form action="/account/access" csrfToken={page.csrfToken}>
        <Field name="username" label="Give access to" values={values} errors={errors} maxLength={100} />
        <p>
          <button type="submit" class="button">
            Give access
          </button>
        </p>
      </Form>
      <h2>Custom filters</h2>
      {filters.length === 0 && <p>No filters yet.</p>}
      {filters.map((f) => (
        <section class="card" key={f.id} aria-labelledby={`filter-${f.id}`}>
          <h3 id={`filter-${f.id}`}>{f.name}</h3>
          <p>
            {f.members.length === 0
              ? 'Nobody in it yet.'
              : f.members.map((m, i) => (
                  <>
                    {i > 0 && ', '}
                    {m.username}{' '}
                    <Form
                      action={`/account/access-filters/${f.id}/members/${m.id}/delete`}
                      csrfToken={page.csrfToken}
                      class="inline-form"
                    >
                      <button
                        type="submit"
                        class="link-button"
                        aria-label={`Take ${m.username} out of ${f.name}`}
                      >
                        (remove)
                      </button>
                    </Form>
                  </>
                ))}
          </p>
          <Form
            action={`/account/access-filters/${f.id}/delete`}
            csrfToken={page.csrfToken}
            class="inline-form"
          >
            <button
              type="submit"
              class="link-button link-button--danger"
              aria-label={`Delete the filter ${f.name}`}
            >
              Delete filter
            </button>
          </Form>
        </section>
      ))}
      <Form action="/account/access-filters" csrfToken={page.csrfToken}>
        <Field
          name="name"
          label="Filter name"
          hint="A new name makes a filter; an existing one adds people to it."
          values={values}
          errors={errors}
          maxLength={60}
        />
        <Field
          name="members"
          label="People (from your access list)"
          hint="Usernames, separated by commas."
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <p>
          <button type="submit" class="button">
            Save filter
          </button>
        </p>
      </Form>
    </Layout>
  );
}
