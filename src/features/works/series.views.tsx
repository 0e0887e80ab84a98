import type { FieldErrors } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { Checkbox, ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { Html } from '../../web/html.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { SubscribeButton } from '../subscriptions/subscriptions.views.tsx';
import type { readSeries } from './series.read.ts';
import { LIMITS } from './works.vocabulary.ts';

export function SeriesPage({
  page,
  data,
  canEdit,
  subscribed = false,
}: {
  page: PageContext;
  data: Awaited<ReturnType<typeof readSeries>>;
  canEdit: boolean;
  subscribed?: boolean;
}) {
  const { series, parts, words } = data;
  return (
    <Layout page={page} title={series.title}>
      <h1>{series.title}</h1>
      <p class="meta">
        {parts.length} {parts.length === 1 ? 'work' : 'works'} · {words.toLocaleString('en')} words ·{' '}
        {series.complete ? 'Complete' : 'Ongoing'}
      </p>
      {(canEdit || page.viewer) && (
        <p>
          {canEdit && (
            <a class="button" href={`/series/${series.id}/edit`}>
              Edit series
            </a>
          )}{' '}
          {page.viewer && (
            <a class="button" href={`/series/${series.id}/bookmark`}>
              Bookmark series
            </a>
          )}
        </p>
      )}
      {!canEdit && (
        <SubscribeButton page={page} type="series" id={series.id} subscribed={subscribed} back={page.path} />
      )}
      {series.summary && <Html class="prose" html={series.summary as SafeHtml} />}
      {series.notes && <Html class="prose" html={series.notes as SafeHtml} />}
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

export function SeriesFormPage({
  page,
  seriesId,
  values,
  errors,
}: {
  page: PageContext;
  seriesId: number;
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Layout page={page} title={`Edit series “${values.title ?? ''}”`}>
      <h1>Edit series</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/series/${seriesId}/edit`} csrfToken={page.csrfToken}>
        <Field
          name="title"
          label="Series title"
          values={values}
          errors={errors}
          required
          maxLength={LIMITS.title}
        />
        <TextArea
          name="summary"
          label="Description"
          values={values}
          errors={errors}
          maxLength={LIMITS.summary}
          rows={4}
        />
        <TextArea
          name="notes"
          label="Notes"
          values={values}
          errors={errors}
          maxLength={LIMITS.notes}
          rows={4}
        />
        <Checkbox name="complete" label="This series is complete" checked={values.complete === '1'} />
        <button type="submit" class="button button--primary">
          Save series
        </button>
      </Form>
    </Layout>
  );
}
