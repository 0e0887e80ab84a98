import type { Work } from '../../db/schema.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { MODERATION_REASON_MAX } from './work-moderation.ts';

/** A moderator's page to hide a work, or to give back a hidden one, with a reason for the audit log. */
export function WorkModerationPage({
  page,
  work,
  values,
  errors,
}: {
  page: PageContext;
  work: Pick<Work, 'id' | 'title' | 'hidden_at'>;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const hidden = work.hidden_at !== null;
  return (
    <Layout page={page} title={`${hidden ? 'Unhide' : 'Hide'} “${work.title}”`}>
      <h1>
        {hidden ? 'Unhide' : 'Hide'} <a href={`/works/${work.id}`}>{work.title}</a>
      </h1>
      <p>
        {hidden
          ? 'This work is hidden: only its creators and the site’s staff can see it. Unhiding it puts it back in listings, search and feeds.'
          : 'A hidden work disappears from every page, listing, search, feed and download for everyone but its creators and the site’s staff.'}
      </p>
      <ErrorSummary errors={errors} />
      <Form action={`/works/${work.id}/moderation`} csrfToken={page.csrfToken}>
        <input type="hidden" name="action" value={hidden ? 'unhide' : 'hide'} />
        <TextArea
          name="reason"
          label="Reason (kept in the audit log)"
          values={values}
          errors={errors}
          required
          maxLength={MODERATION_REASON_MAX}
          rows={3}
        />
        <button type="submit" class="button button--primary">
          {hidden ? 'Unhide this work' : 'Hide this work'}
        </button>
      </Form>
    </Layout>
  );
}
