import type { DownloadableChapter, DownloadableWork } from './downloads.types.ts';
import { byline, chapterHeading, metaRows } from './meta.ts';
import { xmlEscape as e } from './xhtml.ts';

/**
 * The parts of a download that EPUB content documents and the HTML file share. Written as polyglot
 * markup (valid XHTML and valid HTML5): every string escaped, user HTML passed in already converted
 * by xhtml.ts.
 */

/** A chapter's user HTML after conversion; '' where the chapter has none. */
export interface ConvertedChapter {
  summary: string;
  notes: string;
  body: string;
  endNotes: string;
}

/** The meta block: rating, warnings, categories, fandoms, …, words, chapters. */
export function metaBlock(work: DownloadableWork): string {
  const rows = metaRows(work).map((row) => {
    const value = e(row.values.join(', '));
    const linked = row.href ? `<a href="${e(row.href)}">${value}</a>` : value;
    return `<dt>${e(row.label)}:</dt><dd>${linked}</dd>`;
  });
  return `<dl class="meta">\n${rows.join('\n')}\n</dl>`;
}

function userBlock(className: string, heading: string, level: number, html: string): string {
  if (!html) return '';
  return (
    `<div class="${className}"><h${level}>${e(heading)}</h${level}>\n` +
    `<blockquote class="userstuff">${html}</blockquote></div>`
  );
}

/** Title, byline, source link, meta block, summary and notes. */
export function frontMatter(work: DownloadableWork, summary: string, notes: string): string {
  return [
    `<h1 class="title">${e(work.title)}</h1>`,
    `<p class="byline">${e(byline(work))}</p>`,
    `<p class="source">Posted on Quire at <a href="${e(work.url)}">${e(work.url)}</a></p>`,
    metaBlock(work),
    userBlock('summary', 'Summary', 2, summary),
    userBlock('notes', 'Notes', 2, notes),
  ]
    .filter(Boolean)
    .join('\n');
}

/** One chapter: heading, chapter summary and notes, body, chapter end notes. */
export function chapterSection(
  work: DownloadableWork,
  chapter: DownloadableChapter,
  html: ConvertedChapter,
  id: string,
): string {
  return [
    `<section class="chapter" id="${e(id)}">`,
    `<h2>${e(chapterHeading(work, chapter))}</h2>`,
    userBlock('summary', 'Chapter Summary', 3, html.summary),
    userBlock('notes', 'Chapter Notes', 3, html.notes),
    `<div class="userstuff">${html.body}</div>`,
    userBlock('end-notes', 'Chapter End Notes', 3, html.endNotes),
    `</section>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The work's end notes. */
export function endNotesSection(endNotes: string): string {
  return (
    `<section class="end-notes" id="endnotes"><h2>End Notes</h2>\n` +
    `<blockquote class="userstuff">${endNotes}</blockquote></section>`
  );
}
