import type { FieldErrors } from '../../lib/errors.ts';
import type { ComponentChildren } from 'preact';
import {
  Checkbox,
  ErrorSummary,
  Field,
  FieldNotice,
  fieldClass,
  Form,
  type FormValues,
  TextArea,
} from '../../web/forms.tsx';
import { clientScriptUrl } from '../../web/client-assets.ts';
import { Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page-context.ts';
import { ARCHIVE_WARNINGS, CATEGORIES, LIMITS, RATINGS } from './works.vocabulary.ts';

type Values = Record<string, string | string[] | undefined>;

function Choices({
  name,
  legend,
  options,
  values,
  errors,
  type,
}: {
  name: string;
  legend: string;
  options: readonly string[];
  values: Values;
  errors?: FieldErrors;
  type: 'checkbox' | 'radio';
}) {
  const chosen = [values[name] ?? []].flat();
  return (
    <fieldset class={fieldClass(name, errors?.[name], 'field choices')} id={`f-${name}`}>
      <legend>{legend}</legend>
      <FieldNotice id={`f-${name}`} name={name} />
      {errors?.[name] && <p class="field__error">{errors[name]}</p>}
      {options.map((option, i) => (
        <div class={`field--${type}`} key={option}>
          <input
            type={type}
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

const TAG_HINT = 'Separate tags with commas.';
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
        <section class="card" aria-labelledby="tags-title">
          <h2 id="tags-title">Tags</h2>
          <Choices
            name="rating"
            legend="Rating (choose one)"
            options={RATINGS}
            values={values}
            errors={errors}
            type="radio"
          />
          <Choices
            name="warnings"
            legend="Archive warnings (choose at least one)"
            options={ARCHIVE_WARNINGS}
            values={values}
            errors={errors}
            type="checkbox"
          />
          <Choices
            name="categories"
            legend="Categories"
            options={CATEGORIES}
            values={values}
            errors={errors}
            type="checkbox"
          />
          <Field
            name="fandoms"
            label="Fandoms"
            values={text}
            errors={errors}
            hint={TAG_HINT}
            required
            data={{ 'data-tag-autocomplete': 'fandom' }}
          />
          <Field
            name="relationships"
            label="Relationships"
            values={text}
            errors={errors}
            hint={TAG_HINT}
            data={{ 'data-tag-autocomplete': 'relationship' }}
          />
          <Field
            name="characters"
            label="Characters"
            values={text}
            errors={errors}
            hint={TAG_HINT}
            data={{ 'data-tag-autocomplete': 'character' }}
          />
          <Field
            name="additionalTags"
            label="Additional tags"
            values={text}
            errors={errors}
            hint={`${TAG_HINT} At most ${LIMITS.tagsTogether} tags in all, ${LIMITS.tag} characters each.`}
            data={{ 'data-tag-autocomplete': 'freeform' }}
          />
        </section>
        <section class="card" aria-labelledby="preface-title">
          <h2 id="preface-title">Preface</h2>
          <Field
            name="title"
            label="Work title"
            values={text}
            errors={errors}
            required
            maxLength={LIMITS.title}
          />
          <Field
            name="gifts"
            label="Gift this work to"
            values={text}
            errors={errors}
            hint="Usernames or names, separated by commas. Recipients with accounts are told when the work is posted."
          />
          <Field
            name="coCreators"
            label="Co-creators"
            values={text}
            errors={errors}
            hint="Usernames, separated by commas. They are shown once they accept."
          />
          <TextArea
            name="summary"
            label="Summary"
            values={text}
            errors={errors}
            maxLength={LIMITS.summary}
            rows={4}
          />
          <TextArea
            name="notes"
            label="Notes (at the beginning)"
            values={text}
            errors={errors}
            maxLength={LIMITS.notes}
            rows={4}
          />
          <TextArea
            name="endNotes"
            label="Notes (at the end)"
            values={text}
            errors={errors}
            maxLength={LIMITS.notes}
            rows={4}
          />
        </section>
        <section class="card" aria-labelledby="associations-title">
          <h2 id="associations-title">Series, language and chapters</h2>
          {!edit && ownSeries.length > 0 && (
            <div class="field">
              <label for="f-seriesId">Add to one of your series</label>
              <select id="f-seriesId" name="seriesId">
                <option value="">(none, or a new series below)</option>
                {ownSeries.map((s) => (
                  <option key={s.id} value={String(s.id)} selected={text.seriesId === String(s.id)}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Field
            name="seriesTitle"
            label="Series (a new series’ title)"
            values={text}
            errors={errors}
            maxLength={LIMITS.title}
          />
          <Field
            name="seriesPart"
            label="Part number in the series"
            values={text}
            errors={errors}
            hint="Leave empty for the next part."
          />
          <Field
            name="language"
            label="Language"
            values={{ language: 'en', ...text }}
            errors={errors}
            hint="A language code, such as en, es or pt-BR."
          />
          <Field
            name="expectedChapters"
            label="Expected number of chapters"
            values={text}
            errors={errors}
            hint="A number, or ? if you don’t know yet."
          />
          <Field
            name="postedAt"
            label="Publication date (to backdate)"
            values={text}
            errors={errors}
            hint="YYYY-MM-DD; leave empty for today."
          />
        </section>
        <section class="card" aria-labelledby="privacy-title">
          <h2 id="privacy-title">Privacy and comments</h2>
          <Checkbox
            name="restricted"
            label="Only show this work to registered users"
            checked={values.restricted === '1'}
          />
          <Choices
            name="comments"
            legend="Who can comment"
            options={['everyone', 'registered', 'none']}
            values={{ comments: 'everyone', ...values }}
            errors={errors}
            type="radio"
          />
          <Checkbox
            name="moderatedComments"
            label="Moderate comments (approve them before they show)"
            checked={values.moderatedComments === '1'}
          />
        </section>
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
