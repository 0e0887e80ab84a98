import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import * as access from './access.service.ts';
import { entrySearchSchema, searchEntries } from './entry-search.read.ts';
import { entryUrl } from './entry.views.tsx';
import type { JournalRow } from './journals.repository.ts';
import { entryWithNeighbours, readingPage, recentEntries, type ShownEntry } from './journals.read.ts';
import { unknownFilter } from './reading-filters.service.ts';
import {
  accessFilterSchema,
  entrySchema,
  ENTRY_SECURITY_HELP,
  pageSchema,
  readingQuerySchema,
  usernameSchema,
} from './journals.schema.ts';
import * as journals from './journals.service.ts';

const entryOut = z.object({
  id: z.number(),
  url: z.string(),
  journal: z.string(),
  poster: z.string(),
  subject: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  security: z.string(),
  mood: z.string(),
  music: z.string(),
  location: z.string(),
  postedAt: z.string(),
  createdAt: z.string(),
  backdated: z.boolean(),
  sticky: z.boolean(),
  adult: z.boolean(),
  editCount: z.number(),
});
const neighbour = z.object({ id: z.number(), subject: z.string() }).nullable();

/** Journals and entries as JSON: the same services and the same visibility as the pages. */
export function journalsApi(api: ApiRegistry, ctx: AppContext) {
  const present = (journal: JournalRow, e: ShownEntry): z.infer<typeof entryOut> => ({
    id: e.id,
    url: `${ctx.config.baseUrl}${entryUrl(journal, e.id)}`,
    journal: journal.display_name,
    poster: e.poster,
    subject: e.subject,
    body: e.body,
    tags: e.tags,
    security: e.security,
    mood: e.mood,
    music: e.music,
    location: e.location,
    postedAt: e.posted_at,
    createdAt: e.created_at,
    backdated: e.backdated === 1,
    sticky: e.sticky === 1,
    adult: e.adult === 1,
    editCount: e.edit_count,
  });

  api.add({
    method: 'POST',
    path: '/journals/:name/entries',
    summary: `Post an entry (security: ${ENTRY_SECURITY_HELP}; postedAt backdates it)`,
    tag: 'Journals',
    auth: 'token',
    body: entrySchema,
    status: 201,
    response: entryOut,
    handler: async ({ viewer, params, body }) => {
      const journal = await journals.journalNamed(ctx, params.name ?? '');
      const id = await journals.postEntry(ctx, viewer!, journal, body);
      const found = await entryWithNeighbours(ctx, viewer, id);
      return present(found.journal, found.entry);
    },
  });

  api.add({
    method: 'GET',
    path: '/journals/:name/entries',
    summary: 'A journal’s entries this reader may see, newest first (20 a page), optionally with one tag',
    tag: 'Journals',
    auth: 'optional',
    query: pageSchema,
    response: z.object({
      total: z.number(),
      page: z.number(),
      pages: z.number(),
      entries: z.array(entryOut),
    }),
    handler: async ({ viewer, params, query }) => {
      const journal = await journals.journalNamed(ctx, params.name ?? '');
      const recent = await recentEntries(ctx, viewer, journal, query.page, query.tag);
      return {
        total: recent.total + recent.sticky.length,
        page: recent.page,
        pages: recent.pages,
        entries: [...recent.sticky, ...recent.entries].map((e) => present(journal, e)),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/entries/:id',
    summary: 'One entry, with the previous and next entries this reader may see (within ?tag= if given)',
    tag: 'Journals',
    auth: 'optional',
    query: z.object({ tag: z.string().trim().max(100).optional() }),
    response: entryOut.extend({ previous: neighbour, next: neighbour }),
    handler: async ({ viewer, params, query }) => {
      const found = await entryWithNeighbours(ctx, viewer, Number(params.id) || 0, query.tag);
      const step = (n: { id: number; subject: string } | undefined) =>
        n ? { id: n.id, subject: n.subject } : null;
      return {
        ...present(found.journal, found.entry),
        previous: step(found.previous),
        next: step(found.next),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/entries/search',
    summary:
      'Entries this reader may see matching the words (terms, "phrases", -excluded, title:, tag:), newest first, 20 a page; ?journal= for one journal',
    tag: 'Journals',
    auth: 'optional',
    query: entrySearchSchema.extend({
      q: z
        .string()
        .trim()
        .min(1, 'Type something to search for.')
        .max(1000, 'A search: at most 1,000 characters.'),
    }),
    response: z.object({
      total: z.number(),
      page: z.number(),
      pages: z.number(),
      notes: z.array(z.string()),
      entries: z.array(entryOut),
    }),
    handler: async ({ viewer, query }) => {
      const journal = query.journal ? await journals.journalNamed(ctx, query.journal) : undefined;
      const found = await searchEntries(ctx, viewer, query.q, { journal, page: query.page });
      return {
        total: found.total,
        page: found.page,
        pages: found.pages,
        notes: found.notes,
        entries: found.entries.map((e) => present(found.journals.get(e.journal_id)!, e)),
      };
    },
  });

  api.add({
    method: 'GET',
    path: '/me/reading',
    summary:
      'Your reading page: entries from the journals you subscribe to (through one of your reading filters with ?filter=NAME), newest posted first, 20 a page',
    tag: 'Journals',
    auth: 'token',
    query: readingQuerySchema,
    response: z.object({
      page: z.number(),
      more: z.boolean(),
      filter: z.string().nullable(),
      entries: z.array(entryOut),
    }),
    handler: async ({ viewer, query }) => {
      const reading = await readingPage(ctx, viewer!, query.page, query.filter || undefined).catch(
        (error: unknown) => {
          // An unknown filter is bad input here (the page answers 404): never the unfiltered page.
          if (error instanceof QuireError && error.code === 'unknown_filter')
            throw unknownFilter(query.filter ?? '', 400);
          throw error;
        },
      );
      return {
        page: reading.page,
        more: reading.more,
        filter: reading.filter ?? null,
        entries: reading.entries.map((e) => present(reading.journals.get(e.journal_id)!, e)),
      };
    },
  });

  api.add({
    method: 'POST',
    path: '/me/access',
    summary: 'Give someone access to your access-locked entries',
    tag: 'Journals',
    auth: 'token',
    body: usernameSchema,
    status: 201,
    response: z.object({ username: z.string() }),
    handler: async ({ viewer, body }) => ({ username: await access.grantAccess(ctx, viewer!, body) }),
  });

  api.add({
    method: 'DELETE',
    path: '/me/access/:username',
    summary: 'Take access back (and membership of your custom filters)',
    tag: 'Journals',
    auth: 'token',
    response: z.object({ username: z.string() }),
    handler: async ({ viewer, params }) => ({
      username: await access.revokeAccess(ctx, viewer!, params.username ?? ''),
    }),
  });

  api.add({
    method: 'POST',
    path: '/me/filters',
    summary: 'Make a custom access filter (or add people to one): members must be on your access list',
    tag: 'Journals',
    auth: 'token',
    body: accessFilterSchema,
    status: 201,
    response: z.object({ id: z.number(), name: z.string() }),
    handler: async ({ viewer, body }) => access.saveFilter(ctx, viewer!, body),
  });
}
