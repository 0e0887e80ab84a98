import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DownloadableWork } from './downloads.types.ts';
import {
  CONTAINER_XML,
  XHTML_TYPE,
  navDocument,
  ncxDocument,
  packageDocument,
  type ManifestItem,
} from './epub-package.ts';
import { htmlToText } from './html-to-text.ts';
import { chapterHeading, languageTag } from './meta.ts';
import { chapterSection, endNotesSection, frontMatter } from './markup.ts';
import { STYLESHEET } from './stylesheet.ts';
import { toXhtmlFragments, xmlEscape as e } from './xhtml.ts';

export interface EpubOptions {
  /**
   * When the file is made: dcterms:modified and the zip entries' dates. Defaults to the work's
   * revisedAt, so one revision of a work always gives the same bytes (cacheable).
   */
  generatedAt?: Date;
}

/**
 * Builds an EPUB 3 (with an NCX for EPUB 2 readers): mimetype first and stored, META-INF/container.xml,
 * OEBPS/content.opf, nav.xhtml, toc.ncx, style.css, title.xhtml (meta block, summary, notes), one
 * chapter-NNN.xhtml per chapter, and endnotes.xhtml when the work has end notes.
 *
 * Images in user HTML are not embedded nor referenced: EPUB forbids remote images (only audio, video
 * and fonts may be remote), and fetching them while generating is slow and leaks readers' requests;
 * each becomes a link "[Image: alt]" to the picture (see xhtml.ts). No `remote-resources` property is
 * needed, since no content document references a remote resource.
 */
export async function buildEpub(work: DownloadableWork, options: EpubOptions = {}): Promise<Buffer> {
  const revised = new Date(work.revisedAt);
  const modified = options.generatedAt ?? (Number.isNaN(revised.getTime()) ? new Date() : revised);
  const documents = new Map<string, string>();
  const items: ManifestItem[] = [];
  const add = (item: ManifestItem, content: string) => {
    items.push(item);
    documents.set(item.href, content);
  };

  const [summary = '', notes = ''] = toXhtmlFragments([work.summary, work.notes], work.url);
  add(
    { id: 'titlepage', href: 'title.xhtml', mediaType: XHTML_TYPE, tocLabel: 'Title Page' },
    xhtmlDocument(work, work.title, frontMatter(work, summary, notes)),
  );
  const digits = Math.max(3, String(work.chapters.length).length);
  work.chapters.forEach((chapter, i) => {
    const [chapterSummary = '', chapterNotes = '', body = '', endNotes = ''] = toXhtmlFragments(
      [chapter.summary, chapter.notes, chapter.body, chapter.endNotes],
      work.url,
    );
    const html = { summary: chapterSummary, notes: chapterNotes, body, endNotes };
    const heading = chapterHeading(work, chapter);
    add(
      {
        id: `chapter-${i + 1}`,
        href: `chapter-${String(i + 1).padStart(digits, '0')}.xhtml`,
        mediaType: XHTML_TYPE,
        tocLabel: heading,
      },
      xhtmlDocument(work, heading, chapterSection(work, chapter, html, `chapter-${i + 1}`)),
    );
  });
  if (work.endNotes) {
    const [endNotes = ''] = toXhtmlFragments([work.endNotes], work.url);
    add(
      { id: 'endnotes', href: 'endnotes.xhtml', mediaType: XHTML_TYPE, tocLabel: 'End Notes' },
      xhtmlDocument(work, 'End Notes', endNotesSection(endNotes)),
    );
  }
  add({ id: 'css', href: 'style.css', mediaType: 'text/css' }, STYLESHEET);
  const packaging: ManifestItem[] = [
    { id: 'nav', href: 'nav.xhtml', mediaType: XHTML_TYPE, properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
  ];
  const allItems = [...packaging, ...items];
  documents.set('nav.xhtml', navDocument(work, items));
  documents.set('toc.ncx', ncxDocument(work, items));
  documents.set('content.opf', packageDocument(work, allItems, htmlToText(work.summary), modified));

  const mtime = zipDate(modified);
  const files: Zippable = {
    // The OCF rules: first entry, named "mimetype", stored (not compressed), no extra field.
    mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }],
    'META-INF/container.xml': [strToU8(CONTAINER_XML), { mtime }],
  };
  for (const href of ['content.opf', 'nav.xhtml', 'toc.ncx', ...items.map((item) => item.href)]) {
    files[`OEBPS/${href}`] = [strToU8(documents.get(href)!), { mtime }];
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** A content document: the XHTML shell around polyglot body markup. */
function xhtmlDocument(work: DownloadableWork, title: string, body: string): string {
  const lang = e(languageTag(work.language));
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head>
<title>${e(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Zip (DOS) dates run from 1980 to 2099. */
function zipDate(date: Date): Date {
  const year = date.getUTCFullYear();
  if (year < 1980) return new Date(Date.UTC(1980, 0, 1));
  if (year > 2099) return new Date(Date.UTC(2099, 11, 31));
  return date;
}
