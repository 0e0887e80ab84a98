// The privacy matrix's surfaces: for one item and one viewer, "is it visible here?", answered by
// really requesting the page, listing, feed, API, download or inbox through the app, or by reading the
// SMTP sink. A surface that has no meaning for an item's type is marked n/a in the table (matrix.ts);
// asking a surface about a type it does not serve throws, so the table and the checkers stay in step.
import type { TestEnv } from '../harness.ts';
import type { Item, ViewerName, World } from './world.ts';

export interface Fetched {
  status: number;
  body: string;
}

/** What a checker may use: the world, GETs as a viewer (cached for the run), the mails a viewer got. */
export interface Probe {
  env: TestEnv;
  world: World;
  /** A GET with the viewer's session cookie (guests: none), or with their bearer token (`api`). */
  get(viewer: ViewerName, url: string, how?: 'session' | 'api' | 'anonymous'): Promise<Fetched>;
  mailsTo(address: string): string[];
}

type Checker = (probe: Probe, item: Item, viewer: ViewerName) => Promise<boolean>;

/** Thrown when a surface is asked about an item type it does not serve (the table must say n/a). */
function unserved(surface: string, item: Item): never {
  throw new Error(`surface ${surface} does not serve ${item.type} items: mark the cell n/a`);
}

const has = (page: Fetched, marker: string) => page.status === 200 && page.body.includes(marker);
const enc = encodeURIComponent;

/** The one count a listing shows for a filter matching at most this item: 0 or 1, anything else fails. */
function zeroOrOne(count: number, where: string): boolean {
  if (count !== 0 && count !== 1) throw new Error(`${where}: counted ${count}, expected 0 or 1`);
  return count === 1;
}

async function tagId(probe: Probe, name: string): Promise<number> {
  const row = await probe.env.ctx.db
    .selectFrom('tags')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The ids a chain of Previous/Next links reaches from `start` (breadth first, a few pages). */
async function walk(probe: Probe, viewer: ViewerName, start: string, link: RegExp): Promise<Set<string>> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0 && seen.size < 12) {
    const page = await probe.get(viewer, queue.shift()!);
    if (page.status !== 200) continue;
    for (const match of page.body.matchAll(link)) {
      const href = match[1]!;
      if (!seen.has(href)) {
        seen.add(href);
        queue.push(href);
      }
    }
  }
  return seen;
}

const entryUrl = (item: Item, id = item.entryId) => `/journals/${item.journal}/entries/${id}`;

