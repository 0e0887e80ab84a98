import { escapeHtml } from '../../lib/safe-html.ts';
import type { Line } from './types.ts';

/** Scene-break and header-separator glyphs: a line of only these (3 or more) is a rule. */
const RULE_CHARS = /^[*~=_#+•·◊♦❖¤°^\-–—]+$/;
/** The "oOo" family of hand-made separators. */
const RULE_WORDS = new Set(['ooo', 'o0o', 'oo0oo', 'xox', 'xxx', '-x-', '~x~', 'x-x']);

/** What a line of text is on its own: a separator (`***`, `~*~`, `* * *`), an lj-cut link, or text. */
export function classifyText(text: string): Line['kind'] {
  if (!text) return 'blank';
  if (text.length > 120) return 'text';
  const compact = text.replace(/\s+/g, '');
  if (compact.length >= 3 && (RULE_CHARS.test(compact) || compact === '~*~')) return 'rule';
  if (compact.length >= 3 && compact.length <= 7 && RULE_WORDS.has(compact.toLowerCase())) {
    // "xxx" is also a kiss, "ooo" a sound: only as a mixed-case ornament ("oOo", "xXx") or with marks.
    if (/[A-Z0]/.test(compact) || /[-~]/.test(compact)) return 'rule';
  }
  // The cut link as journals print it: "( Read more... )", "( Symphony, Part V )".
  if (/^\(\s.*\s\)$/.test(text) && text.length <= 100) return 'cut';
  if (/^[([]?\s*read more\b/i.test(text) && text.length <= 40) return 'cut';
  return 'text';
}

/** The one blank line (lines are never changed once made). */
const BLANK: Line = Object.freeze({ kind: 'blank', text: '', html: '' });

/** Plain text → lines. Tabs become spaces; each line is trimmed. */
export function textToLines(input: string): Line[] {
  const lines: Line[] = [];
  for (const raw of input.split(/\r\n?|\n/)) {
    const text = raw.replace(/\t/g, ' ').trim();
    if (!text) {
      lines.push(BLANK);
      continue;
    }
    const kind = classifyText(text);
    lines.push({ kind, text, html: escapeHtml(text) });
  }
  return lines;
}

/** Tags that say "this is markup", not just a `<` in prose ("I <3 Lex", "a < b"). */
const HTML_HINT =
  /<\/?(?:p|br|b|i|u|s|em|strong|div|span|a|hr|html|body|head|lj-cut|lj|font|blockquote|h[1-6]|ul|ol|li|table|tr|td|img|center|small|big|sup|sub|pre)[\s/>]/i;

export function looksLikeHtml(input: string): boolean {
  return HTML_HINT.test(input);
}

/**
 * Posts whose paragraphs are separated by single newlines (no blank lines at all, or almost none)
 * get a blank line between every two lines, so that a header's last field cannot swallow the story.
 * (The price: in such posts a header value cannot go on over a second line.)
 */
export function spreadParagraphs(lines: Line[]): Line[] {
  let text = 0;
  let blank = 0;
  for (const line of lines) {
    if (line.kind === 'text') text++;
    else if (line.kind === 'blank') blank++;
  }
  if (text < 8 || blank * 20 >= text) return lines;
  const out: Line[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (line.kind === 'text' && last?.kind === 'text') out.push({ kind: 'blank', text: '', html: '' });
    out.push(line);
  }
  return out;
}
