import render from 'dom-serializer';
import {
  Document,
  Element,
  Text,
  isTag,
  isText,
  type AnyNode,
  type ChildNode,
  type ParentNode,
} from 'domhandler';
import { appendChild, textContent } from 'domutils';
import { scanHtml, VOID } from '../html-tokens.ts';

/**
 * A domhandler tree for an AO3 download, built from htmlparser2's Tokenizer in one linear pass.
 * htmlparser2's own Parser keeps its open elements in an array it `unshift`s, which is quadratic on
 * hostile input; here the stack is capped at MAX_DEPTH, so every open and close costs at most
 * MAX_DEPTH steps. Elements nested deeper than that are left out (their content is kept, one level
 * up), which a real download never needs. Text is entity-decoded; comments are dropped.
 *
 * With `deferUserstuff`, the creator's HTML (`div.userstuff` and `blockquote.userstuff` other than
 * `#chapters`) is not built: such an element keeps only its source, and `childrenOf` builds its
 * children on demand. A long work then never holds every chapter's tree at once, which keeps a 5 MB
 * download well clear of the garbage collector.
 */

/** Open elements deeper than this are not kept as elements. Real AO3 markup nests a few dozen deep. */
export const MAX_DEPTH = 256;

const CLOSES_P = new Set(['p']);
/** Opening the key closes the open element on top while it is one of these (HTML's implied end tags). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['li', new Set(['li'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
  ['tr', new Set(['tr', 'th', 'td'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ...[
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section',
    'table', 'ul',
  ].map((name): [string, Set<string>] => [name, CLOSES_P]),
]); // prettier-ignore

/** Deferred elements → the source of their inside. */
const DEFERRED = new WeakMap<Element, string>();

function isDeferrable(name: string, attribs: Record<string, string>): boolean {
  return (
    (name === 'div' || name === 'blockquote') && attribs.id !== 'chapters' && classIn(attribs, 'userstuff')
  );
}

interface Deferred {
  element: Element;
  start: number;
  depth: number;
}

export function buildDom(html: string, deferUserstuff = false): Document {
  const doc = new Document([]);
  const stack: Element[] = [];
  const top = (): ParentNode => stack[stack.length - 1] ?? doc;
  /** The deferred element being skipped, and how many of its tag name are open inside it. */
  let deferred: Deferred | null = null;

  scanHtml(html, {
    open(name, attribs, innerStart) {
      if (deferred) {
        if (name === deferred.element.name) deferred.depth++;
        return;
      }
      const closes = IMPLIES_CLOSE.get(name);
      if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!.name)) stack.pop();
      const element = new Element(name, attribs);
      if (VOID.has(name)) {
        appendChild(top(), element);
        return;
      }
      if (stack.length >= MAX_DEPTH) return;
      appendChild(top(), element);
      if (deferUserstuff && isDeferrable(name, attribs)) deferred = { element, start: innerStart, depth: 1 };
      else stack.push(element);
    },
    close(name, tagStart) {
      if (deferred) {
        if (name === deferred.element.name && --deferred.depth === 0) {
          DEFERRED.set(deferred.element, html.slice(deferred.start, tagStart));
          deferred = null;
        }
        return;
      }
      if (name === 'br') {
        appendChild(top(), new Element('br', {})); // `</br>` is a line break in browsers
        return;
      }
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i]!.name === name) {
          stack.length = i;
          return;
        }
      }
    },
    text(data) {
      if (deferred || !data) return;
      const parent = top();
      const last = parent.children[parent.children.length - 1];
      if (last && isText(last)) last.data += data;
      else appendChild(parent, new Text(data));
    },
  });
  const unclosed = deferred as Deferred | null; // (assigned in the callbacks, which TypeScript does not follow)
  if (unclosed) DEFERRED.set(unclosed.element, html.slice(unclosed.start));
  return doc;
}

/** An element's children, building a deferred element's from its source (afresh each time). */
export function childrenOf(element: ParentNode): ChildNode[] {
  const source = isTag(element) ? DEFERRED.get(element) : undefined;
  return source === undefined ? element.children : buildDom(source).children;
}

/** Whitespace runs (including no-break spaces) → one space, trimmed. */
export function squish(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Builds and attaches the children of every deferred element in the trees of `nodes`. */
function materialize(nodes: AnyNode[]): void {
  const pending = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isTag(node)) continue;
    const source = DEFERRED.get(node);
    if (source === undefined) {
      for (const child of node.children) pending.push(child); // (no spread: a node may have 10⁵ children)
      continue;
    }
    DEFERRED.delete(node);
    node.children = buildDom(source).children;
    for (const child of node.children) child.parent = node;
  }
}

/** The nodes' visible text, whitespace collapsed. */
export function textOf(node: AnyNode | AnyNode[]): string {
  const nodes = Array.isArray(node) ? node : [node];
  materialize(nodes);
  return squish(textContent(nodes));
}

/** True when the nodes hold some visible text or an image. */
export function hasContent(nodes: ChildNode[]): boolean {
  const pending = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (isText(node) && /\S/.test(node.data)) return true;
    if (!isTag(node)) continue;
    if (node.name === 'img') return true;
    for (const child of childrenOf(node)) pending.push(child);
  }
  return false;
}

function classIn(attribs: Record<string, string>, name: string): boolean {
  return ` ${attribs.class ?? ''} `.replace(/\s+/g, ' ').includes(` ${name} `);
}

export function hasClass(node: AnyNode, name: string): boolean {
  return isTag(node) && classIn(node.attribs, name);
}

/** Element children only. */
export function elementsOf(parent: ParentNode): Element[] {
  return parent.children.filter(isTag);
}

/** Serialised nodes (UTF-8 kept as is, only `& < > "` and no-break spaces escaped), trimmed. */
export function htmlOf(nodes: ChildNode[]): string {
  materialize(nodes);
  return render(nodes, { encodeEntities: 'utf8' }).trim();
}

/** The element's inner HTML, trimmed. */
export function innerHtml(element: ParentNode): string {
  return htmlOf(childrenOf(element));
}

/** True for whitespace-only text nodes (and comments, which are never built). */
export function isBlank(node: ChildNode): boolean {
  return isText(node) && !/\S/.test(node.data);
}

/**
 * The first element (document order) matching `test`, walking iteratively so a deep tree cannot
 * overflow the call stack. `skip` prunes subtrees.
 */
export function findFirst(
  root: ParentNode | ChildNode[],
  test: (element: Element) => boolean,
  skip?: (element: Element) => boolean,
): Element | null {
  const pending: ChildNode[] = [...(Array.isArray(root) ? root : root.children)].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isTag(node)) continue;
    if (test(node)) return node;
    if (skip?.(node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  return null;
}
