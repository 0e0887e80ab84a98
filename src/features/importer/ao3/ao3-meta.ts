import { isTag, isText, type Element } from 'domhandler';
import { findAll } from 'domutils';
import { elementsOf, findFirst, hasClass, innerHtml, isBlank, squish, textOf } from './ao3-dom.ts';
import type { Ao3Work } from './ao3-html.ts';
import { languageCode } from './ao3-languages.ts';
import { readStats } from './ao3-stats.ts';

/** The work-level fields a download's `#preface` holds. */
export type Ao3Preface = Omit<Ao3Work, 'endNotes' | 'chapters' | 'problems'>;

type Field =
  | 'rating'
  | 'warnings'
  | 'categories'
  | 'fandoms'
  | 'relationships'
  | 'characters'
  | 'additionalTags'
  | 'language'
  | 'series'
  | 'stats'
  | 'ignored';

/** `<dt>` labels (lower case, colon dropped), singular and plural, old and new, → field. */
const LABELS = new Map<string, Field>([
  ['rating', 'rating'],
  ['ratings', 'rating'],
  ['archive warning', 'warnings'],
  ['archive warnings', 'warnings'],
  ['warning', 'warnings'],
  ['warnings', 'warnings'],
  ['category', 'categories'],
  ['categories', 'categories'],
  ['fandom', 'fandoms'],
  ['fandoms', 'fandoms'],
  ['relationship', 'relationships'],
  ['relationships', 'relationships'],
  ['pairing', 'relationships'],
  ['pairings', 'relationships'],
  ['character', 'characters'],
  ['characters', 'characters'],
  ['additional tag', 'additionalTags'],
  ['additional tags', 'additionalTags'],
  ['freeform', 'additionalTags'],
  ['freeforms', 'additionalTags'],
  ['language', 'language'],
  ['series', 'series'],
  ['stats', 'stats'],
  ['collection', 'ignored'],
  ['collections', 'ignored'],
]);

const WORK_URL = /\/works\/\d+/;

function label(element: Element): string {
  return textOf(element).replace(/\s*:$/, '').toLowerCase();
}

/** Tag names in a `<dd>`: its links' texts, else its text split at commas. Trimmed, de-duplicated. */
function tagsOf(dd: Element): string[] {
  const links = findAll((e) => e.name === 'a', dd.children);
  const names = links.length > 0 ? links.map((a) => textOf(a)) : textOf(dd).split(',').map(squish);
  return [...new Set(names.filter(Boolean))];
}

/**
 * "Part 5 of <a>Symphony</a>, Part 2 of <a>Other</a>" (older files: "Part 1 of the <a>X</a> series").
 * The part number is the last "Part N of" before each link; without links the text is split.
 */
function seriesOf(dd: Element): Ao3Work['series'] {
  const out: Ao3Work['series'] = [];
  let before = '';
  for (const node of dd.children) {
    if (isText(node)) before += node.data;
    else if (isTag(node) && node.name === 'a') {
      const parts = [...before.matchAll(/\bPart\s+(\d{1,6})\s+of\b/gi)];
      const last = parts[parts.length - 1];
      const title = textOf(node);
      if (title)
        out.push({ title, part: last ? Number(last[1]) : null, url: node.attribs.href?.trim() || null });
      before = '';
    } else if (isTag(node)) before += textOf(node);
  }
  if (out.length > 0) return out;
  const text = squish(before);
  const re = /\bPart\s+(\d{1,6})\s+of\s+(?:the\s+)?(.+?)(?:\s+series)?(?=,\s*Part\s+\d|$)/gi;
  for (const m of text.matchAll(re)) out.push({ title: m[2]!.trim(), part: Number(m[1]), url: null });
  if (out.length === 0 && text) out.push({ title: text, part: null, url: null });
  return out;
}

/** Creator names from a byline: its `rel="author"` links, else any links, else the text after "by". */
function authorsOf(byline: Element | null): string[] {
  if (!byline) return [];
  const links = findAll((e) => e.name === 'a', byline.children);
  const authorLinks = links.filter((a) => /\bauthor\b/i.test(a.attribs.rel ?? ''));
  const chosen = authorLinks.length > 0 ? authorLinks : links;
  const names = chosen.length > 0
    ? chosen.map((a) => textOf(a))
    : textOf(byline).replace(/^by\s+/i, '').split(/\s*,\s*|\s+and\s+/); // prettier-ignore
  return [...new Set(names.map(squish).filter(Boolean))];
}

