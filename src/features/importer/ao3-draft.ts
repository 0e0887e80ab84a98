import { createHash } from 'node:crypto';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../works/works.vocabulary.ts';
import type { Ao3Work } from './ao3/ao3-html.ts';
import type { ImportMode, ImportSource, WorkPlan } from './import.service.ts';

const known = <T extends string>(vocabulary: readonly T[], items: string[]): T[] =>
  items.filter((item): item is T => (vocabulary as readonly string[]).includes(item));

/** Where an AO3 download came from: its work URL, else its content. */
export function ao3Source(work: Ao3Work, html: string): ImportSource {
  const id = work.sourceUrl?.match(/\/works\/(\d+)/)?.[1];
  const key = id ? `ao3:works/${id}` : `ao3:${createHash('sha256').update(html).digest('hex').slice(0, 32)}`;
  return { key, kind: 'ao3' };
}

/**
 * An AO3 download as the posting form's values: AO3's vocabulary is Quire's, so ratings, warnings
 * and categories carry over exactly; chapters 2…n follow the first, the last dated when the work
 * was last updated so "Date Updated" matches AO3's.
 */
export function ao3Plan(
  work: Ao3Work,
  mode: ImportMode,
  ownSeries: { id: number; title: string }[] = [],
): { plan: WorkPlan; problems: string[] } {
  const problems = [...work.problems];
  const rating = known(RATINGS, work.rating ? [work.rating] : [])[0] ?? 'Not Rated';
  const warnings = known(ARCHIVE_WARNINGS, work.warnings);
  const [series, ...otherSeries] = work.series;
  const existing = series && ownSeries.find((s) => s.title.toLowerCase() === series.title.toLowerCase());
  if (otherSeries.length > 0)
    problems.push(
      `Also part of ${otherSeries.map((s) => `“${s.title}”`).join(', ')}: add it to those series by hand.`,
    );
  const [first, ...rest] = work.chapters;
  const lastDate = work.completed ?? work.updated ?? work.published;
  const save = mode === 'draft' ? 'draft' : 'post';
  const values: Record<string, string | string[]> = {
    title: work.title,
    rating,
    warnings: warnings.length ? warnings : [ARCHIVE_WARNINGS[0]],
    categories: known(CATEGORIES, work.categories),
    fandoms: work.fandoms.join(', '),
    relationships: work.relationships.join(', '),
    characters: work.characters.join(', '),
    additionalTags: work.additionalTags.join(', '),
    summary: work.summary,
    notes: work.notes,
    endNotes: work.endNotes,
    language: work.languageCode ?? 'en',
    seriesId: existing ? String(existing.id) : '',
    seriesTitle: series && !existing ? series.title : '',
    seriesPart: series?.part ? String(series.part) : '',
    expectedChapters: work.chaptersExpected ? String(work.chaptersExpected) : '?',
    postedAt: work.published ?? '',
    comments: 'everyone',
    chapterTitle: first?.title ?? '',
    chapterSummary: first?.summary ?? '',
    chapterNotes: first?.notes ?? '',
    chapterEndNotes: first?.endNotes ?? '',
    chapterBody: first?.body ?? '',
    chapterFormat: 'html',
    save,
  };
  const moreChapters = rest.map((chapter, i) => ({
    chapterTitle: chapter.title ?? '',
    chapterSummary: chapter.summary,
    chapterNotes: chapter.notes,
    chapterEndNotes: chapter.endNotes,
    chapterBody: chapter.body,
    chapterFormat: 'html',
    postedAt: (i === rest.length - 1 ? lastDate : work.published) ?? '',
    save,
  }));
  return { plan: { values, moreChapters }, problems };
}
