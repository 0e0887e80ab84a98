/**
 * A strict, pure reader for LiveJournal / Dreamwidth XML exports, behind `quire import lj-xml`:
 *
 *  - export.bml / export_do (LiveJournal and Dreamwidth alike): `<livejournal>` holding one `<entry>` per
 *    post with `<itemid>`, `<eventtime>`, `<logtime>`, `<subject>`, `<event>`, `<security>`, `<allowmask>`,
 *    `<current_mood>`, `<current_music>` (whichever fields were ticked);
 *  - ljdump files (one per entry, "L-123"): the `<event>` root is the entry, LJ's metadata in `<props>`.
 *
 * Any other element of an entry is kept in `props`. Malformed XML is never guessed around: it is an
 * LjXmlError naming the line and column of the problem. A comment export (export_comments) or any other
 * XML (an RSS feed…) is refused.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { EntryDraft } from './entry-fields.ts';
import { type FieldMode, fieldText } from './field-text.ts';
import { LjXmlError, type LjEntry, type LjXmlResult } from './lj-types.ts';
import { columnAt, newlinesBetween } from './source-position.ts';
import { explainSaxesError, notAnExport } from './xml-errors.ts';

export { LjXmlError, type LjEntry, type LjSecurity, type LjXmlResult } from './lj-types.ts';

/** Throws LjXmlError (message names the line and column) on malformed XML, a document that is not an LJ/DW export, or an entry without an itemid. */
export function parseLjXml(xml: string): LjXmlResult {
  return new Reader(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).read();
}

/** root: <livejournal>; meta: its <journal>/<user>; skip: anything else outside entries; inner: markup in a field. */
type Role = 'root' | 'entry' | 'props' | 'field' | 'meta' | 'inner' | 'skip';
interface Frame {
  name: string;
  role: Role;
  /** Index of the start tag's "<" and its line. */
  idx: number;
  line: number;
  /** Index just after the start tag: where the content begins. */
  start: number;
  /** For a field: whether it holds elements. */
  children: boolean;
}

