import type { ChildNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { BLOCK } from './xhtml-rules.ts';

/**
 * A short plain-text excerpt of sanitized HTML (for notices, e-mails and the report queue):
 * whitespace collapsed, cut at a word boundary when one is near, "…" when cut.
 */
export function excerptOf(html: string, max = 200): string {
  const text = htmlToText(html as SafeHtml)
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Sanitized HTML → plain text, for the TXT download and the EPUB's dc:description. Paragraphs and
 * other blocks are separated by a blank line, `<br>` is a newline, list items are "- item"
 * ("1. item" in ordered lists, indented when nested) on consecutive lines, table rows are
 * "cell | cell" lines, `<hr>` is "* * *", images are "[Image: alt]", entities are decoded and
 * whitespace collapsed (except in `<pre>`). Nothing is wrapped.
 */
export function htmlToText(html: SafeHtml | null): string {
  if (!html) return '';
  const out = new TextBuilder();
  walk(parseDocument(html, { decodeEntities: true }).children, out, { lists: [], pre: false });
  out.flush();
  return out.result();
}

interface Block {
  text: string;
  /** Items and rows of one (outermost) list or table share a group and are joined by one newline. */
  group: number | null;
}

interface State {
  lists: { ordered: boolean; next: number }[];
  pre: boolean;
}

class TextBuilder {
  private blocks: Block[] = [];
  private line = '';
  /** Written before the next non-empty block (a list bullet). */
  prefix = '';
  /** Indent of the blocks that continue a list item after its first one. */
  hang = '';
  private depth = 0;
  private groups = 0;

  /** Entering a list or table: its items/rows go on consecutive lines. */
  enterGroup(): void {
    this.flush();
    if (this.depth++ === 0) this.groups++;
  }

  leaveGroup(): void {
    this.flush();
    this.depth--;
  }

  text(text: string, pre: boolean): void {
    if (pre) {
      this.line += text;
      return;
    }
    const collapsed = text.replace(/[\s\u00a0]+/g, ' ');
    this.line += /[ \n]$|^$/.test(this.line) && collapsed.startsWith(' ') ? collapsed.slice(1) : collapsed;
  }

  newline(): void {
    this.line = this.line.replace(/ +$/, '') + '\n';
  }

  flush(pre = false): void {
    const text = pre
      ? this.line.replace(/^\n+|\s+$/g, '')
      : this.line
          .split('\n')
          .map((l) => l.trim())
          .join('\n')
          .replace(/^\n+|\n+$/g, '');
    this.line = '';
    if (!text) return;
    const lead = this.prefix || this.hang;
    const indented = lead + text.replace(/\n/g, `\n${' '.repeat(lead.length)}`);
    this.blocks.push({ text: indented, group: this.depth > 0 ? this.groups : null });
    this.prefix = '';
  }

  push(text: string): void {
    this.flush();
    this.blocks.push({ text, group: null });
  }

  result(): string {
    return this.blocks
      .map((b, i) => {
        const previous = this.blocks[i - 1];
        if (!previous) return b.text;
        return (b.group !== null && b.group === previous.group ? '\n' : '\n\n') + b.text;
      })
      .join('');
  }
}

function walk(nodes: ChildNode[], out: TextBuilder, state: State): void {
  for (const node of nodes) {
    if (DomUtils.isText(node)) out.text(node.data, state.pre);
    if (!DomUtils.isTag(node)) continue;
    const name = node.name;
    if (name === 'br') out.newline();
    else if (name === 'hr') out.push('* * *');
    else if (name === 'img')
      out.text(node.attribs.alt?.trim() ? `[Image: ${node.attribs.alt.trim()}]` : '[Image]', false);
    else if (name === 'ul' || name === 'ol') {
      const start = Number.parseInt(node.attribs.start ?? '1', 10);
      state.lists.push({ ordered: name === 'ol', next: Number.isFinite(start) ? start : 1 });
      out.enterGroup();
      walk(node.children, out, state);
      out.leaveGroup();
      state.lists.pop();
    } else if (name === 'table') {
      out.enterGroup();
      walk(node.children, out, state);
      out.leaveGroup();
    } else if (name === 'li') {
      out.flush();
      const list = state.lists[state.lists.length - 1];
      const hang = out.hang;
      out.prefix = hang + (list?.ordered ? `${list.next++}. ` : '- ');
      out.hang = ' '.repeat(out.prefix.length);
      walk(node.children, out, state);
      out.flush();
      out.hang = hang;
    } else if (name === 'td' || name === 'th') {
      if (DomUtils.prevElementSibling(node)) out.text(' | ', false);
      walk(node.children, out, state);
    } else if (name === 'pre') {
      out.flush();
      walk(node.children, out, { ...state, pre: true });
      out.flush(true);
    } else if (BLOCK.has(name) || name === 'center') {
      out.flush();
      walk(node.children, out, state);
      out.flush();
    } else {
      walk(node.children, out, state);
    }
  }
}
