import type { ChildNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { escapeHtml, type SafeHtml } from '../../lib/safe-html.ts';
import {
  ATTRIBUTES,
  BLOCK,
  CHILD_RULES,
  KNOWN,
  PHRASING_ONLY,
  RENAMED,
  REQUIRED_PARENT,
  VOID,
  alignStyle,
  stripXmlInvalid,
} from './xhtml-rules.ts';

/**
 * Sanitized user HTML → XHTML that is both well-formed XML and valid HTML5 (so it serves the EPUB
 * content documents and, being polyglot markup, the single-file HTML download too):
 * - parsed with htmlparser2, so unclosed and misnested tags come out as a proper tree;
 * - entities decoded and written back as characters (UTF-8), only & < > " ' escaped;
 * - void elements self-closed, attributes quoted, characters XML forbids dropped;
 * - obsolete elements renamed, blocks inside phrasing elements and orphaned list items/cells repaired;
 * - links made absolute against the work's URL, except fragment links to an anchor of the same document
 *   (`<a name="fn1">` becomes `id="u-fn1"`, and `href="#fn1"` follows);
 * - images become a text link `[Image: alt]` to the picture: EPUB forbids remote images, and the
 *   HTML download must be self-contained. We never fetch images while generating a download.
 */

interface Context {
  base: string;
  /** `<a name>` values of the document → the id written for them. */
  anchors: Map<string, string>;
  emitted: Set<string>;
  flow: WeakMap<Element, boolean>;
}

/** Escapes text for XHTML content or a quoted attribute, dropping characters XML does not allow. */
export function xmlEscape(text: string): string {
  return escapeHtml(stripXmlInvalid(text));
}

/** Converts the user HTML fragments of ONE document (they share its anchors); null gives ''. */
export function toXhtmlFragments(fragments: readonly (SafeHtml | null)[], baseUrl: string): string[] {
  const docs = fragments.map((html) => (html ? parseDocument(html, { decodeEntities: true }) : null));
  const ctx: Context = { base: baseUrl, anchors: new Map(), emitted: new Set(), flow: new WeakMap() };
  const ids = new Set<string>();
  for (const doc of docs) {
    if (!doc) continue;
    for (const a of DomUtils.findAll((el) => el.name === 'a' && !!el.attribs.name, doc.children)) {
      const name = a.attribs.name!;
      const id = `u-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
      if (ctx.anchors.has(name) || ids.has(id)) continue;
      ctx.anchors.set(name, id);
      ids.add(id);
    }
  }
  return docs.map((doc) => (doc ? renderChildren(doc.children, 'div', ctx, false) : ''));
}

export function toXhtml(html: SafeHtml | null, baseUrl: string): string {
  return toXhtmlFragments([html], baseUrl)[0]!;
}

function resolveUrl(href: string, ctx: Context): string | null {
  const trimmed = href.trim();
  const anchor = trimmed.startsWith('#') ? ctx.anchors.get(trimmed.slice(1)) : undefined;
  if (anchor) return `#${anchor}`;
  try {
    const url = new URL(trimmed, ctx.base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const renamedName = (el: Element) => RENAMED[el.name]?.name ?? el.name;

/** Whether the element has block content somewhere below it (looking through inline elements). */
function hasFlow(el: Element, ctx: Context): boolean {
  let result = ctx.flow.get(el);
  if (result === undefined) {
    result = el.children.some((c) => DomUtils.isTag(c) && (BLOCK.has(renamedName(c)) || hasFlow(c, ctx)));
    ctx.flow.set(el, result);
  }
  return result;
}

function renderChildren(nodes: ChildNode[], parent: string, ctx: Context, inLink: boolean): string {
  const rule = CHILD_RULES[parent];
  const kept = nodes.filter((n) => DomUtils.isTag(n) || DomUtils.isText(n));
  if (!rule) return kept.map((n) => renderNode(n, parent, ctx, inLink)).join('');
  let out = '';
  let pending: ChildNode[] = [];
  const flush = () => {
    const meaningful = pending.some((n) => DomUtils.isTag(n) || /\S/.test(DomUtils.textContent(n)));
    if (meaningful && rule.wrap) {
      out += `<${rule.wrap}>${renderChildren(pending, rule.wrap, ctx, inLink)}</${rule.wrap}>`;
    }
    pending = [];
  };
  for (const node of kept) {
    if (DomUtils.isTag(node) && rule.allowed.has(renamedName(node))) {
      flush();
      out += renderNode(node, parent, ctx, inLink);
    } else {
      pending.push(node);
    }
  }
  flush();
  return out;
}

function renderNode(node: ChildNode, parent: string, ctx: Context, inLink: boolean): string {
  if (DomUtils.isText(node)) return xmlEscape(node.data);
  return DomUtils.isTag(node) ? renderElement(node, parent, ctx, inLink) : '';
}

function renderElement(el: Element, parent: string, ctx: Context, inLink: boolean): string {
  const source = el.name.toLowerCase();
  if (source === 'img') return renderImage(el, ctx, inLink);
  const renamed = RENAMED[source];
  if (!renamed && !KNOWN.has(source)) return renderChildren(el.children, parent, ctx, inLink);
  let name = renamed?.name ?? source;
  const classes = renamed?.className ? [renamed.className] : [];
  const parents = REQUIRED_PARENT[name];
  if (parents && !parents.includes(parent)) {
    if (name === 'col') return '';
    classes.push(`quire-${name}`);
    name = PHRASING_ONLY.has(name) || name === 'summary' ? 'span' : 'div';
  }
  if (PHRASING_ONLY.has(name) && hasFlow(el, ctx)) {
    classes.push(`quire-${name}`);
    name = 'div';
  }
  if (name === 'a' && inLink) name = 'span';
  const attrs = renderAttributes(el, name, classes, ctx);
  if (VOID.has(name)) return `<${name}${attrs}/>`;
  const children = renderChildren(el.children, name, ctx, inLink || name === 'a');
  return `<${name}${attrs}>${children}</${name}>`;
}

function renderAttributes(el: Element, name: string, classes: string[], ctx: Context): string {
  const href = name === 'a' && el.attribs.href ? resolveUrl(el.attribs.href, ctx) : null;
  const attrs: [string, string][] = [];
  const checks = { ...ATTRIBUTES['*'], ...ATTRIBUTES[name] };
  for (const [key, raw] of Object.entries(el.attribs)) {
    const value = key === 'class' || (key === 'rel' && !href) ? null : checks[key]?.(raw);
    if (value != null) attrs.push([key, value]);
  }
  const className = [checks.class!(el.attribs.class ?? ''), ...classes].filter(Boolean).join(' ');
  if (className) attrs.push(['class', className]);
  if (href) attrs.push(['href', href]);
  const cite = (name === 'q' || name === 'blockquote') && el.attribs.cite;
  const citeUrl = cite ? resolveUrl(cite, ctx) : null;
  if (citeUrl) attrs.push(['cite', citeUrl]);
  const style = name === 'td' || name === 'th' ? alignStyle(el.attribs.align) : null;
  if (style) attrs.push(['style', style]);
  const id = el.name === 'a' && el.attribs.name ? ctx.anchors.get(el.attribs.name) : undefined;
  if (id && !ctx.emitted.has(id)) {
    ctx.emitted.add(id);
    attrs.push(['id', id]);
  }
  return attrs.map(([k, v]) => ` ${k}="${xmlEscape(v)}"`).join('');
}

function renderImage(el: Element, ctx: Context, inLink: boolean): string {
  const alt = el.attribs.alt?.trim();
  const label = xmlEscape(alt ? `[Image: ${alt}]` : '[Image]');
  const src = el.attribs.src ? resolveUrl(el.attribs.src, ctx) : null;
  if (!src || inLink) return label;
  return `<a class="quire-image" href="${xmlEscape(src)}">${label}</a>`;
}
