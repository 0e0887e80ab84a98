import sanitizeHtml from 'sanitize-html';
import { escapeHtml, type SafeHtml } from './safe-html.ts';

/**
 * The one allowlist for user HTML (bodies, notes, summaries, descriptions, entries,
 * comments, posts). Everything user-written passes here before it is stored.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'strike',
    'del',
    'ins',
    'small',
    'big',
    'cite',
    'q',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'blockquote',
    'hr',
    'a',
    'img',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'colgroup',
    'col',
    'abbr',
    'acronym',
    'sub',
    'sup',
    'code',
    'pre',
    'kbd',
    'samp',
    'var',
    'span',
    'div',
    'center',
    'details',
    'summary',
    'figure',
    'figcaption',
    'ruby',
    'rt',
    'rp',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'name'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    acronym: ['title'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    ol: ['start', 'type'],
    q: ['cite'],
    blockquote: ['cite'],
    '*': ['class', 'dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedClasses: { '*': [/^[a-zA-Z][\w-]{0,40}$/] },
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.href ? { ...attribs, rel: 'nofollow ugc noopener' } : attribs,
    }),
  },
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: true,
};
OPTIONS.allowedAttributes = { ...(OPTIONS.allowedAttributes as object), a: ['href', 'title', 'name', 'rel'] };

export function sanitize(html: string): SafeHtml {
  return sanitizeHtml(html, OPTIONS).trim() as SafeHtml;
}

/** Plain text to paragraphs: blank lines separate paragraphs, single newlines become <br>. */
export function plainTextToHtml(text: string): SafeHtml {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br />')}</p>`);
  return paragraphs.join('\n') as SafeHtml;
}

/** A text field that accepts HTML or plain text: text without tags becomes paragraphs. */
export function htmlOrText(input: string): SafeHtml {
  return /<[a-z!/]/i.test(input) ? sanitize(input) : plainTextToHtml(input);
}
