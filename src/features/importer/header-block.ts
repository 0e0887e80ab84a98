import { isChromeLine } from './chrome.ts';
import { readDateLine } from './dates.ts';
import { OPENING, readLabel, type FieldKey, type LabelledLine } from './labels.ts';
import type { Line } from './types.ts';

/**
 * Finding a fic header among the lines and reading it: labelled lines, values continued on the next
 * lines, blank lines between labels, a "Title by Author" or "by Author" line above the labels, and
 * where it stops (a separator, an lj-cut, or a paragraph that is not a label).
 */

/** How many lines ahead a second label may be for two labels to make a header. */
const WINDOW = 6;

function isBreak(line: Line | undefined): boolean {
  return line === undefined || line.kind !== 'text';
}

/**
 * The index of the first label line of the next header at or after `from`, or null. A header opens
 * with a strong label (Title, Rating, Pairing…) or with any two known labels close together. With
 * `strict` (looking inside a story for a second fic) it needs two labels, one strong, and must start
 * a paragraph. Only lines before `limit` may open it.
 */
export function findHeaderStart(
  lines: Line[],
  from: number,
  strict: boolean,
  limit = lines.length,
): number | null {
  for (let i = from; i < limit; i++) {
    const line = lines[i];
    if (!line || line.kind !== 'text') continue;
    if (strict && !isBreak(lines[i - 1])) continue;
    const label = readLabel(line, false);
    if (!label) continue;
    let strong = OPENING.has(label.key);
    let second = false;
    for (let j = i + 1; j < lines.length && j <= i + WINDOW; j++) {
      const next = readLabel(lines[j] ?? { kind: 'blank', text: '', html: '' }, false);
      if (next && next.key !== label.key) {
        second = true;
        strong ||= OPENING.has(next.key);
        break;
      }
    }
    if (strict ? second && strong : strong || second) return i;
  }
  return null;
}

export interface HeaderField extends LabelledLine {
  /** Whether the value went on over more lines. */
  continued: boolean;
}

export interface Header {
  /** First line of the header (a title/"by" line above the labels, or the first label). */
  start: number;
  /** The first label line. */
  firstLabel: number;
  fields: HeaderField[];
  /** Title and authors from a "Title by Author" / "by Author" line, when there was one. */
  byLine: { title: string | null; author: string } | null;
  /** An unlabelled line right above the labels: maybe the title. */
  titleAbove: string | null;
  /** First line after the header (separators and cuts included in the header). */
  bodyStart: number;
  /** How the header ended. */
  end: 'rule' | 'cut' | 'paragraph' | 'line' | 'eof';
}

const PROSE = new Set<FieldKey>([
  'summary', 'notes', 'endNotes', 'disclaimer', 'spoilers', 'beta', 'prompt', 'dedication', 'other',
]); // prettier-ignore
const LISTS = new Set<FieldKey>([
  'authors', 'fandoms', 'warnings', 'ratingWarnings', 'relationships', 'characters',
  'charactersRelationships', 'additionalTags',
]); // prettier-ignore

/** Whether a line with no label, right under a field (no blank line between), goes on with its value. */
function continues(field: HeaderField, text: string): boolean {
  if (!field.value) return true;
  if (PROSE.has(field.key)) return true;
  const tail = field.value.slice(-4);
  if (/[,;&/+]\s*$|\band$/i.test(tail)) return true;
  if (field.key === 'title') return /[:–—-]\s*$/.test(tail);
  if (!LISTS.has(field.key)) return false;
  if (/^[,;&]/.test(text) || /^\p{Ll}/u.test(text)) return true;
  return text.length <= 80 && /[,;]/.test(text) && !/[.!?"”]$/.test(text);
}

/**
 * An unknown label ("Feedback: yes") belongs to the header when it is short, and, after a blank line,
 * when a label or a separator follows it; otherwise it is the story's first line ("Later: the Talon.").
 */
function otherFits(lines: Line[], at: number, value: string, blanks: number): boolean {
  if (blanks === 0) return value.length <= 200;
  if (value.length > 120) return false;
  for (let j = at + 1; j < lines.length && j <= at + 3; j++) {
    const next = lines[j] as Line;
    if (next.kind === 'rule' || next.kind === 'cut') return true;
    if (next.kind === 'text') return readLabel(next, true) !== null;
  }
  return false;
}

/** "by Someone" → "Someone"; "Title by Someone" → both. Short lines only. */
export function readByLine(text: string): { title: string | null; author: string } | null {
  if (text.length > 150) return null;
  const m = /^by\s+(\S.*)$/i.exec(text);
  if (m) return { title: null, author: (m[1] ?? '').trim() };
  const at = text.toLowerCase().lastIndexOf(' by ');
  if (at <= 0) return null;
  const author = text.slice(at + 4).trim();
  if (!author || author.split(/\s+/).length > 4 || /[.!?]$/.test(author)) return null;
  return { title: text.slice(0, at).trim(), author };
}

function plainLine(line: Line | undefined): boolean {
  return (
    !!line &&
    line.kind === 'text' &&
    line.text.length <= 150 &&
    !readDateLine(line.text) &&
    !isChromeLine(line.text) &&
    !readLabel(line, true)
  );
}

/** Reads the header whose first label is at `first`; `floor` is the first line it may claim above. */
export function readHeader(lines: Line[], first: number, floor: number): Header {
  const header: Header = {
    start: first,
    firstLabel: first,
    fields: [],
    byLine: null,
    titleAbove: null,
    bodyStart: lines.length,
    end: 'eof',
  };
  // Above the labels: "Title by Author", or "Title" then "by Author", or a bare title line.
  const above = lines[first - 1];
  if (first - 1 >= floor && plainLine(above) && above) {
    const by = readByLine(above.text);
    const twoUp = lines[first - 2];
    if (by?.title === null && first - 2 >= floor && plainLine(twoUp) && twoUp) {
      header.byLine = { title: twoUp.text, author: by.author };
      header.start = first - 2;
    } else if (by) {
      header.byLine = by;
      header.start = first - 1;
    } else {
      header.titleAbove = above.text;
      header.start = first - 1;
    }
  }
  let current: HeaderField | null = null;
  let blanks = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.kind === 'rule' || line.kind === 'cut') {
      header.bodyStart = i + 1;
      header.end = line.kind;
      return header;
    }
    if (line.kind === 'blank') {
      blanks++;
      continue;
    }
    const raw = readLabel(line, true);
    const label = raw && (raw.key !== 'other' || otherFits(lines, i, raw.value, blanks)) ? raw : null;
    if (label) {
      // A second Title after other fields: the next fic's header, with no story in between.
      if (label.key === 'title' && header.fields.some((f) => f.key === 'title')) {
        header.bodyStart = i;
        header.end = 'paragraph';
        return header;
      }
      current = { ...label, continued: false };
      header.fields.push(current);
      blanks = 0;
      continue;
    }
    if (current && blanks === 0 && continues(current, line.text)) {
      current.value = current.value ? `${current.value}\n${line.text}` : line.text;
      current.continued = true;
      continue;
    }
    if (current && blanks > 0 && !current.value && PROSE.has(current.key)) {
      current.value = line.text; // "Summary:" then a blank line then the summary
      current.continued = true;
      blanks = 0;
      continue;
    }
    const by = header.byLine ? null : readByLine(line.text);
    if (by && by.title === null && blanks === 0) {
      header.byLine = by;
      continue;
    }
    header.bodyStart = i;
    header.end = blanks > 0 ? 'paragraph' : 'line';
    return header;
  }
  return header;
}
