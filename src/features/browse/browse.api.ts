import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { resolveFilterTags } from '../tags/filter-tags.ts';
import { workTagsJson, workTagsOut } from '../works/works.api.ts';
import { browseQuerySchema } from './browse.schema.ts';
import { type BrowseResult, browseWorks } from './browse.service.ts';

/** A tag named in a URL may be of any type; fandoms are looked for first. */
const NAMED_TYPES = [
  'fandom',
  'relationship',
  'character',
  'freeform',
  'rating',
  'warning',
  'category',
] as const;

const FILTERS =
  'filtered (tags, excludeTags, rating, warnings, excludeWarnings, categories, complete, crossover, wordsFrom, wordsTo, updatedFrom, updatedTo, language, q; blocklist=off to show what your blocklist hides), sorted and paged (20 per page), with facet counts';

const facet = z.array(z.object({ tag: z.string(), count: z.number() }));

export const listingOut = z.object({
  total: z.number(),
  page: z.number(),
  pages: z.number(),
  works: z.array(
    z.object({
      id: z.number(),
      url: z.string(),
      title: z.string(),
      creators: z.array(z.string()),
      rating: z.string(),
      ...workTagsOut,
      summary: z.string(),
      words: z.number(),
      chapters: z.string(),
      complete: z.boolean(),
      language: z.string(),
      hits: z.number(),
      kudos: z.number(),
      comments: z.number(),
      bookmarks: z.number().describe('Public bookmarks'),
      revisedAt: z.string().nullable(),
    }),
  ),
  facets: z.record(z.string(), facet),
  notes: z.array(z.string()),
  blocklist: z
    .object({ tags: z.number(), creators: z.number(), applied: z.boolean() })
    .nullable()
    .describe('Your blocklist’s size and whether this listing applied it (null: none, or a guest)'),
});

/** A listing as JSON (also the bookmarks API's, features/bookmarks). */
export function present(ctx: Pick<AppContext, 'config'>, result: BrowseResult): z.infer<typeof listingOut> {
  return {
    total: result.total,
    page: result.page,
    pages: result.pages,
    works: result.works.map((w) => ({
      id: w.id,
      url: `${ctx.config.baseUrl}/works/${w.id}`,
      title: w.title,
      creators: w.creators.map((c) => c.pseud),
      rating: w.tags.rating[0] ?? 'Not Rated',
      ...workTagsJson(w.tags),
      summary: w.summary,
      words: w.word_count,
      chapters: `${w.posted_chapters}/${w.expected_chapters ?? '?'}`,
      complete: w.complete === 1,
      language: w.language,
      hits: w.hits,
      kudos: w.kudos_count,
      comments: w.comment_count,
      bookmarks: w.bookmark_count,
      revisedAt: w.revised_at,
    })),
    facets: Object.fromEntries(
      Object.entries(result.facets).map(([type, list]) => [
        type,
        list.map((f) => ({ tag: f.name, count: f.count })),
      ]),
    ),
    notes: result.notes,
    blocklist: result.blocklist,
  };
}

/** Every listing is also JSON, with the same parameters as the page's URL. */
export function browseApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/works',
    summary: `Works this reader may see, ${FILTERS}`,
    tag: 'Works',
    auth: 'optional',
    query: browseQuerySchema,
    response: listingOut,
    handler: async ({ viewer, query }) => present(ctx, await browseWorks(ctx, viewer, query)),
  });
  api.add({
    method: 'GET',
    path: '/tags/:name/works',
    summary: `A tag's works (its synonyms and subtags included) that this reader may see, ${FILTERS}`,
    tag: 'Works',
    auth: 'optional',
    query: browseQuerySchema,
    response: listingOut,
    handler: async ({ viewer, query, params }) => {
      const tag = await resolveFilterTags(ctx.db, [params.name ?? ''], NAMED_TYPES);
      if (tag.ids.length === 0) throw notFound('Tag');
      return present(ctx, await browseWorks(ctx, viewer, query, { tag: tag.ids[0] }));
    },
  });
}
