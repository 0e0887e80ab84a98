import {
  findBodyEnd,
  readTrailer,
  renderBody,
  takeEndNotes,
  takeTagLine,
  trimEnd,
  type Span,
} from './body.ts';
import { findHeaderStart, readByLine, readHeader, type Header } from './header-block.ts';
import { htmlToLines } from './html-lines.ts';
import { looksLikeHtml, spreadParagraphs, textToLines } from './lines.ts';
import { emptySource, preambleEndWithoutHeader, readPreamble } from './preamble.ts';
import { readTitleParts, resolveSeries, tagMatches } from './series.ts';
import type { Line, ParsedPost, ParsedWork, ParseOptions, PostSource } from './types.ts';
import { applyFields, checkWork, emptyWork, readNumberPair } from './work.ts';

/**
 * Quire's fic header parser: reads a journal post (plain text or HTML) as a careful editor would and
 * returns the post's own metadata and each fic in it (header fields mapped to Quire's vocabulary, the
 * story's body, a confidence per field and the problems to ask the importer about). Pure: no I/O.
 * It never throws, and its time is linear in the input: the input is turned into lines once, and
 * every later step looks at each line a bounded number of times with bounded, backtracking-free
 * patterns. `header-parser.bench.ts` measures this on adversarial inputs of 10k, 100k and 1M characters.
 */
export function parsePost(input: string, options: ParseOptions = {}): ParsedPost {
  try {
    return parse(typeof input === 'string' ? input : String(input ?? ''), options);
  } catch (err) {
    // Unreachable by design; if a bug gets here, the importer gets a problem instead of a crash.
    const reason = err instanceof Error ? err.message : 'unknown error';
    return {
      source: emptySource(),
      works: [],
      hasHeader: false,
      problems: [`The post could not be read (${reason}).`],
    };
  }
}

export type { Line, ParsedPost, ParsedWork, ParseOptions, PostSource } from './types.ts';

interface Segment {
  header: Header | null;
  span: Span;
  /** How sure the story's first line is right: by how the header ended. */
  bodyConfidence: number;
  /** A "by Author" line under the header, when the header named no author. */
  byAuthor: string | null;
}

const BODY_CONFIDENCE: Record<Header['end'], number> = {
  rule: 0.95,
  cut: 0.95,
  paragraph: 0.85,
  line: 0.6,
  eof: 0.3,
};

