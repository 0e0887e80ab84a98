import type { SafeHtml } from '../../lib/safe-html.ts';
import type { ArchiveWarning, RatingValue } from './vocabulary.ts';

/**
 * One line of the post, after plain text or HTML has been flattened. Blank lines separate paragraphs,
 * `rule` is a separator (`<hr>`, `***`, `~*~`…) and `cut` an lj-cut. `html` is the line's own inline
 * markup (escaped text, emphasis, links), unsanitized: the body is sanitized as a whole.
 */
export interface Line {
  kind: 'text' | 'blank' | 'rule' | 'cut';
  text: string;
  html: string;
  /** Text of a bold run that opens the line (`<b>Title</b> x`), for labels written without a colon. */
  boldPrefix?: string;
  /** The line is made of links to the journal's tag pages (an entry's tag list). */
  tagLinks?: boolean;
  /** The first journal user named on the line (`<span lj:user="name">`). */
  user?: string;
}

/** Per-field certainty, 0 (nothing found or a guess) to 1 (read from an unambiguous label). */
export type Confidence = Record<string, number>;

export interface PostSource {
  journalTitle: string | null;
  journalSubtitle?: string | null;
  /**
   * 'YYYY-MM-DDTHH:MM:00' as written, with no zone: journals print local wall-clock time and rarely
   * say which zone, so no offset (and no `Z`) is added. A written zone is kept raw in `postedAtZone`.
   */
  postedAt: string | null;
  /** 'minute' when the post gave a time, 'day' when it gave a date only (postedAt then says 00:00). */
  postedAtPrecision: 'minute' | 'day' | null;
  postedAtZone: string | null;
  subject: string | null;
  /** The entry's own tags (the journal's tag line, not the fic's "Tags:" header line). */
  tags: string[];
  poster: string | null;
  /** Mood, music, location and other labelled journal chrome. */
  otherFields: Record<string, string>;
  confidence: Confidence;
}

export interface ParsedWork {
  title: string | null;
  authors: string[];
  fandoms: string[];
  rating: { raw: string | null; value: RatingValue };
  warnings: { raw: string | null; archive: ArchiveWarning[]; additional: string[] };
  relationships: string[];
  characters: string[];
  additionalTags: string[];
  summary: string | null;
  notes: string | null;
  endNotes: string | null;
  disclaimer: string | null;
  spoilers: string | null;
  beta: string | null;
  prompt: string | null;
  dedication: string | null;
  wordCount: { raw: string | null; claimed: number | null; approximate: boolean; counted: number };
  series: { title: string; part: number | null } | null;
  chapter: { number: number | null; total: number | null; title: string | null } | null;
  /** Every labelled header line Quire has no field for, under its label as written. */
  otherFields: Record<string, string>;
  body: { html: SafeHtml; text: string };
  confidence: Confidence;
  problems: string[];
}

export interface ParsedPost {
  source: PostSource;
  works: ParsedWork[];
  /** A fic header (Title:, Rating:…) was found; without one the whole post was taken as the story. */
  hasHeader: boolean;
  /** Problems with the post as a whole (each work has its own list too). */
  problems: string[];
}

export interface ParseOptions {
  format?: 'auto' | 'text' | 'html';
  /** What the post's container already says (a journal export's entry): taken over what the text says. */
  known?: { subject?: string | null; tags?: string[] };
}
