import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { workTagsJson, workTagsOut } from '../works/works.api.ts';
import { browseQuerySchema } from './browse.schema.ts';
import { browseWorks } from './browse.service.ts';

const facet = z.array(z.object({ tag: z.string(), count: z.number() }));

/** Every listing is also JSON, with the same parameters as the page's URL. */
export function browseApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/works',
    summary:
      'Works this reader may see, filtered (tags, excludeTags, rating, warnings, excludeWarnings, categories, complete, crossover, wordsFrom, wordsTo, updatedFrom, updatedTo, language, q), sorted and paged (20 per page), with facet counts',
    tag: 'Works',
    auth: 'optional',
    query: browseQuerySchema,
    response: z.object({
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
          revisedAt: z.string().nullable(),
        }),
      ),
      facets: z.record(z.string(), facet),
      notes: z.array(z.string()),
    }),
    handler: async ({ viewer, query }) => {
      const result = await browseWorks(ctx, viewer, query);
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
          revisedAt: w.revised_at,
        })),
        facets: Object.fromEntries(
          Object.entries(result.facets).map(([type, list]) => [
            type,
            list.map((f) => ({ tag: f.name, count: f.count })),
          ]),
        ),
        notes: result.notes,
      };
    },
  });
}
