/**
 * Element tables for turning sanitized user HTML into valid XHTML (EPUB content documents are
 * checked against the HTML5 schema, not merely for well-formedness).
 */

/** HTML5 elements passed through as they are. Anything else (not renamed below) is unwrapped. */
export const KNOWN = new Set(
  (
    'a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption ' +
    'figure h1 h2 h3 h4 h5 h6 hr i ins kbd li ol p pre q rp rt ruby s samp small span strong sub ' +
    'summary sup table tbody td tfoot th thead tr u ul var wbr'
  ).split(' '),
);

/** Elements obsolete in HTML5, rendered as their modern equivalent (with a class for the stylesheet). */
export const RENAMED: Record<string, { name: string; className?: string }> = {
  center: { name: 'div', className: 'center' },
  big: { name: 'span', className: 'big' },
  strike: { name: 's' },
  acronym: { name: 'abbr' },
  tt: { name: 'code' },
};

/** Elements written as `<x/>`; they never have content. */
export const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr']);

/** Flow content that may not appear inside phrasing content (a `<div>` inside an `<em>`). */
export const BLOCK = new Set(
  (
    'address article aside blockquote caption center col colgroup dd details div dl dt figcaption ' +
    'figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th ' +
    'thead tr ul'
  ).split(' '),
);

/**
 * Elements that allow phrasing content only. When user HTML puts blocks inside one (pasted word
 * processor markup loves `<span><p>…</p></span>`), it is rendered as a `div` with class
 * `quire-NAME` instead, and the stylesheet keeps its look.
 */
export const PHRASING_ONLY = new Set(
  (
    'p h1 h2 h3 h4 h5 h6 pre span em strong b i u s small cite q abbr sub sup code kbd samp var ' +
    'ruby rt rp'
  ).split(' '),
);

/** Children a container accepts; other children are wrapped in `wrap` (or dropped when null). */
export const CHILD_RULES: Record<string, { allowed: Set<string>; wrap: string | null }> = {
  ul: { allowed: new Set(['li']), wrap: 'li' },
  ol: { allowed: new Set(['li']), wrap: 'li' },
  dl: { allowed: new Set(['dt', 'dd', 'div']), wrap: 'dd' },
  table: { allowed: new Set(['caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr']), wrap: 'tr' },
  thead: { allowed: new Set(['tr']), wrap: 'tr' },
  tbody: { allowed: new Set(['tr']), wrap: 'tr' },
  tfoot: { allowed: new Set(['tr']), wrap: 'tr' },
  tr: { allowed: new Set(['td', 'th']), wrap: 'td' },
  colgroup: { allowed: new Set(['col']), wrap: null },
};

/** Elements that are only valid inside certain parents; elsewhere they become a div (or span). */
export const REQUIRED_PARENT: Record<string, string[]> = {
  li: ['ul', 'ol'],
  dt: ['dl'],
  dd: ['dl'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  td: ['tr'],
  th: ['tr'],
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  caption: ['table'],
  colgroup: ['table'],
  col: ['colgroup'],
  figcaption: ['figure'],
  summary: ['details'],
  rt: ['ruby'],
  rp: ['ruby'],
};

const oneOf =
  (...values: string[]) =>
  (v: string) =>
    values.includes(v) ? v : null;
const positiveInt = (v: string) => (/^\s*[1-9]\d{0,3}\s*$/.test(v) ? v.trim() : null);
const anyText = (v: string) => v;

/** Attributes kept per element (after renaming), each with a check returning the value to write or null. */
export const ATTRIBUTES: Record<string, Record<string, (value: string) => string | null>> = {
  '*': {
    class: (v) =>
      v
        .split(/\s+/)
        .filter((c) => /^[A-Za-z][\w-]*$/.test(c))
        .join(' ') || null,
    dir: oneOf('ltr', 'rtl', 'auto'),
    lang: (v) => (/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(v) ? v : null),
    title: anyText,
  },
  a: { rel: anyText },
  td: { colspan: positiveInt, rowspan: positiveInt },
  th: { colspan: positiveInt, rowspan: positiveInt, scope: oneOf('row', 'col', 'rowgroup', 'colgroup') },
  ol: { start: (v) => (/^\s*-?\d{1,6}\s*$/.test(v) ? v.trim() : null), type: oneOf('1', 'a', 'A', 'i', 'I') },
};

/** `align` on cells is obsolete: it becomes a `text-align` style. */
export function alignStyle(value: string | undefined): string | null {
  const align = value?.trim().toLowerCase();
  return align && ['left', 'center', 'right', 'justify'].includes(align) ? `text-align: ${align}` : null;
}

/** Characters XML 1.0 does not allow at all (C0 controls other than tab/newline/CR, U+FFFE/FFFF, lone surrogates). */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '');
}
