import { z } from 'zod';

/** What a comment may hold, as typed (HTML or plain text), in characters. */
export const COMMENT_LIMIT = 10_000;
/** Top-level comments (threads) a page; the flat view shows this many comments a page. */
export const THREADS_PER_PAGE = 25;

const id = z.coerce.number().int().min(1);
/** An optional id from a form (an empty string is "none") or JSON. */
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

const body = z
  .string({ error: 'Write a comment.' })
  .max(
    COMMENT_LIMIT,
    `A comment can hold at most ${COMMENT_LIMIT.toLocaleString('en')} characters. Shorten it, or split it into two comments.`,
  )
  .refine((s) => s.trim() !== '', 'Write a comment.');

/** A new comment or reply: the same schema for the form and the JSON API. */
export const commentSchema = z.object({
  body,
  parentId: optionalId,
  chapterId: optionalId,
  /** Guests only: the name their comment shows. */
  name: z.string().trim().max(50, 'A name: at most 50 characters.').default(''),
  /** Guests only, optional: never shown. */
  email: z
    .string()
    .trim()
    .max(254)
    .refine(
      (s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
      'That does not look like an e-mail address.',
    )
    .default(''),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const editCommentSchema = z.object({ body });

/** The comment section's address parameters. */
export const sectionQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  thread: z.coerce.number().int().min(1).optional().catch(undefined),
  view: z.enum(['threaded', 'flat']).catch('threaded').default('threaded'),
  reply: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type SectionQuery = z.infer<typeof sectionQuerySchema>;

/** The honeypot field: hidden from people by CSS, filled in by form-filling robots. */
export const HONEYPOT = 'website';
