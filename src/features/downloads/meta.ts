import type { DownloadableChapter, DownloadableWork } from './downloads.types.ts';

/** One line of the work's meta block ("Fandoms: Smallville"), shared by every download format. */
export interface MetaRow {
  label: string;
  values: string[];
  /** Where the (single) value links to, e.g. the series page. */
  href?: string;
}

const numberFormat = new Intl.NumberFormat('en-US');

/** A valid BCP-47 tag for the work's language ('und' when the stored value is not one). */
export function languageTag(language: string): string {
  try {
    return Intl.getCanonicalLocales(language.trim())[0] ?? 'und';
  } catch {
    return 'und';
  }
}

/** The language's English name ("English" for 'en'), or the tag itself when unknown. */
export function languageName(language: string): string {
  const tag = languageTag(language);
  if (tag === 'und') return 'Unknown';
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function parseDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 'YYYY-MM-DD' (UTC), or null for an unparseable date. */
export function isoDay(iso: string): string | null {
  return parseDate(iso)?.toISOString().slice(0, 10) ?? null;
}

/** 'YYYY-MM-DDThh:mm:ssZ', the form EPUB wants for dcterms:modified and dc:date. */
export function w3cDateTime(date: Date | string): string | null {
  const parsed = typeof date === 'string' ? parseDate(date) : date;
  if (!parsed || Number.isNaN(parsed.getTime())) return null;
  return parsed.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function byline(work: DownloadableWork): string {
  return `by ${work.creators.length > 0 ? work.creators.join(', ') : 'Anonymous'}`;
}

/** "Chapter 2: The Talon", "Chapter 2", or the work title for an untitled one-shot. */
export function chapterHeading(work: DownloadableWork, chapter: DownloadableChapter): string {
  const title = chapter.title?.trim();
  if (work.chapters.length === 1 && !title) return work.title;
  return title ? `Chapter ${chapter.position}: ${title}` : `Chapter ${chapter.position}`;
}

/** "1/3", "2/?" (unknown total), or "2/2" for a complete work without a planned total. */
export function chapterCount(work: DownloadableWork): string {
  const expected = work.expectedChapters ?? (work.complete ? work.chapters.length : null);
  return `${work.chapters.length}/${expected ?? '?'}`;
}

/** Every tag, for dc:subject: fandoms, rating, warnings, categories, relationships, characters, rest. */
export function allTags(work: DownloadableWork): string[] {
  const tags = [
    ...work.fandoms,
    work.rating,
    ...work.warnings,
    ...work.categories,
    ...work.relationships,
    ...work.characters,
    ...work.additionalTags,
  ];
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/** The meta block, in AO3's order; rows without values are left out. */
export function metaRows(work: DownloadableWork): MetaRow[] {
  const published = isoDay(work.publishedAt);
  const revised = isoDay(work.revisedAt);
  const multiChapter = work.chapters.length > 1 || (work.expectedChapters ?? 1) > 1;
  const rows: MetaRow[] = [
    { label: 'Rating', values: [work.rating] },
    { label: 'Archive Warnings', values: work.warnings },
    { label: 'Categories', values: work.categories },
    { label: 'Fandoms', values: work.fandoms },
    { label: 'Relationships', values: work.relationships },
    { label: 'Characters', values: work.characters },
    { label: 'Additional Tags', values: work.additionalTags },
    { label: 'Language', values: [languageName(work.language)] },
  ];
  if (work.series) {
    rows.push({
      label: 'Series',
      values: [`Part ${work.series.part} of ${work.series.title}`],
      href: work.series.url,
    });
  }
  if (published) rows.push({ label: 'Published', values: [published] });
  if (revised && !work.complete) rows.push({ label: 'Updated', values: [revised] });
  if (revised && work.complete && multiChapter) rows.push({ label: 'Completed', values: [revised] });
  rows.push({ label: 'Words', values: [numberFormat.format(work.wordCount)] });
  rows.push({ label: 'Chapters', values: [chapterCount(work)] });
  return rows
    .map((row) => ({ ...row, values: row.values.map((v) => v.trim()).filter(Boolean) }))
    .filter((row) => row.values.length > 0);
}
