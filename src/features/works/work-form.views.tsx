import type { FieldErrors } from '../../lib/errors.ts';
import type { ComponentChildren } from 'preact';
import { Checkbox, ErrorSummary, Field, Form, type FormValues, TextArea } from '../../web/forms.tsx';
import { clientScriptUrl } from '../../web/client-assets.ts';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import {
  AssociationsSection,
  PrefaceSection,
  PrivacySection,
  TagsSection,
  type Values,
} from './work-form.sections.tsx';
import { LIMITS } from './works.vocabulary.ts';

/** The posting form's script (tag suggestions, the rich-text editor) and its stylesheet. */
const formAssets = () => ({ scripts: [clientScriptUrl('posting-form')], styles: ['/assets/editor.css'] });

/** Fields shared by "post a work" and "add a chapter". */
export function ChapterFields({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  return (
    <>
      <Field
        name="chapterTitle"
        label="Chapter title"
        values={values}
        errors={errors}
        maxLength={LIMITS.chapterTitle}
      />
      <TextArea
        name="chapterSummary"
        label="Chapter summary"
        values={values}
        errors={errors}
        maxLength={LIMITS.summary}
        rows={3}
      />
      <TextArea
        name="chapterNotes"
        label="Chapter notes"
        values={values}
        errors={errors}
        maxLength={LIMITS.notes}
        rows={3}
      />
      <TextArea
        name="chapterBody"
        label="Chapter text"
        values={values}
        errors={errors}
        hint="HTML (paragraphs, emphasis, links, images by URL, tables…) or plain text: choose below."
        maxLength={LIMITS.chapterBody}
        rows={18}
        data={{ 'data-rich-text': 'html', 'data-format-field': 'chapterFormat' }}
      />
      <fieldset class="field choices">
        <legend>The text above is</legend>
        <div class="field--radio">
          <input
            type="radio"
            id="f-format-html"
            name="chapterFormat"
            value="html"
            checked={values.chapterFormat !== 'text'}
          />
          <label for="f-format-html">HTML</label>
        </div>
        <div class="field--radio">
          <input
            type="radio"
            id="f-format-text"
            name="chapterFormat"
            value="text"
            checked={values.chapterFormat === 'text'}
          />
          <label for="f-format-text">Plain text (blank lines make paragraphs)</label>
        </div>
      </fieldset>
      <TextArea
        name="chapterEndNotes"
        label="Chapter end notes"
        values={values}
        errors={errors}
        maxLength={LIMITS.notes}
        rows={3}
      />
    </>
  );
}

/** Posting a new work, or editing one (`edit`: no first chapter; drafts can be posted from here). */
export function NewWorkPage({
  page,
  values = {},
  errors,
  edit,
  ownSeries = [],
  action,
  heading: givenHeading,
  intro,
  formStart,
  hidden = {},
}: {
  page: PageContext;
  values?: Values;
  errors?: FieldErrors;
  edit?: { workId: number; draft: boolean };
  /** The poster's own series, to add the work to one of them. */
  ownSeries?: { id: number; title: string }[];
  /** Where the form posts, when not /works (an import posts through the importer). */
  action?: string;
  heading?: string;
  /** Shown between the heading and the form. */
  intro?: ComponentChildren;
  /** Shown at the top of the form, inside it (an import's choices). */
  formStart?: ComponentChildren;
  hidden?: Record<string, string>;
}) {
  const text = values as FormValues;
  const heading = givenHeading ?? (edit ? `Edit “${text.title ?? ''}”` : 'Post a new work');
  return (
    <Layout page={page} title={heading} width="wide" {...formAssets()}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      {intro}
      <Form
        action={action ?? (edit ? `/works/${edit.workId}/edit` : '/works')}
        csrfToken={page.csrfToken}
        class="form work-form"
      >
        {Object.entries(hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        {formStart}
        <TagsSection values={values} errors={errors} edit={edit} ownSeries={ownSeries} />
        <PrefaceSection values={values} errors={errors} edit={edit} ownSeries={ownSeries} />
        <AssociationsSection values={values} errors={errors} edit={edit} ownSeries={ownSeries} />
        <PrivacySection values={values} errors={errors} edit={edit} ownSeries={ownSeries} />
        {!edit && (
          <section class="card card--wide" aria-labelledby="chapter-title">
            <h2 id="chapter-title">First chapter</h2>
            <ChapterFields values={text} errors={errors} />
          </section>
        )}
        {!edit && <AnnounceFields values={text} errors={errors} />}
        {edit ? (
          <p class="form-actions">
            <button type="submit" name="save" value="edit" class="button button--primary">
              Save changes
            </button>{' '}
            {edit.draft && (
              <button type="submit" name="save" value="post" class="button">
                Save and post the work
              </button>
            )}
          </p>
        ) : (
          <p class="form-actions">
            <button type="submit" name="save" value="post" class="button button--primary">
              Post
            </button>{' '}
            <button type="submit" name="save" value="draft" class="button">
              Save as draft
            </button>
          </p>
        )}
      </Form>
      {edit && (
        <Form
          action={`/works/${edit.workId}/delete`}
          csrfToken={page.csrfToken}
          class="form card card--danger"
        >
          <h2>Delete this work</h2>
          <p>The work, its chapters and its place in any series are deleted. This cannot be undone.</p>
          <button type="submit" class="button button--danger">
            Delete work
          </button>
        </Form>
      )}
    </Layout>
  );
}

/** Posting can also announce the work or chapter in the writer's journal and communities. */
function AnnounceFields({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  return (
    <section class="card" aria-labelledby="announce-title">
      <h2 id="announce-title">Announce it</h2>
      <Checkbox
        name="announceJournal"
        label="Post an announcement to my journal"
        checked={values.announceJournal === '1'}
      />
      <Field
        name="announceCommunities"
        label="…and to these communities"
        hint="Community names, separated by commas. A registered-only work is announced to members only."
        values={values}
        errors={errors}
      />
      <Checkbox
        name="announceExcerpt"
        label="Include the first part of the text"
        checked={values.announceExcerpt === '1'}
      />
    </section>
  );
}

export function NewChapterPage({
  page,
  workId,
  title,
  values = {},
  errors,
  chapterId,
}: {
  page: PageContext;
  workId: number;
  title: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** Editing this chapter rather than adding one. */
  chapterId?: number;
}) {
  const heading = chapterId ? `Edit a chapter of “${title}”` : `New chapter of “${title}”`;
  const action = chapterId ? `/works/${workId}/chapters/${chapterId}/edit` : `/works/${workId}/chapters`;
  return (
    <Layout page={page} title={heading} {...formAssets()}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <Form action={action} csrfToken={page.csrfToken}>
        <ChapterFields values={values} errors={errors} />
        <Field
          name="postedAt"
          label="Publication date (to backdate)"
          values={values}
          errors={errors}
          hint="YYYY-MM-DD; leave empty for today."
        />
        {!chapterId && <AnnounceFields values={values} errors={errors} />}
        <p class="form-actions">
          <button type="submit" name="save" value="post" class="button button--primary">
            Post chapter
          </button>{' '}
          <button type="submit" name="save" value="draft" class="button">
            Save as draft
          </button>
        </p>
      </Form>
    </Layout>
  );
}
