/**
 * saxes's well-formedness errors, re-said for a person and pinned to where the problem is rather than where
 * saxes noticed it (a bare "&" makes saxes read on to the next ";", an unclosed tag is only noticed at the
 * end of the file).
 */
import { LjXmlError } from './lj-types.ts';
import { columnAt, lastNonSpace, newlinesBetween } from './source-position.ts';

/** The parser's state when saxes failed. */
export interface FailureState {
  src: string;
  /** saxes's position (an index into src), line and column (of the last character read) at the failure. */
  position: number;
  line: number;
  column: number;
  /** Where the last start or end tag ended: nothing before it is wrong. */
  lastEventPos: number;
  rootName: string | null;
  /** The innermost element still open. */
  innermost: { name: string; line: number; idx: number } | null;
}

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const REFERENCE = /&(?:([A-Za-z_:][\w.:-]*)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const AMP_OR_SECTION = /&|<!--|<!\[CDATA\[|<\?/g;
const SECTION_END: Record<string, string> = { '<!--': '-->', '<![CDATA[': ']]>', '<?': '?>' };
/** Whitespace, XML declaration, processing instructions, comments, a doctype: what may surround the root. */
const PROLOG = /(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/y;

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** The first "&" in src[from, to) that does not start a reference XML can resolve (outside comments, CDATA, PIs). */
export function findBadReference(
  src: string,
  from: number,
  to: number,
): { idx: number; message: string } | null {
  AMP_OR_SECTION.lastIndex = from;
  for (let m = AMP_OR_SECTION.exec(src); m && m.index < to; m = AMP_OR_SECTION.exec(src)) {
    if (m[0] !== '&') {
      const end = src.indexOf(SECTION_END[m[0]]!, m.index + m[0].length);
      if (end < 0) return null;
      AMP_OR_SECTION.lastIndex = end + SECTION_END[m[0]]!.length;
      continue;
    }
    REFERENCE.lastIndex = m.index;
    const ref = REFERENCE.exec(src);
    if (!ref) {
      const seen = /^&[^\s<&]{0,15}/.exec(src.slice(m.index, m.index + 16))?.[0] ?? '&';
      return { idx: m.index, message: `a bare "&" (found "${seen}"): XML needs it written as "&amp;"` };
    }
    if (ref[1] !== undefined && !PREDEFINED.has(ref[1])) {
      const fix = `write "&amp;${ref[1]};" or a numeric reference such as "&#160;"`;
      return {
        idx: m.index,
        message: `undefined entity "${ref[0]}": XML knows only &amp; &lt; &gt; &quot; &apos; (${fix})`,
      };
    }
    const code = ref[2] !== undefined ? Number(ref[2]) : ref[3] !== undefined ? parseInt(ref[3], 16) : 0x20;
    if (!isXmlChar(code))
      return { idx: m.index, message: `"${ref[0]}" refers to a character XML does not allow` };
  }
  return null;
}

/** The LjXmlError for saxes's failure `reason` (its message without the position). */
export function explainSaxesError(reason: string, s: FailureState): LjXmlError {
  const { src } = s;
  const at = (idx: number, message: string): LjXmlError =>
    idx < 0
      ? new LjXmlError(message, 1, 1)
      : new LjXmlError(message, s.line - newlinesBetween(src, idx, s.position), columnAt(src, idx));

  const bad = findBadReference(src, s.lastEventPos, s.position);
  if (bad) return at(bad.idx, bad.message);

  const end = lastNonSpace(src);
  if (reason.startsWith('unclosed tag') && s.innermost) {
    const { name, line, idx } = s.innermost;
    const opened = `line ${line}, column ${columnAt(src, idx)}`;
    return at(end, `the file ends inside <${name}> (opened at ${opened}): is it truncated?`);
  }
  if (reason === 'unexpected end') {
    return at(end, 'the file ends in the middle of a tag, comment or CDATA section: is it truncated?');
  }
  if (reason === 'document must contain a root element') {
    return at(end, end < 0 ? 'the file is empty' : 'the file holds no XML element');
  }
  if (reason === 'text data outside of root node') {
    const where = s.rootName ? `after the end of <${s.rootName}>` : 'before the first element';
    PROLOG.lastIndex = s.rootName ? s.lastEventPos : 0;
    PROLOG.exec(src);
    return at(PROLOG.lastIndex, `text ${where}: an XML file holds one element and nothing else`);
  }
  if (reason === 'documents may contain only one root') {
    return at(src.lastIndexOf('<', s.position - 1), `a second element after the end of <${s.rootName}>`);
  }
  if (reason.startsWith('unmatched closing tag')) {
    const lt = src.lastIndexOf('</', s.position - 1);
    return at(lt, `${src.slice(lt, s.position).trim()} closes nothing: <${s.rootName}> has already ended`);
  }
  if (reason === 'disallowed character') {
    const code = src.codePointAt(s.position - 1) ?? 0;
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    return new LjXmlError(`character U+${hex} is not allowed in XML`, s.line, s.column);
  }
  return new LjXmlError(reason, s.line, s.column);
}

const NOT_AN_EXPORT: Record<string, string> = {
  rss: 'an RSS feed',
  feed: 'an Atom feed',
  'rdf:RDF': 'an RSS 1.0 feed',
  html: 'a web page',
  comments: 'a comments file',
};

/** Why a document whose root element is `root` is refused. */
export function notAnExport(root: string): string {
  const what = NOT_AN_EXPORT[root] ? ` (${NOT_AN_EXPORT[root]})` : '';
  return (
    `not a LiveJournal/Dreamwidth export: the document is <${root}>${what}, ` +
    'not <livejournal> (export.bml) or <event> (ljdump)'
  );
}
