import { isChromeLine, readMoodLine, readTagsLabel } from './chrome.ts';
import { readDateLine } from './dates.ts';
import type { Line, PostSource } from './types.ts';

/**
 * The post's own metadata from the lines above the first fic header: journal title and subtitle,
 * the posting date, the subject, the poster. Journals put the journal's name first, then the date
 * (and "user wrote,"), then the subject.
 */

/** "tremblingmoon (tremblingmoon) wrote," / "Posted by tremblingmoon" → the user name. */
function readPosterLine(text: string): string | null {
  if (text.length > 100) return null;
  const lower = text.toLowerCase();
  const wrote = lower.endsWith(' wrote,')
    ? 7
    : lower.endsWith(' wrote')
      ? 6
      : lower.endsWith(' wrote:')
        ? 7
        : 0;
  if (wrote)
    return (
      text
        .slice(0, text.length - wrote)
        .trim()
        .split(/\s+/)[0] ?? null
    );
  const posted = /^(?:posted by|poster|posted by:|by)\s*:?\s+(\S+)/i.exec(text);
  return posted ? (posted[1] ?? null) : null;
}

function readSubjectLine(text: string): string | null {
  const m = /^(?:subject|entry title)\s*:\s*/i.exec(text.slice(0, 20));
  return m ? text.slice(m[0].length).trim() || null : null;
}

export function emptySource(): PostSource {
  return {
    journalTitle: null,
    journalSubtitle: null,
    postedAt: null,
    postedAtPrecision: null,
    postedAtZone: null,
    subject: null,
    tags: [],
    poster: null,
    otherFields: {},
    confidence: { journalTitle: 0, postedAt: 0, subject: 0, tags: 0, poster: 0 },
  };
}

/** Reads lines [0, end). `pageTitle` is an HTML page's `<title>` ("user: Subject" on journals). */
export function readPreamble(
  lines: Line[],
  end: number,
  pageTitle: string | null,
  problems: string[],
): PostSource {
  const source = emptySource();
  const c = source.confidence;
  const before: string[] = [];
  const after: string[] = [];
  let dated = false;
  for (let i = 0; i < end; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text' || isChromeLine(line.text)) continue;
    if (line.user && !source.poster) [source.poster, c.poster] = [line.user, 0.7];
    // A line that only names the user ("lexfan", "lexfan (lexfan) wrote,"): the poster, nothing else.
    if (
      line.user &&
      line.text
        .replace(/[()[\]]|\bwrote\b|[,:]/g, '')
        .trim()
        .split(/\s+/)
        .every((w) => w === line.user)
    )
      continue;
    const date = dated ? null : readDateLine(line.text);
    if (date) {
      [source.postedAt, source.postedAtPrecision, source.postedAtZone] = [
        date.iso,
        date.precision,
        date.zone,
      ];
      c.postedAt = date.precision === 'minute' ? 0.95 : 0.8;
      dated = true;
      continue;
    }
    const poster = readPosterLine(line.text);
    if (poster) {
      [source.poster, c.poster] = [poster, 0.9];
      continue;
    }
    const subject = readSubjectLine(line.text);
    if (subject) {
      [source.subject, c.subject] = [subject, 0.95];
      continue;
    }
    const tags = readTagsLabel(line.text);
    if (tags) {
      [source.tags, c.tags] = [tags, 0.9];
      continue;
    }
    const mood = readMoodLine(line.text);
    if (mood) {
      source.otherFields[mood[0]] = mood[1];
      continue;
    }
    (dated ? after : before).push(line.text);
  }
  if (dated) {
    // Above the date: the journal's title, then its subtitle. Below it: the entry's subject.
    const sure = before.length <= 2 ? 0.85 : 0.4;
    source.journalTitle = before[0] ?? null;
    source.journalSubtitle = before[1] ?? null;
    c.journalTitle = source.journalTitle ? sure : 0;
    if (before.length > 2)
      problems.push('Several lines above the date; the first was taken as the journal title.');
    if (!source.subject && after[0]) [source.subject, c.subject] = [after[0], 0.7];
  } else if (before.length > 0) {
    problems.push('No posting date found; the lines above the header were read as the subject.');
    if (before.length >= 2) [source.journalTitle, c.journalTitle] = [before[0] ?? null, 0.4];
    if (!source.subject) [source.subject, c.subject] = [before[before.length - 1] ?? null, 0.4];
  } else if (!dated) problems.push('No posting date found.');
  if (!source.subject && pageTitle) {
    const colon = pageTitle.indexOf(': ');
    if (colon > 0) [source.subject, c.subject] = [pageTitle.slice(colon + 2).trim() || null, 0.4];
  }
  return source;
}

/** Where the journal's chrome ends in a post with no fic header: after the date and poster lines. */
export function preambleEndWithoutHeader(lines: Line[]): number {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 8; i++) {
    const line = lines[i] as Line;
    if (line.kind !== 'text') continue;
    seen++;
    if (readDateLine(line.text)) {
      let end = i + 1;
      while (end < lines.length && lines[end]?.kind !== 'text') end++;
      if (end < lines.length && readPosterLine(lines[end]?.text ?? '')) end++;
      while (end < lines.length && lines[end]?.kind !== 'text') end++;
      // A short, unpunctuated line standing alone under the date is the entry's subject.
      const next = lines[end];
      if (next && next.text.length <= 100 && !/[.!?"”…]$/.test(next.text) && lines[end + 1]?.kind !== 'text')
        end++;
      return end;
    }
  }
  return 0;
}