const JOURNAL_NAMES = new Set(['journal', 'user', 'username']);
const TAG_LISTS = new Set(['taglist', 'tags', 'tag']);
/** Whitespace, comments and processing instructions: what may stand between fields. */
const BLANK = /(?:\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*/y;
const COMMENT_EXPORT = new Set(['comments', 'maxid', 'nextid', 'usermaps']);
class Reader {
  private readonly parser = new SaxesParser({ position: true, xmlns: false });
  private readonly stack: Frame[] = [];
  private readonly entries: LjEntry[] = [];
  private readonly warnings: string[] = [];
  private readonly firstLine = new Map<string, number>();
  private draft: EntryDraft | null = null;
  /** The field being read, if any. */
  private field: Frame | null = null;
  private journal: string | null = null;
  private rootName: string | null = null;
  private lastEventPos = 0;
  private saidSecurity = false;

  constructor(private readonly src: string) {
    // Text is read from the source (field-text.ts), so only two handlers: no text or cdata handler also
    // means saxes builds no strings for text. Keep it that way: each handler is a property of the parser,
    // and with eight of them V8 makes it a dictionary object and parsing runs six times slower.
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
  }

  read(): LjXmlResult {
    try {
      this.parser.write(this.src).close();
    } catch (err) {
      // saxes's own errors start "line:column: "; anything else (an LjXmlError from a handler) passes.
      const saxes = err instanceof Error ? /^\d+:\d+: (.*?)\.?$/s.exec(err.message) : null;
      if (!saxes) throw err;
      const top = this.stack[this.stack.length - 1];
      throw explainSaxesError(saxes[1]!, {
        src: this.src,
        position: this.parser.position,
        line: this.parser.line,
        column: this.parser.column,
        lastEventPos: this.lastEventPos,
        rootName: this.rootName,
        innermost: top ? { name: top.name, line: top.line, idx: top.idx } : null,
      });
    }
    const named = new Set(this.entries.flatMap((e) => (e.journal === null ? [] : [e.journal])));
    const journal = this.journal ?? (named.size === 1 ? [...named][0]! : null);
    for (const e of this.entries) e.journal ??= journal;
    if (this.entries.length === 0) this.warnings.push('the export holds no entries');
    // getevents (ljdump) leaves <security> out for public entries; an export leaves it out only if told to.
    else if (!this.saidSecurity && this.rootName === 'livejournal')
      this.warnings.push(
        'no entry says its <security>, so all are read as public: if the export left that field out, ' +
          'locked entries will be public',
      );
    return { entries: this.entries, journal, warnings: this.warnings };
  }

  private open(tag: SaxesTagPlain): void {
    const pos = this.parser.position;
    const idx = this.src.lastIndexOf('<', pos - 1);
    const line = this.parser.line - newlinesBetween(this.src, idx, pos);
    const parent = this.stack[this.stack.length - 1];
    if (parent) this.checkGap(parent, idx);
    const frame: Frame = { name: tag.name, idx, line, start: pos, children: false, role: 'skip' };
    frame.role = this.roleOf(tag, parent?.role, frame);
    this.stack.push(frame);
    this.lastEventPos = pos;
  }

  private roleOf(tag: SaxesTagPlain, parent: Role | undefined, frame: Frame): Role {
    const { name, attributes } = tag;
    const { idx, line } = frame;
    switch (parent) {
      case undefined:
        this.rootName = name;
        if (name === 'livejournal') {
          this.journal = (attributes.journal ?? attributes.user ?? attributes.username)?.trim() || null;
          return 'root';
        }
        if (name === 'event') return this.startEntry(attributes);
        throw this.errorAt(idx, line, notAnExport(name));
      case 'root':
        if (name === 'entry') return this.startEntry(attributes);
        if (JOURNAL_NAMES.has(name)) return this.startField(frame, 'meta');
        if (COMMENT_EXPORT.has(name))
          throw this.errorAt(idx, line, 'this is a comment export (export_comments), not a journal export');
        this.warnings.push(`line ${line}: ignored <${name}> outside any entry`);
        return 'skip';
      case 'entry':
      case 'props':
        if (parent === 'entry' && name === 'props') return 'props';
        for (const [attr, value] of Object.entries(attributes)) this.draft!.add(`${name}@${attr}`, value);
        return this.startField(frame, 'field');
      case 'field':
      case 'meta':
      case 'inner':
        this.field!.children = true;
        return 'inner';
      default:
        return 'skip';
    }
  }

  private startEntry(attributes: Record<string, string>): Role {
    this.draft = new EntryDraft();
    for (const [attr, value] of Object.entries(attributes)) this.draft.add(attr, value);
    return 'entry';
  }

  private startField(frame: Frame, role: 'field' | 'meta'): Role {
    this.field = frame;
    return role;
  }

  private close(tag: SaxesTagPlain): void {
    const pos = this.parser.position;
    const end = tag.isSelfClosing ? pos : this.checkEndTag(pos);
    const frame = this.stack.pop()!;
    if (!tag.isSelfClosing && frame.role !== 'field' && frame.role !== 'inner') this.checkGap(frame, end);
    this.lastEventPos = pos;
    if (frame.role === 'field' || frame.role === 'meta') {
      this.field = null;
      const mode: FieldMode = TAG_LISTS.has(frame.name.toLowerCase())
        ? 'tags'
        : frame.children
          ? 'markup'
          : 'text';
      const value = fieldText(this.src.slice(frame.start, end), mode);
      if (frame.role === 'meta') this.journal ??= value.trim() || null;
      else this.draft!.add(frame.name, value);
      if (mode === 'markup')
        this.draft?.notes.push(`<${frame.name}> holds XML elements, kept as HTML markup`);
    } else if (frame.role === 'entry') this.finishEntry(frame);
  }

  /** Notes text standing directly in an entry, its <props> or the root, from the last tag up to `to`. */
  private checkGap(container: Frame, to: number): void {
    if (container.role !== 'entry' && container.role !== 'props' && container.role !== 'root') return;
    BLANK.lastIndex = this.lastEventPos;
    BLANK.exec(this.src);
    if (BLANK.lastIndex >= to) return;
    if (this.draft) {
      const note = 'text outside any field was ignored';
      if (!this.draft.notes.includes(note)) this.draft.notes.push(note);
    } else {
      const line = this.parser.line - newlinesBetween(this.src, BLANK.lastIndex, this.parser.position);
      this.warnings.push(`line ${line}: text outside any entry was ignored`);
    }
  }

  /**
   * The index of the end tag's "<". saxes reports a mismatched end tag only after this handler: say it
   * first, and say it well.
   */
  private checkEndTag(pos: number): number {
    const top = this.stack[this.stack.length - 1]!;
    const lt = this.src.lastIndexOf('</', pos - 1);
    const closing = this.src.slice(lt + 2, pos - 1).trim();
    if (closing === top.name) return lt;
    const ltLine = this.parser.line - newlinesBetween(this.src, lt, pos);
    const there = `line ${ltLine}, column ${columnAt(this.src, lt)}`;
    if (this.stack.some((f) => f.name === closing))
      throw this.errorAt(
        top.idx,
        top.line,
        `<${top.name}> is never closed (</${closing}> at ${there} comes first)`,
      );
    const opened = `line ${top.line}, column ${columnAt(this.src, top.idx)}`;
    throw this.errorAt(lt, ltLine, `</${closing}> does not match <${top.name}> (opened at ${opened})`);
  }

  private finishEntry(frame: Frame): void {
    const draft = this.draft!;
    this.draft = null;
    const { itemid } = draft;
    if (!itemid) {
      const what = itemid === null ? 'has no <itemid>' : 'has an empty <itemid>';
      throw this.errorAt(frame.idx, frame.line, `<${frame.name}> ${what}: every entry needs one`);
    }
    const first = this.firstLine.get(itemid);
    if (first !== undefined) {
      this.warnings.push(
        `line ${frame.line}: entry ${itemid} repeats the itemid of line ${first}; kept the first`,
      );
      return;
    }
    this.firstLine.set(itemid, frame.line);
    this.saidSecurity ||= draft.saysSecurity;
    const entry = draft.build(frame.line);
    for (const note of draft.notes) this.warnings.push(`line ${frame.line}: entry ${itemid}: ${note}`);
    this.entries.push(entry);
  }

  private errorAt(idx: number, line: number, message: string): LjXmlError {
    return new LjXmlError(message, line, columnAt(this.src, idx));
  }
}
