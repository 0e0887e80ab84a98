import type { Document, Element } from 'domhandler';
import { readChapters, noteOf } from './ao3-chapters.ts';
import { buildDom, findFirst, textOf } from './ao3-dom.ts';
import { emptyPreface, readPreface } from './ao3-meta.ts';

/**
 * AO3's "Download → HTML" file → a work with its tags, notes, chapters and series. Pure and never
 * throws: anything that is not such a file gives `{ ok: false, problem }`, and oddities in one that is
 * are listed in `work.problems`. Linear in the input (see ao3-dom.ts). HTML fields are the creator's
 * markup as the file has it, unsanitized: the caller sanitizes.
 */

export interface Ao3Chapter {
  /** The chapter's own title ("Chapter 2: Title" → "Title"); null for "Chapter 2" or a one-chapter work. */
  title: string | null;
  summary: string;
  notes: string;
  endNotes: string;
  /** Inner HTML, unsanitized. */
  body: string;
}

export interface Ao3Work {
  title: string;
  authors: string[];
  sourceUrl: string | null;
  /** AO3's name, e.g. "Teen And Up Audiences". */
  rating: string | null;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  additionalTags: string[];
  /** As written, e.g. "English", "Português brasileiro". */
  language: string | null;
  /** BCP 47 ("en", "pt-BR"), null when the language is not in the table. */
  languageCode: string | null;
  series: { title: string; part: number | null; url: string | null }[];
  /** 'YYYY-MM-DD' */
  published: string | null;
  updated: string | null;
  completed: string | null;
  words: number | null;
  chaptersPosted: number | null;
  /** Null for "3/?". */
  chaptersExpected: number | null;
  /** Work-level, inner HTML ('' when absent). */
  summary: string;
  notes: string;
  endNotes: string;
  /** At least one. */
  chapters: Ao3Chapter[];
  /** Anything odd, in plain English. */
  problems: string[];
}

export type Ao3Result = { ok: true; work: Ao3Work } | { ok: false; problem: string };

/** Past this many, problems are counted rather than listed. */
const MAX_PROBLEMS = 30;

/** `<div … id="…"` with a bounded attribute scan, so hostile input stays linear. */
const idPattern = (id: string) => new RegExp(`<div\\b[^<>]{0,512}?\\bid\\s*=\\s*["']?${id}(?![\\w-])`, 'i');
const PREFACE = idPattern('preface');
const CHAPTERS = idPattern('chapters');
const AO3 = /archiveofourown\.org|Archive of Our Own|\bao3\.org\b/i;

/** A cheap look at the text: does it seem to be an AO3 HTML download? Never throws. */
export function looksLikeAo3Download(html: string): boolean {
  if (typeof html !== 'string') return false;
  const preface = PREFACE.test(html);
  const chapters = CHAPTERS.test(html);
  return (preface && chapters) || ((preface || chapters) && AO3.test(html));
}

/** Why the text is not something to parse at all, or null. */
function notHtml(html: string): string | null {
  if (!/\S/.test(html)) return 'The file is empty.';
  const start = html.slice(0, 4096);
  if (start.startsWith('%PDF'))
    return 'This is a PDF. Download the work from AO3 as HTML and import that file.';
  if (start.startsWith('PK\u0003\u0004'))
    return 'This is a zip file (an EPUB?). Download the work from AO3 as HTML and import that file.';
  if (start.includes('BOOKMOBI'))
    return 'This is a MOBI/AZW3 e-book. Download the work from AO3 as HTML and import that file.';
  const control = start.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0; // eslint-disable-line no-control-regex
  if (control > start.length / 100) return 'This is a binary file, not an AO3 HTML download.';
  return null;
}

function parse(html: string): Ao3Result {
  const refusal = notHtml(html);
  if (refusal) return { ok: false, problem: refusal };
  const doc: Document = buildDom(html, true);
  // The first of each, not looking inside the preface or chapters for the others (creators' HTML).
  const byId = (id: string, ...skip: (Element | null)[]) =>
    findFirst(
      doc,
      (e) => e.attribs.id === id,
      (e) => skip.includes(e),
    );
  const preface = byId('preface');
  const container = byId('chapters', preface);
  if (!container || (!preface && !AO3.test(html))) {
    return {
      ok: false,
      problem: container
        ? "This doesn't look like an AO3 HTML download: it has no preface and never mentions AO3."
        : "This doesn't look like an AO3 HTML download: it has no chapters section.",
    };
  }

  const problems: string[] = [];
  if (!preface) problems.push('The file has no preface, so the work has no tags or stats.');
  const meta = preface ? readPreface(preface, problems) : emptyPreface();
  const chapters = readChapters(container, problems);
  const endNotesBox = byId('endnotes', preface, container) ?? byId('work_endnotes', preface, container);
  const endNotes = endNotesBox ? noteOf(endNotesBox, /^end notes:?$/i) : '';

  let title = meta.title;
  if (!title) {
    const pageTitle = findFirst(doc, (e) => e.name === 'title');
    title = (pageTitle && textOf(pageTitle)) || 'Untitled';
    problems.push(`The work's title is missing; "${title}" was used.`);
  }
  if (meta.authors.length === 0) problems.push('The work names no creator.');
  if (meta.chaptersPosted !== null && meta.chaptersPosted !== chapters.length)
    problems.push(
      `The stats say ${meta.chaptersPosted} chapters are posted but the file has ${chapters.length}.`,
    );
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.length = MAX_PROBLEMS;
    problems.push(`…and ${more} more.`);
  }
  const work: Ao3Work = { ...meta, title, endNotes, chapters, problems };
  return { ok: true, work };
}

/** Parses an AO3 HTML download. Never throws. */
export function parseAo3Html(html: string): Ao3Result {
  if (typeof html !== 'string') return { ok: false, problem: 'Nothing was given to import.' };
  try {
    return parse(html);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: `The file could not be read as an AO3 download (${why.slice(0, 200)}).` };
  }
}
