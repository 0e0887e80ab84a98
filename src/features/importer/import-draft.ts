import { readTitleParts } from './series.ts';
import type { ParsedWork, PostSource } from './types.ts';
import { ARCHIVE_WARNINGS } from './vocabulary.ts';

const NO_WARNINGS_CHOSEN = ARCHIVE_WARNINGS[0];

/**
 * A parsed fic as the posting form's values (the form is the one place a work is posted from,
 * so the web import, the CLI and the journal import all go through `formToWorkInput`), with the
 * fields the parser was unsure of marked for the writer to check.
 */
export interface ImportDraft {
  values: Record<string, string | string[]>;
  /** Form field → why the writer should look at it. */
  notices: Record<string, string>;
  /** Things to tell the writer that belong to no single field. */
  problems: string[];
  /** "Chapter 3 of 6": the work this continues, if the account already has it (set by the service). */
  chapter: { number: number | null; total: number | null; title: string | null } | null;
}

/** Below this, a field read from the post is highlighted for checking. */
export const SURE = 0.8;

const UNSURE = 'Quire was not sure it read this right: please check it.';

/** Labelled header lines Quire has no field for, kept at the top of the notes rather than lost. */
const EXTRA_FIELDS = [
  ['disclaimer', 'Disclaimer'],
  ['spoilers', 'Spoilers'],
  ['beta', 'Beta'],
  ['prompt', 'Prompt'],
  ['dedication', 'Dedication'],
] as const;

/** The notes as plain text (the form turns blank lines into paragraphs), extra header lines first. */
function notesText(work: ParsedWork): string {
  const extras: [string, string][] = [
    ...EXTRA_FIELDS.filter(([key]) => work[key]).map(([key, label]): [string, string] => [label, work[key]!]),
    ...Object.entries(work.otherFields),
  ];
  const lines = extras.map(([label, value]) => `${label}: ${value}`);
  if (work.notes) lines.push(work.notes);
  return lines.join('\n\n');
}

/** `2006-01-21T19:20:00` (journal wall-clock time, zone unknown) as the form's backdate (taken as UTC). */
function postedAtValue(source: PostSource): string {
  if (!source.postedAt) return '';
  return source.postedAtPrecision === 'day'
    ? source.postedAt.slice(0, 10)
    : `${source.postedAt.slice(0, 19)}Z`;
}

/** The base title of a chapter post ("Title (3/6)" → "Title"), to find the work it continues. */
export function workTitleOf(work: ParsedWork): string {
  const title = work.title ?? '';
  return work.chapter ? readTitleParts(title).base || title : title;
}

export function draftFromParsed(
  work: ParsedWork,
  source: PostSource,
  ownSeries: { id: number; title: string }[] = [],
): ImportDraft {
  const notices: Record<string, string> = {};
  const unsure = (field: string, key: string, hasValue: boolean) => {
    if (hasValue && (work.confidence[key] ?? 0) < SURE) notices[field] = UNSURE;
  };
  const title = work.chapter ? workTitleOf(work) : (work.title ?? source.subject ?? '');
  if (!title) notices.title = 'The post has no title line: please give the work a title.';
  else unsure('title', 'title', true);

  if (work.fandoms.length === 0) notices.fandoms = 'No fandom found in the post: please add at least one.';
  else unsure('fandoms', 'fandoms', true);
  if (work.rating.raw === null) notices.rating = 'The post gives no rating: “Not Rated” is chosen.';
  else if (work.rating.value === 'Not Rated')
    notices.rating = `The post says “${work.rating.raw}”, which is not a rating Quire knows: “Not Rated” is chosen.`;
  else unsure('rating', 'rating', true);
  const warnings = work.warnings.archive.length > 0 ? [...work.warnings.archive] : [NO_WARNINGS_CHOSEN];
  if (work.warnings.archive.length === 0) {
    notices.warnings = work.warnings.raw
      ? `The post’s warnings (“${work.warnings.raw}”) are not archive warnings, so they became additional tags and “${NO_WARNINGS_CHOSEN}” is chosen: please check.`
      : `The post names no archive warning, so “${NO_WARNINGS_CHOSEN}” is chosen: please check.`;
  }
  unsure('relationships', 'relationships', work.relationships.length > 0);
  unsure('characters', 'characters', work.characters.length > 0);
  unsure('additionalTags', 'additionalTags', work.additionalTags.length > 0);
  unsure('summary', 'summary', Boolean(work.summary));
  unsure('notes', 'notes', Boolean(work.notes));
  unsure('endNotes', 'endNotes', Boolean(work.endNotes));
  unsure('chapterBody', 'body', Boolean(work.body.text));
  if (!work.body.text) notices.chapterBody = 'No story text found after the header: please paste it here.';

  const series = work.series;
  const existing = series
    ? ownSeries.find((s) => s.title.trim().toLowerCase() === series.title.trim().toLowerCase())
    : undefined;
  if (series) unsure('seriesTitle', 'series', true);
  if (existing) notices.seriesId = `Part of your series “${existing.title}”, which this import joins.`;
  if (source.postedAt && (source.confidence.postedAt ?? 0) < SURE) notices.postedAt = UNSURE;

  const problems = [...work.problems];
  if (source.postedAtZone)
    problems.push(`The post’s time zone (${source.postedAtZone}) is not applied; the time is taken as UTC.`);
  const values: Record<string, string | string[]> = {
    title,
    rating: work.rating.value,
    warnings,
    categories: [],
    fandoms: work.fandoms.join(', '),
    relationships: work.relationships.join(', '),
    characters: work.characters.join(', '),
    additionalTags: work.additionalTags.join(', '),
    summary: work.summary ?? '',
    notes: notesText(work),
    endNotes: work.endNotes ?? '',
    language: 'en',
    seriesId: existing ? String(existing.id) : '',
    seriesTitle: series && !existing ? series.title : '',
    seriesPart: series?.part ? String(series.part) : '',
    expectedChapters: work.chapter ? (work.chapter.total ? String(work.chapter.total) : '?') : '1',
    postedAt: postedAtValue(source),
    comments: 'everyone',
    chapterTitle: work.chapter?.title ?? '',
    chapterBody: work.body.html,
    chapterFormat: 'html',
  };
  return { values, notices, problems, chapter: work.chapter };
}
