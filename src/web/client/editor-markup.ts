// What the rich-text editor can keep, and the lossless conversions between plain text and HTML
// used when the writer switches the chapter's format.

/**
 * Elements the editor's schema (editor.ts) keeps, with the attributes it keeps on them. The
 * sanitizer allows more (abbr, sub, sup, span, div, class, lang…): such HTML is edited as HTML.
 * `style` on tables and columns is the editor's own column sizing, which the server drops anyway.
 */
const KEPT: Record<string, readonly string[]> = {
  p: [],
  br: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  strike: [],
  del: [],
  code: [],
  pre: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: ['start', 'type'],
  li: [],
  blockquote: [],
  hr: [],
  a: ['href', 'title', 'rel', 'target', 'class'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  table: ['style'],
  colgroup: [],
  col: ['style'],
  thead: [],
  tbody: [],
  tr: [],
  th: ['colspan', 'rowspan', 'colwidth'],
  td: ['colspan', 'rowspan', 'colwidth'],
};

/** The markup in `html` that the rich-text editor would drop, described for people ("<abbr>"). */
export function unsupportedMarkup(html: string): string[] {
  const found = new Set<string>();
  const template = document.createElement('template');
  template.innerHTML = html; // inert: a template's content never loads images or runs scripts
  for (const element of Array.from(template.content.querySelectorAll('*'))) {
    const tag = element.localName;
    const kept = KEPT[tag];
    if (!kept) {
      found.add(`<${tag}>`);
      continue;
    }
    if (tag === 'a' && !element.hasAttribute('href')) found.add('<a> without a link');
    for (const { name } of Array.from(element.attributes)) {
      if (kept.includes(name)) continue;
      if (tag === 'code' && name === 'class' && element.parentElement?.localName === 'pre') continue;
      found.add(`${name} attributes`);
    }
  }
  return [...found];
}

/** Whether text has tags in it (the server's rule for notes: src/lib/sanitize.ts). */
export function hasTags(text: string): boolean {
  return /<[a-z!/]/i.test(text);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch);

/** Plain text as the server turns it into HTML: blank lines make paragraphs, newlines <br>. */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * HTML back to plain text, when nothing is lost: only bare paragraphs of text and line breaks
 * (what plainTextToHtml makes, or unformatted typing). Otherwise null.
 */
export function htmlToPlainText(html: string): string | null {
  const template = document.createElement('template');
  template.innerHTML = html;
  const paragraphs: string[] = [];
  for (const node of Array.from(template.content.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) continue;
    if (!(node instanceof HTMLParagraphElement) || node.attributes.length > 0) return null;
    let text = '';
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
      else if (child instanceof HTMLBRElement && child.attributes.length === 0) text += '\n';
      else return null;
    }
    if (/\n\s*\n/.test(text.trim())) return null; // would read as two paragraphs
    if (text.trim()) paragraphs.push(text.trim());
  }
  return paragraphs.join('\n\n');
}
