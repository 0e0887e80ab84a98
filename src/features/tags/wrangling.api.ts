import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import { fandomNamed, unwrangledTags } from './tag-pages.repository.ts';
import { BULK_MAX, bulkWrangle, bulkWrangleSchema, canWrangle } from './wrangling.service.ts';

const TAG_TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;

const queueQuerySchema = z.object({
  type: z.enum(TAG_TYPES, { error: `The type is one of: ${TAG_TYPES.join(', ')}.` }).optional(),
  fandom: z.string().trim().max(150).optional(),
});

const tagOut = z.object({ id: z.number(), type: z.string(), name: z.string() });

/** Wrangling for tools: the queue the wrangling page shows, and its bulk action (wranglers only). */
export function wranglingApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/tags/unwrangled',
    summary: 'The wrangling queue: tags neither canonical nor a synonym, most used first (wranglers only)',
    tag: 'Tags',
    auth: 'token',
    query: queueQuerySchema,
    response: z.object({
      tags: z.array(tagOut.extend({ uses: z.number(), fandoms: z.array(z.string()) })),
    }),
    handler: async ({ viewer, query }) => {
      if (!canWrangle(viewer))
        throw new QuireError('forbidden', 403, 'Only tag wranglers can see the wrangling queue.');
      const fandom = query.fandom ? await fandomNamed(ctx.db, query.fandom) : undefined;
      if (query.fandom && !fandom)
        throw new QuireError('not_found', 404, `There is no fandom tag “${query.fandom}”.`, 'fandom');
      const tags = await unwrangledTags(
        ctx.db,
        { type: query.type ?? null, fandomId: fandom?.id ?? null },
        BULK_MAX,
      );
      return { tags };
    },
  });

  api.add({
    method: 'POST',
    path: '/tags/wrangle',
    summary: `Apply one wrangling action to up to ${BULK_MAX} tags, all or nothing (wranglers only)`,
    tag: 'Tags',
    auth: 'token',
    body: bulkWrangleSchema,
    response: z.object({
      action: z.string(),
      tags: z.array(tagOut),
      targets: z.array(z.string()),
      message: z.string(),
    }),
    handler: async ({ viewer, body }) => bulkWrangle(ctx, viewer!, body),
  });
}
