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

type ViewLike = {
  work: {
    title: string;
    summary: string;
    notes: string;
    end_notes: string;
    language: string;
    restricted: number;
    comment_permission: string;
    moderated_comments: number;
    expected_chapters: number | null;
  };
  tags: Record<
    'rating' | 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform',
    string[]
  >;
  series: readonly { id: number; title: string; part: number }[];
  gifts: readonly { recipient: string }[];
};

/** A stored work as the edit form's values (stored HTML is shown as HTML, so edits round-trip). */
export function workFormValues(view: ViewLike): Record<string, string | string[]> {
  const { work, tags } = view;
  return {
    title: work.title,
    gifts: view.gifts.map((g) => g.recipient).join(', '),
    rating: tags.rating[0] ?? '',
    warnings: tags.warning,
    categories: tags.category,
    fandoms: tags.fandom.join(', '),
    relationships: tags.relationship.join(', '),
    characters: tags.character.join(', '),
    additionalTags: tags.freeform.join(', '),
    summary: work.summary,
    notes: work.notes,
    endNotes: work.end_notes,
    language: work.language,
    expectedChapters: work.expected_chapters === null ? '?' : String(work.expected_chapters),
    restricted: work.restricted ? '1' : '',
    comments: work.comment_permission,
    moderatedComments: work.moderated_comments ? '1' : '',
  };
}

export function chapterFormValues(chapter: {
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
}) {
  return {
    chapterTitle: chapter.title,
    chapterSummary: chapter.summary,
    chapterNotes: chapter.notes,
    chapterEndNotes: chapter.end_notes,
    chapterBody: chapter.body,
    chapterFormat: 'html',
  };
}

/** The chapter form's fields in the schema's shape. */
export function formToChapterInput(form: Record<string, unknown>) {
  return {
    title: form.chapterTitle,
    summary: form.chapterSummary,
    notes: form.chapterNotes,
    endNotes: form.chapterEndNotes,
    body: form.chapterBody,
    format: form.chapterFormat,
    draft: form.save === 'draft',
    postedAt: form.postedAt,
  };
}

export function chapterFormErrors(errors: FieldErrors): FieldErrors {
  const names: Record<string, string> = {
    body: 'chapterBody',
    title: 'chapterTitle',
    summary: 'chapterSummary',
    notes: 'chapterNotes',
    endNotes: 'chapterEndNotes',
  };
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v]));
}
