/** What a LiveJournal / Dreamwidth XML export reads as. Re-exported by lj-xml.ts. */

export type LjSecurity = 'public' | 'private' | 'usemask';

export interface LjEntry {
  /** Required; the entry's id within the journal (string as written, trimmed). */
  itemid: string;
  /** ISO 'YYYY-MM-DDTHH:MM:SS' as written (journal local time, no zone); null if absent/unreadable. */
  eventtime: string | null;
  /** Same format: LJ's server time of posting. */
  logtime: string | null;
  /** '' when absent. */
  subject: string;
  /** The entry's body: HTML as written, entities decoded once, CDATA kept verbatim. */
  event: string;
  /**
   * Absent → 'public'; 'friends'/'access' → 'usemask'; unknown values → 'private' plus a warning.
   * 'usemask' with a null allowmask means "locked to some filter the export does not say": treat it as
   * restricted.
   */
  security: LjSecurity;
  /** Bit 0 = friends/access list, bits 1… = custom groups. 1 for 'friends'/'access' that gave none. */
  allowmask: number | null;
  mood: string | null;
  music: string | null;
  location: string | null;
  /** From <taglist>, <tags>, <tag> or <props><taglist>: comma-separated, trimmed, deduplicated (case-insensitively). */
  tags: string[];
  /** From the entry, else from the document, else null. */
  journal: string | null;
  poster: string | null;
  /**
   * Every other child element's text by name, so nothing is lost: <props> children by their own name
   * (ljdump's opt_preformatted, current_moodid…), a repeated element's texts joined by "\n", a field's
   * attributes as "element@attribute".
   */
  props: Record<string, string>;
  /** Line of the <entry> (or ljdump <event>) start tag, for messages. */
  line: number;
}

export interface LjXmlResult {
  entries: LjEntry[];
  journal: string | null;
  warnings: string[];
}

/** Malformed XML, a document that is not an LJ/DW export, or an entry without an itemid. */
export class LjXmlError extends Error {
  /**
   * @param message what is wrong; the error's `message` becomes "line L, column C: message".
   * @param line 1-based line.
   * @param column 1-based column, in characters.
   */
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'LjXmlError';
  }
}
