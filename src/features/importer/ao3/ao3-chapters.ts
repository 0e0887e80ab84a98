import { isTag, type ChildNode, type Element } from 'domhandler';
import {
  childrenOf,
  elementsOf,
  findFirst,
  hasClass,
  hasContent,
  htmlOf,
  innerHtml,
  isBlank,
  textOf,
} from './ao3-dom.ts';
import type { Ao3Chapter } from './ao3-html.ts';

/** "See the end of the chapter for more notes", "(See the end of the work for notes.)" */
const SEE_END = /^\(?See the end of the (?:chapter|work) for (?:more )?notes\.?\)?$/i;

function isChapterMeta(node: ChildNode): node is Element {
  if (!isTag(node) || node.name !== 'div' || !hasClass(node, 'meta') || isEndNotes(node)) return false;
  return (
    hasClass(node, 'group') || findFirst(node, (e) => e.name === 'h2' && hasClass(e, 'heading')) !== null
  );
}

/** `<div class="meta" id="endnotes2"><p>Chapter End Notes</p><blockquote …>` */
function isEndNotes(node: ChildNode): node is Element {
  if (!isTag(node)) return false;
  if (/^endnotes\d+$/.test(node.attribs.id ?? '')) return true;
  const first = elementsOf(node)[0];
  return hasClass(node, 'meta') && first?.name === 'p' && /^chapter end notes:?$/i.test(textOf(first));
}

/** AO3's own furniture between a chapter's notes and its text, never the creator's. */
function isFurniture(node: ChildNode): boolean {
  if (isBlank(node)) return true;
  if (!isTag(node)) return false;
  if (hasClass(node, 'endnote-link') || hasClass(node, 'landmark')) return true;
  if (hasClass(node, 'userstuff')) return false;
  return (
    (node.name === 'div' || node.name === 'p') && node.children.length <= 3 && SEE_END.test(textOf(node))
  );
}

/**
 * A chapter's text: the one `div.userstuff` wrapper's inside, or (older files) the nodes themselves.
 * `empty` when it has neither text nor an image.
 */
function bodyOf(nodes: ChildNode[]): { body: string; empty: boolean } {
  const kept = nodes.filter((n) => isBlank(n) || !isFurniture(n)); // spaces between inline elements stay
  const solid = kept.filter((n) => !isBlank(n));
  const only = solid.length === 1 ? solid[0] : undefined;
  const wrapped = only && isTag(only) && only.name === 'div' && hasClass(only, 'userstuff');
  const content = wrapped ? childrenOf(only) : kept;
  return { body: htmlOf(content), empty: !hasContent(content) };
}

/** The HTML of a labelled note box: its blockquote's inside, else everything but the label. */
export function noteOf(box: Element, label: RegExp): string {
  const block = findFirst(box, (e) => e.name === 'blockquote');
  if (block) return innerHtml(block);
  const kept = box.children.filter((n) => !(isTag(n) && n.name === 'p' && label.test(textOf(n))));
  return htmlOf(kept);
}

/** "Chapter 2: The Title" → "The Title"; "Chapter 2" → null; anything else is the title itself. */
function titleOf(heading: string): string | null {
  const m = /^Chapter\s+\d+\s*(?:[:.\-–—]\s*(.*))?$/i.exec(heading);
  if (!m) return heading || null;
  return m[1]?.trim() || null;
}

function readChapterMeta(meta: Element): Ao3Chapter {
  const heading = findFirst(meta, (e) => e.name === 'h2' || e.name === 'h3');
  const chapter: Ao3Chapter = {
    title: heading ? titleOf(textOf(heading)) : null,
    summary: '',
    notes: '',
    endNotes: '',
    body: '',
  };
  for (const p of elementsOf(meta)) {
    if (p.name !== 'p') continue;
    const name = textOf(p).replace(/\s*:$/, '').toLowerCase();
    const field = name === 'chapter summary' || name === 'summary' ? 'summary'
      : name === 'chapter notes' || name === 'notes' ? 'notes' : null; // prettier-ignore
    let next = p.next;
    while (next && isBlank(next)) next = next.next;
    if (field && next && isTag(next) && next.name === 'blockquote' && !chapter[field])
      chapter[field] = innerHtml(next);
  }
  return chapter;
}

/**
 * The chapters in `#chapters`. Several chapters come as `div.meta.group` headers, each followed by a
 * `div.userstuff` body and an optional `#endnotesN` box; a single chapter is just its text (wrapped in
 * `div.userstuff` in current files, bare in older ones) with no header.
 */
export function readChapters(container: Element, problems: string[]): Ao3Chapter[] {
  const metas = container.children.filter(isChapterMeta);
  if (metas.length === 0) {
    const { body, empty } = bodyOf(container.children.filter((n) => !isEndNotes(n)));
    if (empty) problems.push('The work has no text.');
    return [{ title: null, summary: '', notes: '', endNotes: '', body }];
  }
  const chapters: Ao3Chapter[] = [];
  let current: { chapter: Ao3Chapter; nodes: ChildNode[] } | null = null;
  let stray = false;
  const emptyOnes: number[] = [];
  const finish = () => {
    if (!current) return;
    const { body, empty } = bodyOf(current.nodes);
    chapters.push({ ...current.chapter, body });
    if (empty) emptyOnes.push(chapters.length);
  };
  for (const node of container.children) {
    if (isChapterMeta(node)) {
      finish();
      current = { chapter: readChapterMeta(node), nodes: [] };
    } else if (!current) {
      if (!isFurniture(node)) stray = true;
    } else if (isEndNotes(node)) {
      current.chapter.endNotes ||= noteOf(node, /^chapter end notes:?$/i);
    } else current.nodes.push(node);
  }
  finish();
  if (stray) problems.push('Some text before the first chapter heading was left out.');
  if (emptyOnes.length === 1) problems.push(`Chapter ${emptyOnes[0]} has no text.`);
  else if (emptyOnes.length > 1) {
    const more = emptyOnes.length > 10 ? ` and ${emptyOnes.length - 10} more` : '';
    problems.push(`${emptyOnes.length} chapters have no text: ${emptyOnes.slice(0, 10).join(', ')}${more}.`);
  }
  return chapters;
}
