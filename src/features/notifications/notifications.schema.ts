import { z } from 'zod';
import { NOTICE_KINDS } from './preferences.ts';

const kinds = NOTICE_KINDS.map((k) => k.kind) as [string, ...string[]];

/** The inbox's filters, from the page's query or the API's. */
export const inboxQuerySchema = z.object({
  kind: z.enum(kinds).optional().catch(undefined),
  unread: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1' || v === 'true'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** Marking read or unread: some notices, or all of them. */
export const markSchema = z
  .object({
    ids: z.array(z.number().int().positive()).max(500).optional(),
    all: z.boolean().optional(),
    read: z.boolean().default(true),
  })
  .refine((v) => v.all === true || (v.ids !== undefined && v.ids.length > 0), {
    message: 'Give the ids of the notifications, or "all": true.',
    path: ['ids'],
  });

const delivery = z.enum(['inbox', 'immediate', 'digest'], {
  error: 'Choose inbox only, e-mail at once, or a daily digest.',
});

/** The preferences form and the API: a delivery per event kind (kinds left out keep theirs). */
export const preferencesSchema = z.object(
  Object.fromEntries(NOTICE_KINDS.map((k) => [k.kind, delivery.optional()])) as Record<
    string,
    z.ZodOptional<typeof delivery>
  >,
);
