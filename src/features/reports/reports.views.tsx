import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import type { TargetFacts } from './report-targets.ts';
import { REPORT_REASONS } from './reports.schema.ts';

/** The report form: what is wrong (a category) and, if the reader likes, details. */
export function ReportFormPage({
  page,
  type,
  id,
  target,
  values,
  errors,
}: {
  page: PageContext;
  type: string;
  id: number;
  target: TargetFacts;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const reasonError = errors?.reason;
  return (
    <Layout page={page} title={`Report ${target.label}`}>
      <h1>Report {target.label}</h1>
      <p class="lede">
        The site’s moderators will read your report. The {type === 'work' ? 'creator' : 'author'} is not told
        who sent it. <a href={target.url}>Back to the {type}</a>
      </p>
      <ErrorSummary errors={errors} />
      <Form action="/reports" csrfToken={page.csrfToken}>
        <input type="hidden" name="type" value={type} />
        <input type="hidden" name="id" value={String(id)} />
        <fieldset class={`field choices${reasonError ? ' field--error' : ''}`} id="f-reason">
          <legend>What is wrong with it?</legend>
          {reasonError && <p class="field__error">{reasonError}</p>}
          {Object.entries(REPORT_REASONS).map(([value, label]) => (
            <div class="field--radio" key={value}>
              <input
                type="radio"
                id={`f-reason-${value}`}
                name="reason"
                value={value}
                checked={values.reason === value}
              />
              <label for={`f-reason-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <TextArea
          name="details"
          label="Details (optional)"
          hint="What should the moderators look at? Links to the original, for plagiarism. At most 2,000 characters."
          values={values}
          errors={errors}
          rows={6}
          maxLength={2000}
        />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Send the report
          </button>
          <a href={target.url}>Cancel</a>
        </p>
      </Form>
    </Layout>
  );
}
