import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Field, Form, type FormValues } from '../../web/forms.tsx';
import { CommunityRulesFields } from './community-forms.views.tsx';
import { journalUrl } from './entry.views.tsx';
import { EntryDefaultsFields, Select, THEMES } from './journal-forms.views.tsx';
import { type JournalChrome, JournalLayout } from './journals.views.tsx';

const SECURITY: [string, string][] = [
  ['public', 'Public'],
  ['access', 'Members only'],
  ['private', 'Private (the poster and the maintainers)'],
];
const COMMENTERS: [string, string][] = [
  ['everyone', 'Anyone may comment'],
  ['registered', 'Registered users may comment'],
  ['access', 'Only members may comment'],
];

/** A community's settings, for its maintainers: everything typed is kept when something is refused. */
export function CommunitySettingsPage({
  chrome,
  values,
  errors,
}: {
  chrome: JournalChrome;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { journal, page } = chrome;
  const base = journalUrl(journal);
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: settings`}>
      <h1 class="journal-heading">Settings of {journal.display_name}</h1>
      <p class="lede">
        The community’s name is its address ({base}) and stays. Members and their roles are on the{' '}
        <a href={`${base}/members`}>members page</a>.
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`${base}/settings`} csrfToken={page.csrfToken}>
        <Field name="title" label="Title" values={values} errors={errors} maxLength={100} required />
        <Field name="subtitle" label="Subtitle" values={values} errors={errors} maxLength={255} />
        <CommunityRulesFields values={values} errors={errors}>
          <p class="field__hint">
            Members allowed to post keep that right when posting becomes selected members only; untick them on
            the members page.
          </p>
        </CommunityRulesFields>
        <fieldset class="form__group">
          <legend>New entries</legend>
          <EntryDefaultsFields security={SECURITY} commenters={COMMENTERS} values={values} errors={errors} />
        </fieldset>
        <Select name="theme" label="Theme" options={THEMES} values={values} errors={errors} />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Save settings
          </button>
        </p>
      </Form>
    </JournalLayout>
  );
}
