import type { DownloadableWork, DownloadFormat } from '../downloads/downloads.types.ts';
import { buildEpub } from '../downloads/epub.ts';
import { buildHtml } from '../downloads/html.ts';
import { buildText } from '../downloads/txt.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import type { WorkView } from './works.read.ts';

const html = (value: string) => (value ? (value as SafeHtml) : null);

/** A readable work (already visibility-checked by readWork) in the download builders' shape. */
export function toDownloadable(view: WorkView, baseUrl: string): DownloadableWork {
  const { work, tags } = view;
  const series = view.series[0];
  return {
    id: work.id,
    title: work.title,
    url: `${baseUrl}/works/${work.id}`,
    creators: view.creators.map((c) => c.pseud),
    language: work.language,
    summary: html(work.summary),
    notes: html(work.notes),
    endNotes: html(work.end_notes),
    rating: tags.rating[0] ?? 'Not Rated',
    warnings: tags.warning,
    categories: tags.category,
    fandoms: tags.fandom,
    relationships: tags.relationship,
    characters: tags.character,
    additionalTags: tags.freeform,
    series: series ? { title: series.title, part: series.part, url: `${baseUrl}/series/${series.id}` } : null,
    publishedAt: work.published_at ?? work.created_at,
    revisedAt: work.revised_at ?? work.updated_at,
    complete: work.complete === 1,
    wordCount: work.word_count,
    expectedChapters: work.expected_chapters,
    // Downloads carry posted chapters only, even for the work's own creators.
    chapters: view.chapters
      .filter((c) => c.posted === 1)
      .map((c, i) => ({
        position: i + 1,
        title: c.title || null,
        summary: html(c.summary),
        notes: html(c.notes),
        endNotes: html(c.end_notes),
        body: c.body as SafeHtml,
      })),
  };
}

export async function renderDownload(
  work: DownloadableWork,
  format: DownloadFormat,
): Promise<Buffer | string> {
  if (format === 'epub') return buildEpub(work);
  if (format === 'html') return buildHtml(work);
  return buildText(work);
}
