import type { AppContext } from '../../context.ts';
import type { Entry } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { defaultIconsOf, iconsFor, type IconSummary } from '../icons/icons.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleEntries } from '../visibility/entry-visibility.ts';
import * as repo from './journals.repository.ts';
import { readingFilterNamed, unknownFilter } from './reading-filters.service.ts';
import { readEntry } from './journals.service.ts';
import { entryNotByMuted } from '../blocking/mutes.ts';

type Ctx = Pick<AppContext, 'db'>;

export const PER_PAGE = 20;

/** An entry as read (every column but the moderation reason). */
export type EntryRow = Omit<Entry, 'status_reason'>;

export type ShownEntry = Omit<EntryRow, 'body'> & {
  body: SafeHtml;
  tags: string[];
  poster: string;
  /** The entry's icon, or its poster's default one. */
  icon: IconSummary | undefined;
};

/** Entries with their tags and their posters' names, for pages and the API. */
export async function decorate(ctx: Ctx, entries: EntryRow[]): Promise<ShownEntry[]> {
  const posters = [...new Set(entries.map((e) => e.poster_id))];
  const [tags, names, icons, defaults] = await Promise.all([
    repo.tagsOfEntries(
      ctx.db,
      entries.map((e) => e.id),
    ),
    repo.usernames(ctx.db, posters),
    iconsFor(
      ctx.db,
      entries.flatMap((e) => (e.icon_id ? [e.icon_id] : [])),
    ),
    defaultIconsOf(ctx.db, posters),
  ]);
  return entries.map((e) => ({
    ...e,
    body: e.body as SafeHtml,
    tags: tags.get(e.id) ?? [],
    poster: names.get(e.poster_id) ?? '',
    icon: (e.icon_id ? icons.get(e.icon_id) : undefined) ?? defaults.get(e.poster_id),
  }));
}

const newestFirst = <Q extends { orderBy: (c: 'entries.posted_at' | 'entries.id', d: 'desc') => Q }>(q: Q) =>
  q.orderBy('entries.posted_at', 'desc').orderBy('entries.id', 'desc');

/**
 * Recent: the entries this viewer may see, newest first by their date, 20 a page; sticky entries
 * head the first page only (and are not repeated below). With a tag: only entries carrying it.
 */
export async function recentEntries(
  ctx: Ctx,
  viewer: Viewer | null,
  journal: repo.JournalRow,
  page: number,
  tagName?: string,
) {
  let tagId: number | undefined;
  if (tagName) {
    const tag = await repo.findJournalTag(ctx.db, journal.id, tagName);
    if (!tag) throw notFound('Tag');
    tagId = tag.id;
  }
  const base = repo.journalEntries(ctx.db, viewer, journal.id, tagId);
  const flow = tagId === undefined ? base.where('entries.sticky', '=', 0) : base;
  const [count, rows, sticky] = await Promise.all([
    flow.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    newestFirst(flow.select(repo.ENTRY_COLUMNS))
      .limit(PER_PAGE)
      .offset((page - 1) * PER_PAGE)
      .execute(),
    page === 1 && tagId === undefined
      ? newestFirst(base.select(repo.ENTRY_COLUMNS).where('entries.sticky', '=', 1)).execute()
      : Promise.resolve([]),
  ]);
  const total = Number(count.n);
  return {
    sticky: await decorate(ctx, sticky),
    entries: await decorate(ctx, rows),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    tag: tagName,
  };
}

/**
 * One entry with its Previous and Next: the nearest entries by date this viewer may see (within a
 * tag when one is given), so stepping never reveals that a locked entry lies between.
 */
