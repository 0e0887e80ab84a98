import { z } from 'zod';

export const PSEUD_RULE =
  'Pseuds are 1 to 40 characters: letters, numbers, spaces, underscores, hyphens and full stops.';

export const pseudSchema = z.object({
  name: z
    .string({ error: 'Please give the pseud a name.' })
    .trim()
    .min(1, 'Please give the pseud a name.')
    .max(40, 'Pseuds can be at most 40 characters long.')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, PSEUD_RULE),
  description: z.string().max(2000, 'Descriptions can be at most 2,000 characters long.').default(''),
});
export type PseudInput = z.infer<typeof pseudSchema>;
