import type { FieldErrors } from '../../lib/errors.ts';

/**
 * The posting form's flat field names ↔ the schema's shape (shared with the JSON API).
 * Forms cannot nest, so `chapter.body` travels as `chapterBody`, `series.title` as
 * `seriesTitle`, and so on.
 */
export function formToWorkInput(form: Record<string, unknown>): Record<string, unknown> {
  const { chapterTitle, chapterBody, chapterFormat, chapterSummary, chapterNotes, chapterEndNotes } = form;
  const { seriesId, seriesTitle, seriesPart, ...rest } = form;
  const hasSeries = Boolean(seriesId || (typeof seriesTitle === 'string' && seriesTitle.trim()));
  return {
    ...rest,
    draft: form.save === 'draft' ? '1' : form.draft,
    series: hasSeries
      ? { id: seriesId || undefined, title: seriesTitle || undefined, part: seriesPart || undefined }
      : null,
    chapter: {
      title: chapterTitle ?? '',
      body: chapterBody ?? '',
      format: chapterFormat ?? 'html',
      summary: chapterSummary ?? '',
      notes: chapterNotes ?? '',
      endNotes: chapterEndNotes ?? '',
    },
  };
}

/** Errors on nested fields are shown beside the form field that holds them. */
export function formErrors(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const key = field === 'chapter' ? 'chapterBody' : field === 'series' ? 'seriesTitle' : field;
    mapped[key] ??= message;
  }
  return mapped;
}
