import { z } from 'zod';

/**
 * What forms and the JSON API send: one schema per action, shared by both (the route parses, the
 * service validates again, so a service called from a job or a test gets the same rules).
 */

/** A checkbox ('1', 'on') or a JSON boolean; absent is false. */
const flag = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());
/** A checkbox that is on unless sent as off (the reply form's "bump" is ticked by default). */
const flagOn = z.preprocess(
  (v) => (v === undefined ? true : v === true || v === '1' || v === 'on' || v === 'true'),
  z.boolean(),
);
const id = z.coerce.number().int().min(1);
/** Ids from a checkbox group (one string or many) or a JSON array. */
const ids = (what: string, max: number) =>
  z.preprocess(
    (v) =>
      [v]
        .flat()
        .flatMap((item) => (typeof item === 'string' ? item.split(/[\s,]+/) : [item]))
        .filter((item) => item !== undefined && item !== ''),
    z.array(z.coerce.number().int().min(1, `Choose ${what}.`)).max(max, `At most ${max} ${what}.`),
  );

/** What a post may hold once sanitized. */
export const POST_LIMIT = 100_000;

export const BOARD_ACCESS = ['public', 'members', 'read-only'] as const;

export const boardSchema = z.object({
  name: z.string().trim().min(1, 'Name the board.').max(100, 'A board’s name: at most 100 characters.'),
  description: z.string().trim().max(1000, 'The description: at most 1,000 characters.').default(''),
  access: z.enum(BOARD_ACCESS, { error: 'Access is public, members or read-only.' }).default('public'),
  moderated: flag.default(false),
  /** A category by name (made if new; "General" when empty). */
  category: z.string().trim().max(100, 'A category’s name: at most 100 characters.').default(''),
  /** A community's name: the board is that community's (its maintainers make boards). */
  community: z.string().trim().max(40).default(''),
});
export type BoardInput = z.infer<typeof boardSchema>;

const body = z
  .string({ error: 'Write something.' })
  .max(POST_LIMIT * 2, `A post: at most ${POST_LIMIT.toLocaleString('en')} characters.`)
  .refine((s) => s.trim() !== '', 'Write something.');

export const threadSchema = z.object({
  title: z
    .string({ error: 'Give the thread a title.' })
    .trim()
    .min(1, 'Give the thread a title.')
    .max(200, 'A title: at most 200 characters.'),
  body,
});
export type ThreadInput = z.infer<typeof threadSchema>;

export const replySchema = z.object({
  body,
  /** Moderators may reply without lifting the thread; everyone else always bumps. */
  bump: flagOn.default(true),
});
export type ReplyInput = z.infer<typeof replySchema>;

export const editPostSchema = z.object({ body });

export const titleSchema = threadSchema.pick({ title: true });

export const linkThreadsSchema = z.object({
  threads: ids('threads', 20),
  /** Chapter replies carry the chapter's text, not only its header and a link. */
  withText: flag.default(false),
});
export type LinkThreadsInput = z.infer<typeof linkThreadsSchema>;

export const reportSchema = z.object({
  reason: z
    .string({ error: 'Say what is wrong with the post.' })
    .trim()
    .min(1, 'Say what is wrong with the post.')
    .max(1000, 'A reason: at most 1,000 characters.'),
});

export const moveThreadSchema = z.object({ board: id });
export const splitSchema = z.object({ posts: ids('posts', 500), title: threadSchema.shape.title });
export const mergeSchema = z.object({ into: id });
export const movePostsSchema = z.object({ posts: ids('posts', 500), into: id });

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
