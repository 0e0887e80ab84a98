import { sanitize } from '../../lib/sanitize.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { isChromeLine, readBareTagLine, readMoodLine, readTagsLabel } from './chrome.ts';
import { findHeaderStart } from './header-block.ts';
import { readLabel } from './labels.ts';
import type { Line } from './types.ts';

/** Where a story ends, what trails it (end notes, the entry's tags), and its HTML and text. */

/** Journal furniture that ends a story: navigation, comment links, "Tags:", mood and music lines. */
export function isHardChrome(line: Line): boolean {
  if (line.kind !== 'text') return false;
  return (
    isChromeLine(line.text) ||
    readTagsLabel(line.text) !== null ||
    readMoodLine(line.text) !== null ||
    !!line.tagLinks
  );
}

export interface Span {
  start: number;
  end: number;
}

export interface BodyExtent extends Span {
  /** The next fic's header, when the post carries another. */
  nextHeader: number | null;
  /** The first chrome line after the story, when there is one. */
  chrome: number | null;
}

/** From `start`, the story runs to the next fic's header or the first chrome line, whichever is first. */
export function findBodyEnd(lines: Line[], start: number): BodyExtent {
  const next = findHeaderStart(lines, start, true);
  const limit = next ?? lines.length;
  for (let i = start; i < limit; i++) {
    if (isHardChrome(lines[i] as Line)) return { start, end: i, nextHeader: null, chrome: i };
  }
  return { start, end: limit, nextHeader: next, chrome: null };
}

/** Moves `end` back over blank lines, separators and cuts. */
export function trimEnd(lines: Line[], span: Span): Span {
  let { start, end } = span;
  while (end > start && lines[end - 1]?.kind !== 'text') end--;
  while (start < end && lines[start]?.kind !== 'text') start++;
  return { start, end };
}

/** A bare tag line ("symphony, fic") as the story's last line: the entry's tags. */
export function takeTagLine(
  lines: Line[],
  span: Span,
): { tags: string[]; confidence: number; span: Span } | null {
  const trimmed = trimEnd(lines, span);
  const last = lines[trimmed.end - 1];
  // Not the only paragraph: then it is the story.
  if (!last || trimmed.end - 1 <= trimmed.start || lines[trimmed.end - 2]?.kind === 'text') return null;
  const read = readBareTagLine(last);
  return read ? { ...read, span: trimEnd(lines, { start: trimmed.start, end: trimmed.end - 1 }) } : null;
}

/**
 * End notes: one of the story's last three paragraphs opening with "A/N:", "Notes:", "End notes:".
 * Returns the notes and the story without them.
 */
export function takeEndNotes(lines: Line[], span: Span): { notes: string; span: Span } | null {
  let paragraphs = 0;
  for (let i = span.end - 1; i > span.start && paragraphs < 3; i--) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    if (lines[i - 1]?.kind === 'text') continue;
    paragraphs++;
    const label = readLabel(line, false);
    if (label && (label.key === 'notes' || label.key === 'endNotes')) {
      const rest = lines
        .slice(i + 1, span.end)
        .filter((l) => l.kind === 'text')
        .map((l) => l.text);
      const notes = [label.value, ...rest].filter(Boolean).join('\n');
      return { notes, span: trimEnd(lines, { start: span.start, end: i }) };
    }
  }
  return null;
}

/** The story's HTML (paragraphs, `<br />` inside them, sanitized) and plain text (blank-line paragraphs). */
export function renderBody(lines: Line[], span: Span): { html: SafeHtml; text: string } {
  const html: string[] = [];
  const text: string[] = [];
  let para: Line[] = [];
  const close = (): void => {
    if (para.length === 0) return;
    html.push(`<p>${para.map((l) => l.html.trim()).join('<br />')}</p>`);
    text.push(para.map((l) => l.text).join('\n'));
    para = [];
  };
  for (let i = span.start; i < span.end; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'text') para.push(line);
    else {
      close();
      if (line.kind === 'rule') {
        html.push(line.text ? `<p>${line.html}</p>` : '<hr />');
        text.push(line.text || '* * *');
      }
    }
  }
  close();
  return { html: sanitize(html.join('\n')), text: text.join('\n\n') };
}

export interface Trailer {
  tags: string[];
  otherFields: Record<string, string>;
}

/** Reads the chrome after the last story: "Tags:" or linked tags, mood and music. */
export function readTrailer(lines: Line[], from: number): Trailer {
  const out: Trailer = { tags: [], otherFields: {} };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    const tags = readTagsLabel(line.text) ?? (line.tagLinks ? readBareTagLine(line)?.tags : null);
    if (tags && out.tags.length === 0) out.tags = tags;
    const mood = readMoodLine(line.text);
    if (mood && !(mood[0] in out.otherFields)) out.otherFields[mood[0]] = mood[1];
  }
  return out;
}
