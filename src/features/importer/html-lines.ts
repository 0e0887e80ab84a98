import { escapeHtml } from '../../lib/safe-html.ts';
import { scanHtml } from './html-tokens.ts';
import { classifyText } from './lines.ts';
import type { Line } from './types.ts';

/**
 * HTML (a saved journal page, a post body, a header with bold labels) → the same lines plain text
 * gives, in one streaming pass of htmlparser2. Paragraph-like blocks end in a blank line, `<br>` and
 * list items/table cells end a line, `<hr>` is a rule, `<lj-cut>`/`<a name="cutid1">` a cut. Inline
 * emphasis and links are kept in each line's `html` (closed at the end of the line, reopened on the
 * next); everything else (classes, styles, fonts, scripts, forms) is dropped.
 */

const PARAGRAPH = new Set([
  'p', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'pre',
  'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'center', 'form', 'figure',
  'details', 'address', 'body', 'html',
]); // prettier-ignore
const LINE = new Set(['li', 'dt', 'dd', 'tr', 'td', 'th', 'caption', 'figcaption', 'summary', 'legend']);
const INLINE_KEPT = new Set([
  'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'small', 'big', 'cite', 'q', 'code',
]); // prettier-ignore
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'select', 'option', 'button', 'svg', 'iframe',
  'object', 'lj-poll', 'math',
]); // prettier-ignore

/** Inline elements nest at most this deep in a line's kept markup (deeper ones keep only their text). */
const MAX_OPEN = 24;

function isTagHref(href: string): boolean {
  return /\/tags?\/|[?&]tag=/.test(href);
}

export interface HtmlLines {
  lines: Line[];
  /** The document's `<title>`, if any. */
  pageTitle: string | null;
}

export function htmlToLines(input: string): HtmlLines {
  const lines: Line[] = [];
  let text = '';
  let html = '';
  let hasImage = false;
  let empty = true; // no visible text on the line yet
  let boldStart = -1; // depth in `open` where a bold run opened at the start of the line
  let boldDone = false; // only the first bold run of a line counts
  let boldPrefix: string | undefined;
  let tagLinks = false;
  let user: string | undefined;
  let skip = 0;
  let pre = 0;
  let inTitle = false;
  let pageTitle = '';
  const open: { name: string; markup: string }[] = [];
  const anchors: boolean[] = []; // for each open <a>: was it kept?

  function flush(blankIfEmpty: boolean): void {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed || hasImage) {
      const closing = open
        .map((t) => `</${t.name}>`)
        .reverse()
        .join('');
      const kind = classifyText(trimmed);
      const line: Line = { kind: kind === 'blank' ? 'text' : kind, text: trimmed, html: html + closing };
      if (kind !== 'text' && kind !== 'blank') line.html = escapeHtml(trimmed);
      if (boldPrefix && trimmed.startsWith(boldPrefix)) line.boldPrefix = boldPrefix;
      if (tagLinks) line.tagLinks = true;
      if (user) line.user = user;
      lines.push(line);
    } else if (blankIfEmpty) lines.push({ kind: 'blank', text: '', html: '' });
    text = '';
    html = open.map((t) => t.markup).join('');
    hasImage = false;
    empty = true;
    boldStart = -1;
    boldDone = false;
    boldPrefix = undefined;
    tagLinks = false;
    user = undefined;
  }

  function paragraph(): void {
    flush(false);
    const last = lines[lines.length - 1];
    if (last && last.kind !== 'blank') lines.push({ kind: 'blank', text: '', html: '' });
  }

  function marker(kind: 'rule' | 'cut'): void {
    paragraph();
    lines.push({ kind, text: '', html: '' });
    lines.push({ kind: 'blank', text: '', html: '' });
  }

  scanHtml(input, {
    open(name, attribs) {
      if (SKIPPED.has(name) || skip > 0) {
        if (SKIPPED.has(name)) skip++;
        return;
      }
      if (name === 'title') inTitle = true;
      else if (name === 'br') flush(true);
      else if (name === 'hr') marker('rule');
      else if (name === 'lj-cut') marker('cut');
      else if (name === 'pre') {
        paragraph();
        pre++;
      } else if (PARAGRAPH.has(name)) paragraph();
      else if (LINE.has(name)) flush(false);
      else if (name === 'a') {
        if (/^cutid\d*$/i.test(attribs.name ?? '')) marker('cut');
        const href = attribs.href ?? '';
        if (isTagHref(href) || /\btag\b/.test(attribs.rel ?? '')) tagLinks = true;
        const kept = /^(https?:|mailto:)/i.test(href) && open.length < MAX_OPEN;
        anchors.push(kept);
        if (kept) {
          const markup = `<a href="${escapeHtml(href)}">`;
          open.push({ name: 'a', markup });
          html += markup;
        }
      } else if (INLINE_KEPT.has(name) && open.length < MAX_OPEN) {
        const markup = `<${name}>`;
        if ((name === 'b' || name === 'strong') && boldStart < 0 && !boldDone && empty)
          boldStart = open.length;
        open.push({ name, markup });
        html += markup;
      } else if (name === 'img' && attribs.src) {
        html += `<img src="${escapeHtml(attribs.src)}" alt="${escapeHtml(attribs.alt ?? '')}" />`;
        hasImage = true;
      }
      if ((name === 'span' || name === 'lj') && !user) {
        const named = attribs['lj:user'] ?? attribs.user;
        if (named) user = named;
      }
      // `<lj user="name">` / `<lj comm="name">` in a post body stands for the name.
      const mention = name === 'lj' ? (attribs.user ?? attribs.comm) : undefined;
      if (mention) {
        if (empty && /\S/.test(mention)) empty = false;
        text += mention;
        html += escapeHtml(mention);
      }
    },
    close(name) {
      if (skip > 0) {
        if (SKIPPED.has(name)) skip--;
        return;
      }
      if (name === 'title') inTitle = false;
      else if (name === 'br')
        flush(true); // `</br>` is a line break in browsers
      else if (name === 'pre') {
        pre = Math.max(0, pre - 1);
        paragraph();
      } else if (PARAGRAPH.has(name)) paragraph();
      else if (LINE.has(name)) flush(false);
      else if (name === 'a') {
        if (anchors.pop()) closeInline('a');
      } else if (INLINE_KEPT.has(name)) {
        if (boldStart >= 0 && open.length - 1 === boldStart && open[boldStart]?.name === name) {
          boldPrefix = text.replace(/\s+/g, ' ').trim() || undefined;
          boldStart = -1;
          boldDone = true;
        }
        closeInline(name);
      }
    },
    text(data) {
      if (skip > 0) return;
      if (inTitle) {
        pageTitle += data;
        return;
      }
      if (pre > 0 && data.includes('\n')) {
        const parts = data.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) flush(true);
          if (empty && /\S/.test(part)) empty = false;
          text += part;
          html += escapeHtml(part);
        });
        return;
      }
      if (empty && /\S/.test(data)) empty = false;
      text += data;
      html += escapeHtml(data);
    },
  });

  function closeInline(name: string): void {
    let i = open.length - 1;
    while (i >= 0 && open[i]?.name !== name) i--;
    if (i < 0) return;
    // Close what was opened inside it too (mis-nested markup), as browsers do.
    for (let j = open.length - 1; j >= i; j--) html += `</${open[j]?.name ?? ''}>`;
    open.length = i;
  }

  flush(false);
  const title = pageTitle.replace(/\s+/g, ' ').trim();
  return { lines, pageTitle: title || null };
}
