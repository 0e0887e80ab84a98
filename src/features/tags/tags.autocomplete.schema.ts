import { z } from 'zod';

/** The tag types people type freely on the posting form (the fixed vocabularies are choices). */
export const AUTOCOMPLETE_TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;
export type AutocompleteType = (typeof AUTOCOMPLETE_TYPES)[number];

/** What the autocomplete takes, for the posting form's look-ups and the API alike. */
export const autocompleteQuerySchema = z.object({
  type: z.enum(AUTOCOMPLETE_TYPES, {
    error: 'Choose a tag type: fandom, relationship, character or freeform.',
  }),
  q: z
    .string({ error: 'Type part of a tag.' })
    .trim()
    .min(1, 'Type part of a tag.')
    .max(100, 'Type at most 100 characters.'),
});
