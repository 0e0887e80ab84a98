import { escapeHtml } from '../../lib/safe-html.ts';
import type { DownloadableWork } from './downloads.types.ts';
import { chapterHeading, languageTag } from './meta.ts';
import { chapterSection, endNotesSection, frontMatter } from './markup.ts';
import { STYLESHEET } from './stylesheet.ts';
import { toXhtmlFragments } from './xhtml.ts';

const PAGE_STYLE = `body { max-width: 42em; margin: 2em auto; padding: 0 1em; color: #222; background: #fff; }
nav.toc ol { padding-left: 1.5em; }
`;

/**
 * One self-contained HTML5 file: inline stylesheet, no scripts, no external resources (images in user
 * HTML become "[Image: alt]" links, see xhtml.ts). Front matter (meta block, summary, notes), a chapter
 * index linking to the chapters' anchors, the chapters, and the work's end notes.
 */
export function buildHtml(work: DownloadableWork): string {
  // All user HTML of the file is converted together: it is one document, so anchors are shared.
  const fragments = toXhtmlFragments(
    [
      work.summary,
      work.notes,
      ...work.chapters.flatMap((c) => [c.summary, c.notes, c.body, c.endNotes]),
      work.endNotes,
    ],
    work.url,
  );
  const part = (i: number) => fragments[i] ?? '';
  const chapters = work.chapters.map((chapter, i) => {
    const at = 2 + i * 4;
    const html = { summary: part(at), notes: part(at + 1), body: part(at + 2), endNotes: part(at + 3) };
    return chapterSection(work, chapter, html, `chapter-${i + 1}`);
  });
  const index = work.chapters.map(
    (chapter, i) => `<li><a href="#chapter-${i + 1}">${escapeHtml(chapterHeading(work, chapter))}</a></li>`,
  );
  if (work.endNotes) index.push('<li><a href="#endnotes">End Notes</a></li>');
  const endNotes = work.endNotes ? endNotesSection(part(fragments.length - 1)) : '';
  const lang = escapeHtml(languageTag(work.language));
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Quire">
<title>${escapeHtml(work.title)}</title>
<style>
${STYLESHEET}${PAGE_STYLE}</style>
</head>
<body>
<header class="preface">
${frontMatter(work, part(0), part(1))}
</header>
<nav class="toc"><h2>Chapters</h2>
<ol>
${index.join('\n')}
</ol>
</nav>
<main>
${chapters.join('\n')}
${endNotes}
</main>
</body>
</html>
`;
}
