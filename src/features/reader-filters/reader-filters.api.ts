import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import * as filters from './reader-filters.service.ts';

const blocklistOut = z.object({
  tags: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })),
  creators: z.array(z.object({ id: z.number(), username: z.string() })),
});
const filterOut = z.object({ id: z.number(), name: z.string(), query: z.string() });

const present = (list: Awaited<ReturnType<typeof filters.blocklistOf>>) => ({
  tags: list.tags.map((t) => ({ id: t.id, name: t.name, type: t.type })),
  creators: list.creators.map((c) => ({ id: c.id, username: c.username })),
});

/** The reader's blocklist and saved filters, as JSON. */
export function readerFiltersApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/me/blocklist',
    summary: 'Your blocklist: tags and creators left out of every listing, search and count you see',
    tag: 'Reader filters',
    auth: 'token',
    response: blocklistOut,
    handler: async ({ viewer }) => present(await filters.blocklistOf(ctx, viewer!)),
  });
  api.add({
    method: 'PUT',
    path: '/me/blocklist',
    summary: 'Replace your blocklist (tag names, usernames); nothing changes if any name is unknown',
    tag: 'Reader filters',
    auth: 'token',
    body: filters.blocklistSchema,
    response: blocklistOut,
    handler: async ({ viewer, body }) => present(await filters.replaceBlocklist(ctx, viewer!, body)),
  });
  api.add({
    method: 'GET',
    path: '/me/saved-filters',
    summary: 'Your saved filters (a listing’s path and query string, by name)',
    tag: 'Reader filters',
    auth: 'token',
    response: z.object({ filters: z.array(filterOut) }),
    handler: async ({ viewer }) => ({
      filters: (await filters.savedFilters(ctx, viewer!)).map(({ id, name, query }) => ({ id, name, query })),
    }),
  });
  api.add({
    method: 'POST',
    path: '/me/saved-filters',
    summary: 'Save a filter under a name (the same name replaces it)',
    tag: 'Reader filters',
    auth: 'token',
    body: filters.saveFilterSchema,
    status: 201,
    response: filterOut,
    handler: async ({ viewer, body }) => {
      await filters.saveFilter(ctx, viewer!, body);
      const saved = (await filters.savedFilters(ctx, viewer!)).find((f) => f.name === body.name);
      if (!saved) throw notFound('Saved filter');
      return { id: saved.id, name: saved.name, query: saved.query };
    },
  });
  api.add({
    method: 'DELETE',
    path: '/me/saved-filters/:id',
    summary: 'Delete a saved filter',
    tag: 'Reader filters',
    auth: 'token',
    response: z.object({ deleted: z.boolean() }),
    handler: async ({ viewer, params }) => {
      await filters.deleteFilter(ctx, viewer!, Number(params.id) || 0);
      return { deleted: true };
    },
  });
}
