import { z } from 'zod';
import type { ApiRegistry } from '../../api/api-registry.ts';
import type { AppContext } from '../../context.ts';
import { AUTOCOMPLETE_TYPES, suggestTags } from './tags.autocomplete.repository.ts';

/** The tag API: the same suggestions the posting form's autocomplete shows. */
export function tagsApi(api: ApiRegistry, ctx: AppContext) {
  api.add({
    method: 'GET',
    path: '/tags/autocomplete',
    summary: 'Tags matching what is being typed: canonical and prefix matches first, by use',
    tag: 'Tags',
    auth: 'optional',
    query: z.object({
      type: z.enum(AUTOCOMPLETE_TYPES, {
        error: 'Choose a tag type: fandom, relationship, character or freeform.',
      }),
      q: z
        .string({ error: 'Type part of a tag.' })
        .trim()
        .min(1, 'Type part of a tag.')
        .max(100, 'Type at most 100 characters.'),
    }),
    response: z.object({
      tags: z.array(z.object({ name: z.string(), uses: z.number(), canonical: z.boolean() })),
    }),
    handler: async ({ viewer, query }) => ({ tags: await suggestTags(ctx.db, viewer, query.type, query.q) }),
  });
}
