import { Feed, type Item } from 'feed';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/safe-html.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { decorate, type ShownEntry } from './journals.read.ts';
import * as repo from './journals.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** How many entries a feed carries: the newest by posting time. */
export const FEED_SIZE = 25;

export type FeedFormat = 'atom' | 'rss';

export const FEED_TYPES: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

const journalPath = (name: string) => `/journals/${encodeURIComponent(name)}`;
const tagPath = (name: string, tag: string) => `${journalPath(name)}/tags/${encodeURIComponent(tag)}`;

/**
 * A journal's (or one of its tags') feed addresses, for `<link rel="alternate">` in a page's head:
 * `{ atom: '/journals/NAME/feed.atom', rss: '/journals/NAME/feed.rss' }`, the types in FEED_TYPES.
 */
export function feedLinks(journalName: string, tag?: string): Record<FeedFormat, string> {
  const base = tag === undefined ? journalPath(journalName) : tagPath(journalName, tag);
  return { atom: `${base}/feed.atom`, rss: `${base}/feed.rss` };
}

/**
 * What a feed holds: the newest entries this viewer may see (public ones only for a guest), by
 * posting time (`created_at`), so a backdated entry shows up when it is posted. The visibility rule
 * decides; entries awaiting moderation (or rejected) are left out even for those who may see them.
 * A tag feed is not found when the viewer may see no entry with the tag, so it never tells that a
 * tag exists only on locked entries.
 */
export async function feedEntries(
  ctx: Ctx,
  viewer: Viewer | null,
  journal: repo.JournalRow,
  tagName?: string,
): Promise<{ entries: ShownEntry[]; tag?: string }> {
  const tag = tagName === undefined ? undefined : await repo.findJournalTag(ctx.db, journal.id, tagName);
  if (tagName !== undefined && !tag) throw notFound('Tag');
  const rows = await repo
    .journalEntries(ctx.db, viewer, journal.id, tag?.id)
    .where('entries.status', '=', 'published')
    .select(repo.ENTRY_COLUMNS)
    .orderBy('entries.created_at', 'desc')
    .orderBy('entries.id', 'desc')
    .limit(FEED_SIZE)
    .execute();
  if (tag && rows.length === 0) throw notFound('Tag');
  return { entries: await decorate(ctx, rows), tag: tag?.name };
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (text: string) => text.replace(NOT_XML, '');
/**
 * HTML for a CDATA section: `feed` (through xml-js) splits only the first `]]>`, so any further one
 * would end the section early; `]]&gt;` reads the same as HTML.
 */
const cdataHtml = (html: string) => xmlText(html).replaceAll(']]>', ']]&gt;');
/** A value for an attribute `feed` writes: it escapes `&` and `"` but not `<`, which XML forbids there. */
const attributeText = (text: string) => xmlText(text).replaceAll('<', '\uFF1C');

export interface FeedInput {
  baseUrl: string;
  journal: repo.JournalRow;
  entries: ShownEntry[];
  tag?: string;
  /** The private feed key the feed was fetched with: kept in its self links. */
  token?: string;
}

/** An Atom 1.0 or RSS 2.0 document of the entries (their stored, sanitized HTML bodies). */
export function renderFeed(format: FeedFormat, input: FeedInput): string {
  const { baseUrl, journal, entries, tag } = input;
  const name = journal.display_name;
  const home = `${baseUrl}${tag === undefined ? journalPath(name) : tagPath(name, tag)}`;
  const self = feedLinks(name, tag);
  const withToken = (path: string) =>
    `${baseUrl}${path}${input.token ? `?token=${encodeURIComponent(input.token)}` : ''}`;
  const newest = entries.reduce((max, e) => (e.updated_at > max ? e.updated_at : max), journal.created_at);
  const feed = new Feed({
    id: home,
    title: xmlText(tag === undefined ? journal.title : `${journal.title}: ${tag}`),
    description: xmlText(journal.subtitle) || undefined,
    link: home,
    updated: new Date(newest),
    generator: 'Quire',
    feedLinks: { atom: withToken(self.atom), rss: withToken(self.rss) },
  });
  const tagScheme = `${baseUrl}${journalPath(name)}/tags/`;
  for (const entry of entries) {
    const link = `${baseUrl}${journalPath(name)}/entries/${entry.id}`;
    const item: Item = {
      // Atom's title is `type="html"`, so the plain-text subject is escaped (and RSS readers decode it).
      title: escapeHtml(xmlText(entry.subject || '(no subject)')),
      link,
      date: new Date(entry.updated_at),
      published: new Date(entry.created_at),
    };
    const poster = xmlText(entry.poster);
    if (format === 'atom') {
      item.content = cdataHtml(entry.body);
      item.author = [{ name: poster, link: `${baseUrl}/users/${encodeURIComponent(entry.poster)}` }];
      item.category = entry.tags.map((t) => ({ term: attributeText(t), scheme: tagScheme }));
    } else {
      item.description = cdataHtml(entry.body);
      // RSS's <author> must be an e-mail address; Dublin Core's creator is the name.
      item.extensions = [
        {
          name: 'dc:creator',
          objects: { _attributes: { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, _text: poster },
        },
      ];
      item.category = entry.tags.map((t) => ({ name: xmlText(t) }));
    }
    feed.addItem(item);
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}
