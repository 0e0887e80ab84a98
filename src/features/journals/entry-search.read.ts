import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { htmlToText } from '../downloads/html-to-text.ts';
import { parseSearchQuery } from '../search/text/query-syntax.ts';
import { entrySearchIndex, entrySearchPlan, hasEntryCriteria } from '../search/text/entry-search.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleEntries } from '../visibility/entry-visibility.ts';
import type { JournalRow } from './journals.repository.ts';
import * as repo from './journals.repository.ts';
import { decorate, journalsOf, PER_PAGE, type ShownEntry } from './journals.read.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

/** A search of entries, from the pages (`q` may be empty: the form alone) and the API alike. */
export const entrySearchSchema = z.object({
  /** Not limited here: the query language reads the first 1,000 characters and says so. */
  q: z.string().trim().max(5000).default(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  /** Only this journal's entries (a username or a community's name). */
  journal: z.string().trim().max(100).optional(),
});

/** How much of an entry's text a result shows. */
const EXCERPT_CHARS = 280;

export type FoundEntry = ShownEntry & { excerpt: string };

export interface EntrySearchResult {
  q: string;
  /** Whether the words asked anything at all (an empty or wordless search shows only the form). */
  searched: boolean;
  entries: FoundEntry[];
  journals: Map<number, JournalRow>;
  total: number;
  page: number;
  pages: number;
  /** Things the reader should know: a qualifier left out, an unclosed quote. */
  notes: string[];
}

/**
 * Entries matching the words that this viewer may see, newest first by their date, `perPage` a
 * page; within one journal when given. The index only says which entries hold the words;
 * visibility is the same condition as every other surface's, in the same query, so the count is
 * of what the viewer may see and no locked entry's words ever show through it.
 */
export async function searchEntries(
  ctx: Ctx,
  viewer: Viewer | null,
  q: string,
  options: { journal?: JournalRow; page?: number; perPage?: number } = {},
): Promise<EntrySearchResult> {
  const page = options.page ?? 1;
  const perPage = options.perPage ?? PER_PAGE;
  const query = parseSearchQuery(q);
  const plan = entrySearchPlan(query);
  const notes = [...query.problems];
  if (plan.ignored.length > 0)
    notes.push(`${plan.ignored.join(', ')} ${plan.ignored.length === 1 ? 'is' : 'are'} for works; left out.`);
  const none = { q, entries: [], journals: new Map(), total: 0, page, pages: 1, notes };
  if (!hasEntryCriteria(plan)) return { ...none, searched: false };
  let base = ctx.db
    .selectFrom('entries')
    .where((eb) => visibleEntries(eb, viewer))
    .where(entrySearchIndex(ctx.dialect).matches(plan));
  if (options.journal) base = base.where('entries.journal_id', '=', options.journal.id);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(repo.ENTRY_COLUMNS)
      .orderBy('entries.posted_at', 'desc')
      .orderBy('entries.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  const total = Number(count.n);
  const entries = (await decorate(ctx, rows)).map((e) => ({ ...e, excerpt: excerpt(e) }));
  return {
    ...none,
    searched: true,
    entries,
    journals: await journalsOf(ctx, entries),
    total,
    pages: Math.max(1, Math.ceil(total / perPage)),
  };
}

/** The start of the entry's text, cut at a word. */
function excerpt(entry: ShownEntry): string {
  const text = htmlToText(entry.body).replace(/\s+/g, ' ').trim();
  if (text.length <= EXCERPT_CHARS) return text;
  const space = text.lastIndexOf(' ', EXCERPT_CHARS);
  return `${text.slice(0, space > EXCERPT_CHARS - 60 ? space : EXCERPT_CHARS)}…`;
}