export async function entryWithNeighbours(ctx: Ctx, viewer: Viewer | null, id: number, tagName?: string) {
  const { entry, journal } = await readEntry(ctx, viewer, id);
  const tag = tagName ? await repo.findJournalTag(ctx.db, journal.id, tagName) : undefined;
  const near = (direction: 'previous' | 'next') => {
    const before = direction === 'previous';
    return repo
      .journalEntries(ctx.db, viewer, journal.id, tag?.id)
      .select(['entries.id', 'entries.subject', 'entries.posted_at'])
      .where((eb) =>
        eb.or([
          eb('entries.posted_at', before ? '<' : '>', entry.posted_at),
          eb.and([
            eb('entries.posted_at', '=', entry.posted_at),
            eb('entries.id', before ? '<' : '>', entry.id),
          ]),
        ]),
      )
      .orderBy('entries.posted_at', before ? 'desc' : 'asc')
      .orderBy('entries.id', before ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
  };
  const [previous, next, [shown]] = await Promise.all([
    near('previous'),
    near('next'),
    decorate(ctx, [entry]),
  ]);
  return { journal, entry: shown!, previous, next, tag: tag?.name };
}

/** Year → month → day → count of the entries this viewer may see, by each entry's date (UTC). */
export async function calendar(ctx: Ctx, viewer: Viewer | null, journal: repo.JournalRow) {
  const rows = await repo
    .journalEntries(ctx.db, viewer, journal.id)
    .select('entries.posted_at')
    .orderBy('entries.posted_at')
    .execute();
  const days = new Map<string, number>();
  for (const row of rows) {
    const day = String(row.posted_at).slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

/** The entries of one day (or month, or year: a prefix of YYYY-MM-DD), oldest first. */
export async function entriesDated(
  ctx: Ctx,
  viewer: Viewer | null,
  journal: repo.JournalRow,
  prefix: string,
) {
  const from = `${prefix}${'0000-01-01'.slice(prefix.length)}T00:00:00.000Z`;
  const until = nextPeriod(prefix);
  const rows = await repo
    .journalEntries(ctx.db, viewer, journal.id)
    .select(repo.ENTRY_COLUMNS)
    .where('entries.posted_at', '>=', from)
    .where('entries.posted_at', '<', until)
    .orderBy('entries.posted_at')
    .orderBy('entries.id')
    .limit(500)
    .execute();
  return decorate(ctx, rows);
}

/** The first instant after a year, month or day given as YYYY, YYYY-MM or YYYY-MM-DD. */
function nextPeriod(prefix: string): string {
  const [y, m, d] = prefix.split('-').map(Number) as [number, number | undefined, number | undefined];
  const date =
    d !== undefined
      ? new Date(Date.UTC(y, m! - 1, d + 1))
      : m !== undefined
        ? new Date(Date.UTC(y, m, 1))
        : new Date(Date.UTC(y + 1, 0, 1));
  return date.toISOString();
}

/**
 * A reader's reading page: entries from the journals they subscribe to, newest by posting time,
 * the locked ones they may see included, backdated entries left out. Through one of the reader's
 * reading filters (by name, any case), only its journals: a filter narrows, never widens, and an
 * unknown name is an error, never the whole page. Entries by someone the reader muted are left out.
 */
export async function readingPage(ctx: Ctx, viewer: Viewer, page: number, filterName?: string) {
  const filter = filterName ? await readingFilterNamed(ctx, viewer, filterName) : undefined;
  if (filterName && !filter) throw unknownFilter(filterName);
  let base = ctx.db
    .selectFrom('entries')
    .innerJoin('journal_subscriptions', 'journal_subscriptions.journal_id', 'entries.journal_id')
    .where('journal_subscriptions.reader_id', '=', viewer.id)
    .where('entries.backdated', '=', 0)
    .where((eb) => visibleEntries(eb, viewer))
    .where((eb) => entryNotByMuted(eb, viewer.id));
  if (filter)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reading_filter_journals')
          .select('reading_filter_journals.journal_id')
          .whereRef('reading_filter_journals.journal_id', '=', 'entries.journal_id')
          .where('reading_filter_journals.filter_id', '=', filter.id),
      ),
    );
  const rows = await base
    .select(repo.ENTRY_COLUMNS)
    .orderBy('entries.created_at', 'desc')
    .orderBy('entries.id', 'desc')
    .limit(PER_PAGE + 1)
    .offset((page - 1) * PER_PAGE)
    .execute();
  const entries = await decorate(ctx, rows.slice(0, PER_PAGE));
  return {
    entries,
    journals: await journalsOf(ctx, entries),
    page,
    more: rows.length > PER_PAGE,
    filter: filter?.name,
  };
}

/** The journals of some entries, by id (pages that list entries from many journals). */
export async function journalsOf(ctx: Ctx, entries: { journal_id: number }[]) {
  const ids = [...new Set(entries.map((e) => e.journal_id))];
  const found = await Promise.all(ids.map((id) => repo.findJournal(ctx.db, id)));
  return new Map(found.flatMap((j) => (j ? [[j.id, j] as const] : [])));
}
