import type { SafeHtml } from '../../lib/safe-html.ts';
import type { DownloadableWork } from './downloads.types.ts';
import { htmlToText } from './html-to-text.ts';
import { byline, chapterHeading, metaRows } from './meta.ts';
import { stripXmlInvalid } from './xhtml-rules.ts';

/** A heading underlined to its length ("Chapter 1" / "========="). */
function heading(text: string, underline: string): string {
  return `${text}\n${underline.repeat(Math.max(3, [...text].length))}`;
}

/** "Notes" followed by the text, or nothing when the HTML is empty. */
function labelled(label: string, html: SafeHtml | null): string[] {
  const text = htmlToText(html);
  return text ? [`${label}:`, text] : [];
}

/**
 * The plain-text download: title, byline, meta block, summary, notes, then each chapter under an
 * underlined heading, then the end notes. Control characters are dropped. Blocks are separated by one blank line, sections (front
 * matter, chapters, end notes) by two; nothing is wrapped.
 */
export function buildText(work: DownloadableWork): string {
  const sections: string[][] = [
    [
      heading(work.title, '='),
      `${byline(work)}\nPosted on Quire at ${work.url}`,
      metaRows(work)
        .map((row) => `${row.label}: ${row.values.join(', ')}`)
        .join('\n'),
      ...labelled('Summary', work.summary),
      ...labelled('Notes', work.notes),
    ],
    ...work.chapters.map((chapter) => [
      heading(chapterHeading(work, chapter), '-'),
      ...labelled('Chapter Summary', chapter.summary),
      ...labelled('Chapter Notes', chapter.notes),
      htmlToText(chapter.body),
      ...labelled('Chapter End Notes', chapter.endNotes),
    ]),
    labelled('End Notes', work.endNotes),
  ];
  const text = sections
    .map((blocks) => blocks.filter(Boolean).join('\n\n'))
    .filter(Boolean)
    .join('\n\n\n');
  return `${stripXmlInvalid(text)}\n`;
}
