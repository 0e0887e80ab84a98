import type { FieldErrors } from '../../lib/errors.ts';
import { ErrorSummary, FieldNotices, Form, TextArea } from '../../web/forms.tsx';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { NewWorkPage } from '../works/work-form.views.tsx';

/** The import form: paste a post or upload a file. */
export function ImportPage({
  page,
  values = {},
  errors,
}: {
  page: PageContext;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const format = values.format ?? 'auto';
  return (
    <Layout page={page} title="Import a fic">
      <h1>Import a fic</h1>
      <p class="lede">
        Paste a journal post (LiveJournal, Dreamwidth, a forum or your own site) or upload one, or an AO3 HTML
        download. Quire reads the fic header (title, fandom, rating, pairing, notes…), shows you what it
        understood as a posting form with anything it was unsure of highlighted, and you post it when it looks
        right.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/import" enctype="multipart/form-data" class="form card" noValidate>
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <TextArea
          name="post"
          label="Paste the post"
          values={values}
          errors={errors}
          hint="The whole post is fine, header, story, tags and all: Quire finds the story in it."
          rows={14}
        />
        <div class={`field${errors?.file ? ' field--error' : ''}`}>
          <label for="f-file">…or upload a file</label>
          <p class="field__hint" id="f-file-hint">
            A saved journal page or post (.html, .txt) or an AO3 download (HTML), up to 8 MB.
          </p>
          {errors?.file && (
            <p class="field__error" id="f-file-error">
              {errors.file}
            </p>
          )}
          <input
            id="f-file"
            type="file"
            name="file"
            accept=".txt,.html,.htm,text/plain,text/html"
            aria-describedby={`f-file-hint${errors?.file ? ' f-file-error' : ''}`}
            aria-invalid={errors?.file ? 'true' : undefined}
          />
        </div>
        <fieldset class="field choices">
          <legend>Read it as</legend>
          {(
            [
              ['auto', 'Work it out'],
              ['text', 'Plain text'],
              ['html', 'HTML'],
            ] as const
          ).map(([value, label]) => (
            <div class="field--radio" key={value}>
              <input
                type="radio"
                id={`f-format-${value}`}
                name="format"
                value={value}
                checked={format === value}
              />
              <label for={`f-format-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            Read the post
          </button>
        </p>
      </form>
      <p class="muted">
        Whole LiveJournal or Dreamwidth journals (their XML export) are imported by the site’s administrator
        with <code>quire import lj-xml</code>.
      </p>
    </Layout>
  );
}

/** What the review page needs to show again after a refused submission. */
export interface ReviewInfo {
  key: string;
  notices: Record<string, string>;
  problems: string[];
  continues: { id: number; title: string } | null;
  chapterNumber: number | null;
  /** The other fics in the same post, to import next. */
  others: { index: number; title: string }[];
}

/** The parsed fic as a pre-filled posting form, with what to check highlighted. */
export function ImportReviewPage({
  page,
  info,
  values,
  errors,
  ownSeries,
  post,
}: {
  page: PageContext;
  info: ReviewInfo;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  ownSeries: { id: number; title: string }[];
  /** The post's text, to import its other fics (not carried once a submission is refused). */
  post?: string;
}) {
  const checks = Object.keys(info.notices).length;
  const intro = (
    <section class="card import-review" aria-labelledby="import-review-title">
      <h2 id="import-review-title">What Quire read</h2>
      <p>
        {checks === 0
          ? 'Quire was sure of everything it read. Look it over, then post it or save a draft.'
          : `${checks} field${checks === 1 ? ' is' : 's are'} highlighted below for you to check.`}
      </p>
      {info.problems.length > 0 && (
        <ul class="import-review__problems">
          {info.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {post !== undefined && info.others.length > 0 && (
        <div class="import-review__others">
          <p>This post carries more than one fic. Import another one instead:</p>
          {info.others.map((other) => (
            <Form action="/import" csrfToken={page.csrfToken} class="form form--inline" key={other.index}>
              <input type="hidden" name="post" value={post} />
              <input type="hidden" name="index" value={String(other.index)} />
              <button type="submit" class="button">
                {other.title}
              </button>
            </Form>
          ))}
        </div>
      )}
    </section>
  );
  const continues = info.continues && (
    <div class="field field--checkbox import-review__continue">
      <input
        id="f-continueWorkId"
        type="checkbox"
        name="continueWorkId"
        value={String(info.continues.id)}
        checked={errors ? Boolean(values.continueWorkId) : true}
      />
      <label for="f-continueWorkId">
        Add this as {info.chapterNumber ? `chapter ${info.chapterNumber}` : 'the next chapter'} of your work “
        {info.continues.title}” (only the chapter fields are used)
      </label>
    </div>
  );
  return (
    <FieldNotices.Provider value={info.notices}>
      <NewWorkPage
        page={page}
        heading="Check your import"
        values={values}
        errors={errors}
        ownSeries={ownSeries}
        action="/import/post"
        intro={intro}
        formStart={continues}
        hidden={{ importInfo: JSON.stringify(info) }}
      />
    </FieldNotices.Provider>
  );
}