/** The `<blockquote>` right after a label paragraph, skipping whitespace; null when there is none. */
function blockAfter(element: Element): Element | null {
  let node = element.next;
  while (node && isBlank(node)) node = node.next;
  return node && isTag(node) && node.name === 'blockquote' ? node : null;
}

/** Reads the `<dt>`/`<dd>` rows into `out`; true when there was a Stats row. */
function readTags(dl: Element, out: Ao3Preface, problems: string[]): boolean {
  let field: Field | null = null;
  let sawStats = false;
  const seen = new Map<Field, Set<string>>();
  for (const item of elementsOf(dl)) {
    if (item.name === 'dt') {
      const name = label(item);
      field = LABELS.get(name) ?? null;
      if (!field && name)
        problems.push(`The preface's "${name.slice(0, 40)}" field is not one Quire reads; it was left out.`);
      continue;
    }
    if (item.name !== 'dd' || !field || field === 'ignored') continue;
    if (field === 'rating') {
      const ratings = tagsOf(item);
      out.rating ??= ratings[0] ?? null;
      if (ratings.length > 1)
        problems.push(`The work has ${ratings.length} ratings; the first, "${out.rating}", was kept.`);
    } else if (field === 'language') {
      out.language = textOf(item) || null;
      out.languageCode = out.language ? languageCode(out.language) : null;
      if (out.language && !out.languageCode)
        problems.push(`The language "${out.language}" has no known code.`);
    } else if (field === 'series') for (const one of seriesOf(item)) out.series.push(one);
    else if (field === 'stats') {
      sawStats = true;
      Object.assign(out, readStats(textOf(item), problems));
    } else {
      const list = out[field];
      const set = seen.get(field) ?? new Set<string>();
      seen.set(field, set);
      for (const tag of tagsOf(item)) {
        if (set.has(tag)) continue;
        set.add(tag);
        list.push(tag);
      }
    }
  }
  return sawStats;
}

/** A preface with nothing in it. */
export function emptyPreface(): Ao3Preface {
  return {
    title: '',
    authors: [],
    sourceUrl: null,
    rating: null,
    warnings: [],
    categories: [],
    fandoms: [],
    relationships: [],
    characters: [],
    additionalTags: [],
    language: null,
    languageCode: null,
    series: [],
    published: null,
    updated: null,
    completed: null,
    words: null,
    chaptersPosted: null,
    chaptersExpected: null,
    summary: '',
    notes: '',
  };
}

export function readPreface(preface: Element, problems: string[]): Ao3Preface {
  const out = emptyPreface();

  const message = findFirst(preface, (e) => e.name === 'p' && hasClass(e, 'message'));
  const links = findAll((e) => e.name === 'a' && WORK_URL.test(e.attribs.href ?? ''), message ?? preface);
  out.sourceUrl = links[0]?.attribs.href?.trim() || null;

  const h1 = findFirst(preface, (e) => e.name === 'h1');
  const bold = message ? findFirst(message, (e) => e.name === 'b' || e.name === 'strong') : null;
  out.title = (h1 && textOf(h1)) || (bold && textOf(bold)) || '';
  out.authors = authorsOf(findFirst(preface, (e) => hasClass(e, 'byline')));

  const dl =
    findFirst(preface, (e) => e.name === 'dl' && hasClass(e, 'tags')) ??
    findFirst(preface, (e) => e.name === 'dl');
  const sawStats = dl ? readTags(dl, out, problems) : false;
  if (!dl) problems.push('The preface has no tag list.');
  else {
    if (!out.rating) problems.push('The work has no rating.');
    if (out.fandoms.length === 0) problems.push('The work has no fandom.');
    if (!out.language) problems.push('The work gives no language.');
    if (!sawStats) problems.push('The preface has no stats (dates, words, chapters).');
  }

  // "Summary" / "Notes" paragraphs, each followed by a blockquote of the creator's HTML.
  const meta = findFirst(preface, (e) => e.name === 'div' && hasClass(e, 'meta')) ?? preface;
  for (const p of elementsOf(meta)) {
    const name = p.name === 'p' ? label(p) : '';
    if (name !== 'summary' && name !== 'notes') continue;
    const block = blockAfter(p);
    if (block && !out[name]) out[name] = innerHtml(block);
  }
  return out;
}