function parse(input: string, options: ParseOptions): ParsedPost {
  const format = options?.format ?? 'auto';
  const asHtml = format === 'html' || (format === 'auto' && looksLikeHtml(input));
  const read = asHtml ? htmlToLines(input) : { lines: textToLines(input), pageTitle: null };
  const lines = spreadParagraphs(read.lines);
  const pageTitle = read.pageTitle;
  const problems: string[] = [];
  const segments: Segment[] = [];
  let source: PostSource;
  let trailerFrom: number;

  const first = findHeaderStart(lines, 0, false);
  if (first === null) {
    const end = preambleEndWithoutHeader(lines);
    source = readPreamble(lines, end, pageTitle, problems);
    const extent = findBodyEnd(lines, end);
    segments.push({ header: null, span: extent, bodyConfidence: 0.5, byAuthor: null });
    trailerFrom = extent.end;
    problems.push('No fic header (Title:, Rating:…) found; the whole post was taken as the story.');
  } else {
    let header = readHeader(lines, first, 0);
    const titled = header.fields.some((f) => f.key === 'title');
    source = readPreamble(
      lines,
      titled && header.titleAbove ? header.firstLabel : header.start,
      pageTitle,
      problems,
    );
    for (;;) {
      const repeat = skipRepeatedTitle(lines, header);
      const extent = findBodyEnd(lines, repeat.at);
      const segment: Segment = {
        header,
        span: extent,
        bodyConfidence: repeat.skipped ? 0.95 : BODY_CONFIDENCE[header.end],
        byAuthor: repeat.author,
      };
      segments.push(segment);
      if (extent.nextHeader === null) {
        trailerFrom = extent.end;
        break;
      }
      header = readHeader(lines, extent.nextHeader, repeat.at);
      segment.span = { start: segment.span.start, end: Math.min(segment.span.end, header.start) };
    }
  }

  const known = options?.known;
  if (known?.subject) [source.subject, source.confidence.subject] = [known.subject, 1];
  if (known?.tags?.length) [source.tags, source.confidence.tags] = [[...known.tags], 1];
  const trailer = readTrailer(lines, trailerFrom);
  Object.assign(source.otherFields, trailer.otherFields);
  if (source.tags.length === 0 && trailer.tags.length > 0)
    [source.tags, source.confidence.tags] = [trailer.tags, 0.9];
  const last = segments[segments.length - 1];
  if (last && source.tags.length === 0) {
    const tagLine = takeTagLine(lines, last.span);
    if (tagLine) {
      [source.tags, source.confidence.tags] = [tagLine.tags, tagLine.confidence];
      last.span = tagLine.span;
    }
  }
  const works = segments.map((segment) => buildWork(lines, segment, source));
  // A tag naming a work's series ("symphony" for "Symphony, Part V") confirms the tag line too.
  if (works.some((w) => w.series && source.tags.some((t) => tagMatches(w.series?.title ?? '', t)))) {
    source.confidence.tags = Math.max(source.confidence.tags ?? 0, 0.9);
  }
  return { source, works, hasHeader: first !== null, problems };
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Steps over a title and/or "by Author" line repeated between the header and the story. */
function skipRepeatedTitle(
  lines: Line[],
  header: Header,
): { at: number; skipped: boolean; author: string | null } {
  const title =
    header.fields.find((f) => f.key === 'title')?.value ?? header.byLine?.title ?? header.titleAbove;
  // A repeated title is a short line: a long "title" cannot be one, and is not normalized here.
  const titles =
    title && title.length <= 200 ? [norm(title), norm(readTitleParts(title).base)].filter(Boolean) : [];
  let at = header.bodyStart;
  let skipped = false;
  let author: string | null = null;
  for (let n = 0; n < 3; n++) {
    while (at < lines.length && lines[at]?.kind !== 'text') at++;
    const text = lines[at]?.text ?? '';
    if (!text || text.length > 200) break;
    const by = readByLine(text);
    if (titles.includes(norm(text))) {
      // The title again.
    } else if (by && (by.title === null || titles.includes(norm(by.title)))) {
      author = by.author;
    } else break;
    at++;
    skipped = true;
  }
  if (!skipped) at = header.bodyStart;
  return { at, skipped, author };
}

function buildWork(lines: Line[], segment: Segment, source: PostSource): ParsedWork {
  const work = emptyWork();
  const header = segment.header;
  const numbers = header ? applyFields(work, header.fields) : { series: null, part: null, chapter: null };
  if (header?.byLine) {
    if (!work.title && header.byLine.title) [work.title, work.confidence.title] = [header.byLine.title, 0.8];
    if (work.authors.length === 0) [work.authors, work.confidence.authors] = [[header.byLine.author], 0.8];
  }
  if (header?.titleAbove && !work.title) {
    [work.title, work.confidence.title] = [header.titleAbove, 0.6];
    work.problems.push(`The line above the header, "${header.titleAbove}", was taken as the title.`);
  }
  if (segment.byAuthor && work.authors.length === 0)
    [work.authors, work.confidence.authors] = [[segment.byAuthor], 0.8];

  let span = trimEnd(lines, segment.span);
  const endNotes = takeEndNotes(lines, span);
  if (endNotes) {
    work.endNotes = work.endNotes ? `${work.endNotes}\n\n${endNotes.notes}` : endNotes.notes;
    work.confidence.endNotes = 0.8;
    span = endNotes.span;
  }
  work.body = renderBody(lines, span);
  work.confidence.body = work.body.text ? segment.bodyConfidence : 0;
  if (!work.body.text) work.problems.push('No story text found after the header.');

  checkWork(work, { subject: source.subject, poster: source.poster });
  const series = resolveSeries(
    work.title,
    {
      series: numbers.series,
      part: numbers.part === null ? [null, null] : readNumberPair(numbers.part),
      chapter: numbers.chapter === null ? [null, null] : readNumberPair(numbers.chapter),
    },
    source.tags,
  );
  [work.series, work.chapter] = [series.series, series.chapter];
  work.confidence.series = series.confidence.series;
  work.confidence.chapter = series.confidence.chapter;
  work.problems.push(...series.problems);
  return work;
}
