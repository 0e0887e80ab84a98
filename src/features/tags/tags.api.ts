import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { suggestTags } from '../browse/tag-suggestions.ts';
import { autocompleteQuerySchema } from './tags.autocomplete.schema.ts';

/** The tag API: the same suggestions the posting form's autocomplete shows. */
export function tagsApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/tags/autocomplete',
    summary: 'Tags matching what is being typed: canonical and prefix matches first, by use',
    tag: 'Tags',
    auth: 'optional',
    query: autocompleteQuerySchema,
    response: z.object({
      tags: z.array(z.object({ name: z.string(), uses: z.number(), canonical: z.boolean() })),
    }),
    handler: async ({ viewer, query }) => ({ tags: await suggestTags(ctx, viewer, query.type, query.q) }),
  });
}
