import type { FieldErrors } from '../../lib/errors.ts';
import {
  Checkbox,
  ChoiceInputs,
  Field,
  FieldNotice,
  fieldClass,
  type FormValues,
  TextArea,
} from '../../web/forms.tsx';
import { ARCHIVE_WARNINGS, CATEGORIES, LIMITS, RATINGS } from './works.vocabulary.ts';

// The sections of the work form (work-form.views.tsx's NewWorkPage), one component each.

export type Values = Record<string, string | string[] | undefined>;

/** What every section of the work form is given. */
export interface SectionProps {
  values: Values;
  errors?: FieldErrors;
  /** Editing a posted work or draft (no first chapter; some choices are made once). */
  edit?: { workId: number; draft: boolean };
  /** The poster's own series, to add the work to one of them. */
  ownSeries?: { id: number; title: string }[];
}

const TAG_HINT = 'Separate tags with commas.';

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
      <ChoiceInputs name={name} options={options} chosen={chosen} type={type} />
    </fieldset>
  );
}

/** The work's tags: rating, warnings, categories, fandoms, relationships, characters, more. */
export function TagsSection({ values, errors }: SectionProps) {
  const text = values as FormValues;
  return (
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
  );
}

/** Title, creators, summary and notes. */
export function PrefaceSection({ values, errors }: SectionProps) {
  const text = values as FormValues;
  return (
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
  );
}

/** Series, language, expected chapters and the publication date. */
export function AssociationsSection({ values, errors, edit, ownSeries = [] }: SectionProps) {
  const text = values as FormValues;
  return (
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
  );
}

/** Who may read the work, and who may comment. */
export function PrivacySection({ values, errors }: SectionProps) {
  return (
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
  );
}