export const SURFACES = {
  /** The item's own page (a work, chapter, entry, thread; a comment on its work's page; a bookmark on the work's bookmarks). */
  async page(probe, item, viewer) {
    switch (item.type) {
      case 'work':
        return has(await probe.get(viewer, `/works/${item.workId}`), item.marker);
      case 'chapter':
        return has(await probe.get(viewer, `/works/${item.workId}/chapters/${item.chapterId}`), item.marker);
      case 'entry':
        return has(await probe.get(viewer, entryUrl(item)), item.marker);
      case 'post':
        return has(await probe.get(viewer, `/forums/threads/${item.threadId}`), item.marker);
      case 'comment':
        if (item.entryId) return has(await probe.get(viewer, entryUrl(item)), item.marker);
        // On the work's page, or in its moderation queue (held comments wait there for the creators).
        return (
          has(await probe.get(viewer, `/works/${item.workId}`), item.marker) ||
          has(await probe.get(viewer, `/works/${item.workId}/comments/moderation`), item.marker)
        );
      case 'bookmark':
        return has(await probe.get(viewer, `/works/${item.workId}/bookmarks`), item.marker);
    }
  },

  /** The listing the item belongs in: all works, a work's chapter index, a journal's Recent page, a board, a bookmarker's bookmarks. */
  async listing(probe, item, viewer) {
    switch (item.type) {
      case 'work':
        return has(await probe.get(viewer, '/works'), item.marker);
      case 'chapter':
        return has(await probe.get(viewer, `/works/${item.workId}/navigate`), item.marker);
      case 'entry':
        return has(await probe.get(viewer, `/journals/${item.journal}`), item.marker);
      case 'post':
        return (
          has(await probe.get(viewer, `/forums/boards/${item.boardId}`), item.marker) ||
          has(await probe.get(viewer, '/forums'), item.marker)
        );
      case 'bookmark':
        return has(await probe.get(viewer, `/users/${item.bookmarker}/bookmarks`), item.marker);
      default:
        return unserved('listing', item);
    }
  },

  /** Statistics in the work's blurb on the works listing: its comment or bookmark count, exactly 0 or 1. */
  async count(probe, item, viewer) {
    if (item.type !== 'comment' && item.type !== 'bookmark') return unserved('count', item);
    const page = await probe.get(viewer, '/works');
    const start = page.body.indexOf(`id="work-${item.workId}-title"`);
    if (start < 0) throw new Error(`the work of ${item.marker} is not on the listing`);
    const blurb = page.body.slice(
      start,
      page.body.indexOf('</li>', page.body.indexOf('blurb__stats', start)),
    );
    const label = item.type === 'comment' ? 'Comments' : 'Bookmarks';
    const count = new RegExp(`${label}: (?:<a [^>]*>)?(\\d+)`).exec(blurb)?.[1];
    return zeroOrOne(count === undefined ? 0 : Number(count), `${label} count`);
  },

  /** The JSON API's listings with the viewer's bearer token: works, a tag's works, a journal's entries, a board's threads. */
  async apiListing(probe, item, viewer) {
    const get = (url: string) => probe.get(viewer, `/api/v1${url}`, 'api');
    switch (item.type) {
      case 'work': {
        const all = has(await get('/works'), `Work ${item.marker}`);
        const tagged = has(await get(`/tags/${enc(item.tag!)}/works`), `Work ${item.marker}`);
        if (all !== tagged) throw new Error('the API’s listing and tag listing disagree');
        return all;
      }
      case 'entry':
        return has(await get(`/journals/${item.journal}/entries`), item.marker);
      case 'post':
        return has(await get(`/boards/${item.boardId}/threads`), item.marker);
      case 'bookmark':
        return has(await get(`/users/${item.bookmarker}/bookmarks`), item.marker);
      default:
        return unserved('apiListing', item);
    }
  },

  /** A creator's works and its total (`/users/:name/works`), and the series the work is part of. */
  async creatorWorks(probe, item, viewer) {
    if (item.type !== 'work') return unserved('creatorWorks', item);
    const page = await probe.get(viewer, `/users/${item.creator}/works`);
    if (page.status !== 200) throw new Error(`the creator’s works page answered ${page.status}`);
    return page.body.includes(`Work ${item.marker}`);
  },

  /** The series page (its parts and their count). */
  async series(probe, item, viewer) {
    if (item.type !== 'work' || item.seriesId === undefined) return unserved('series', item);
    const page = await probe.get(viewer, `/series/${item.seriesId}`);
    return has(page, `Work ${item.marker}`);
  },

  /** The item's own tag page and its total: a work tag's works (exactly 0 or 1), a journal tag's entries. */
  async tagPage(probe, item, viewer) {
    if (item.type === 'work') {
      const page = await probe.get(viewer, `/tags/${await tagId(probe, item.tag!)}/works`);
      if (page.status !== 200) return false;
      const total = /browse__count">(?:\d+–\d+ of )?(\d+) works?</.exec(page.body)?.[1];
      const count = total === undefined ? 0 : Number(total);
      const listed = zeroOrOne(count, 'tag works page') && page.body.includes(`Work ${item.marker}`);
      // The tag's own page shows its recent works: visible on either page counts.
      const about = await probe.get(viewer, `/tags/${await tagId(probe, item.tag!)}`);
      return listed || has(about, `Work ${item.marker}`);
    }
    if (item.type === 'entry')
      return has(
        await probe.get(viewer, `/journals/${item.journal}/tags/${item.tag}`),
        `Entry ${item.marker}`,
      );
    return unserved('tagPage', item);
  },

  /** Tag counts: the work facets of the full listing ("Tag x (1)"), a journal's tag cloud ("(1 entry)"). */
  async tagCount(probe, item, viewer) {
    if (item.type === 'work') {
      const page = await probe.get(viewer, '/works');
      const count = new RegExp(`>${item.tag} \\((\\d+)\\)<`).exec(page.body)?.[1];
      return zeroOrOne(count === undefined ? 0 : Number(count), 'facet');
    }
    if (item.type === 'entry') {
      const page = await probe.get(viewer, `/journals/${item.journal}/tags`);
      const count = new RegExp(`>${item.tag}</a> <span class="muted">\\((\\d+) entr`).exec(page.body)?.[1];
      return zeroOrOne(count === undefined ? 0 : Number(count), 'tag cloud');
    }
    return unserved('tagCount', item);
  },

  /** Full-text search: works (/search), entries (/entries/search). */
  async search(probe, item, viewer) {
    if (item.type === 'work')
      return has(await probe.get(viewer, `/search?q=${item.marker}`), `Work ${item.marker}`);
    if (item.type === 'entry') {
      const site = has(await probe.get(viewer, `/entries/search?q=${item.marker}`), `Entry ${item.marker}`);
      const journal = `/journals/${item.journal}/search?q=${item.marker}`;
      if (has(await probe.get(viewer, journal), `Entry ${item.marker}`) !== site)
        throw new Error('the site’s and the journal’s entry search disagree');
      return site;
    }
    // A chapter's words find its work.
    if (item.type === 'chapter')
      return has(await probe.get(viewer, `/search?q=${item.marker}`), `href="/works/${item.workId}"`);
    return unserved('search', item);
  },

  /** Previous/Next links (`<a rel>` and `<link rel>` alike), walked from the first chapter or the journal's control entry. */
  async prevNext(probe, item, viewer) {
    if (item.type === 'chapter') {
      const first = await probe.env.ctx.db
        .selectFrom('chapters')
        .select('id')
        .where('work_id', '=', item.workId!)
        .orderBy('position')
        .executeTakeFirstOrThrow();
      const pattern = new RegExp(
        `href="(/works/${item.workId}/chapters/\\d+)"[^>]*>[^<]*(?:Previous|Next)`,
        'g',
      );
      const reached = await walk(probe, viewer, `/works/${item.workId}/chapters/${first.id}`, pattern);
      return reached.has(`/works/${item.workId}/chapters/${item.chapterId}`);
    }
    if (item.type === 'entry') {
      const start = probe.world.controls[item.journal!]!;
      const pattern = /<(?:a|link) href="(\/journals\/[^"]+\/entries\/\d+)" rel="(?:prev|next)"/g;
      const reached = await walk(probe, viewer, entryUrl(item, start), pattern);
      return reached.has(entryUrl(item));
    }
    return unserved('prevNext', item);
  },

  /** Reading: a work's full-work view (every posted chapter), the reading page of one's subscriptions. */
  async reading(probe, item, viewer) {
    if (item.type === 'work' || item.type === 'chapter')
      return has(await probe.get(viewer, `/works/${item.workId}?view_full_work=true`), item.marker);
    if (item.type === 'entry') return has(await probe.get(viewer, '/reading'), item.marker);
    return unserved('reading', item);
  },

  /** The public feeds (no session is ever used): a journal's Atom and RSS, a board's and a thread's Atom. */
  async feed(probe, item, viewer) {
    if (item.type === 'entry') {
      const atom = has(await probe.get(viewer, `/journals/${item.journal}/feed.atom`), item.marker);
      const rss = has(await probe.get(viewer, `/journals/${item.journal}/feed.rss`), item.marker);
      if (atom !== rss) throw new Error('the Atom and RSS feeds disagree');
      return atom;
    }
    if (item.type === 'post') {
      const board = has(await probe.get(viewer, `/forums/boards/${item.boardId}/feed.atom`), item.marker);
      const thread = has(await probe.get(viewer, `/forums/threads/${item.threadId}/feed.atom`), item.marker);
      return board || thread;
    }
    return unserved('feed', item);
  },

  /** A journal's private feed (`?token=` of the viewer's feed token; guests have none). */
  async privateFeed(probe, item, viewer) {
    if (item.type !== 'entry') return unserved('privateFeed', item);
    const token = probe.world.feedTokens[viewer];
    if (!token) return false;
    return has(
      await probe.get(viewer, `/journals/${item.journal}/feed.atom?token=${enc(token)}`, 'anonymous'),
      item.marker,
    );
  },

  /** The JSON API with the viewer's bearer token (guests: none). */
  async api(probe, item, viewer) {
    const get = (url: string) => probe.get(viewer, `/api/v1${url}`, 'api');
    switch (item.type) {
      case 'work':
        return has(await get(`/works/${item.workId}`), item.marker);
      case 'chapter':
        // The API serves no chapter text: a work's JSON lists its chapters by title.
        return has(await get(`/works/${item.workId}`), item.marker);
      case 'entry':
        return has(await get(`/entries/${item.entryId}`), item.marker);
      case 'post':
        return has(await get(`/threads/${item.threadId}`), item.marker);
      case 'comment':
        return has(
          await get(item.entryId ? `/entries/${item.entryId}/comments` : `/works/${item.workId}/comments`),
          item.marker,
        );
      case 'bookmark':
        return has(await get(`/users/${item.bookmarker}/bookmarks`), item.marker);
    }
  },

  /** Downloads: HTML and plain text must agree (EPUB is zipped; its text is the HTML's). */
  async download(probe, item, viewer) {
    if (item.type !== 'work' && item.type !== 'chapter') return unserved('download', item);
    const html = has(await probe.get(viewer, `/works/${item.workId}/download.html`), item.marker);
    const txt = has(await probe.get(viewer, `/works/${item.workId}/download.txt`), item.marker);
    if (html !== txt) throw new Error('the HTML and text downloads disagree');
    return html;
  },

  /** The viewer's inbox (guests have none). */
  async inbox(probe, item, viewer) {
    if (viewer === 'guest') return false;
    return has(await probe.get(viewer, '/inbox'), item.marker);
  },

  /** E-mails the viewer received through the SMTP sink. */
  async email(probe, item, viewer) {
    const who = probe.world.users[viewer];
    if (!who) return false;
    return probe.mailsTo(who.email).some((mail) => mail.includes(item.marker));
  },

  /** Interaction: the page offers a comment box (a block refuses it; reading stays open, as on AO3). */
  async commentForm(probe, item, viewer) {
    if (item.type === 'work')
      return (await probe.get(viewer, `/works/${item.workId}`)).body.includes(
        `action="/works/${item.workId}/comments"`,
      );
    if (item.type === 'entry')
      return (await probe.get(viewer, entryUrl(item))).body.includes(
        `action="/entries/${item.entryId}/comments"`,
      );
    return unserved('commentForm', item);
  },

  /** Tag autocomplete: the work's own tag, by its marker (it must not show, nor its count, unless the work may be seen). */
  async autocomplete(probe, item, viewer) {
    if (item.type !== 'work') return unserved('autocomplete', item);
    const page = await probe.get(viewer, `/tags/autocomplete?type=freeform&q=${item.marker}`);
    const tags = (JSON.parse(page.body) as { tags: { name: string; uses: number }[] }).tags;
    const tag = tags.find((t) => t.name === item.tag);
    return tag !== undefined && zeroOrOne(tag.uses, 'autocomplete uses');
  },

  /** Statistics: the author's statistics page (works listed with their hits, kudos, comments). */
  async stats(probe, item, viewer) {
    if (item.type !== 'work') return unserved('stats', item);
    return has(await probe.get(viewer, `/users/${probe.world.users.author!.username}/stats`), item.marker);
  },
} satisfies Record<string, Checker>;

export type SurfaceName = keyof typeof SURFACES;
export const SURFACE_NAMES = Object.keys(SURFACES) as SurfaceName[];
