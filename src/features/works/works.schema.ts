import { z } from 'zod';
import { ARCHIVE_WARNINGS, CATEGORIES, LIMITS, RATINGS } from './works.vocabulary.ts';

/**
 * One schema for the posting form and `POST /api/v1/works`. Forms send strings (comma
 * lists, checkboxes); JSON sends arrays and booleans: both are accepted.
 */
const list = (value: unknown): string[] => {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter(Boolean);
};
const flag = (value: unknown) => value === true || value === '1' || value === 'on' || value === 'true';

/** A date or a date and time (ISO 8601); the length limit comes first, as for every input. */
const postedAt = z.string().max(40).pipe(z.iso.date().or(z.iso.datetime()));

const tagList = (what: string) =>
  z.preprocess(
    list,
    z
      .array(z.string().max(LIMITS.tag, `${what} can be at most ${LIMITS.tag} characters each.`))
      .max(LIMITS.tagsTogether, `${what}: at most ${LIMITS.tagsTogether}.`),
  );

const html = (what: string, max: number) =>
  z
    .string()
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters long.`)
    .default('');

/** Posting a work or a chapter can also announce it in journals (features/journals/announcements.ts). */
const announceFields = {
  announceJournal: z.preprocess(flag, z.boolean()).optional(),
  announceCommunities: z
    .preprocess(
      (v) =>
        v === undefined || v === ''
          ? []
          : (Array.isArray(v) ? v : String(v).split(',')).map((s) => String(s).trim()).filter(Boolean),
      z
        .array(z.string().max(40, 'A community name: at most 40 characters.'))
        .max(5, 'Announce in at most 5 communities.'),
    )
    .optional(),
  announceExcerpt: z.preprocess(flag, z.boolean()).optional(),
};
const ANNOUNCE_KEYS = { announceJournal: true, announceCommunities: true, announceExcerpt: true } as const;

export const chapterSchema = z.object({
  title: z
    .string()
    .trim()
    .max(LIMITS.chapterTitle, 'Chapter titles can be at most 255 characters long.')
    .default(''),
  summary: html('Chapter summaries', LIMITS.summary),
  notes: html('Chapter notes', LIMITS.notes),
  endNotes: html('Chapter end notes', LIMITS.notes),
  body: z
    .string({ error: 'Please write the chapter.' })
    .max(
      LIMITS.chapterBody,
      `A chapter can be at most ${LIMITS.chapterBody.toLocaleString('en')} characters long.`,
    )
    .refine((body) => body.trim() !== '', 'Please write the chapter.'),
  /** `text`: blank lines become paragraphs; `html` (default): sanitized HTML. */
  format: z.enum(['html', 'text']).default('html'),
  draft: z.preprocess(flag, z.boolean()).default(false),
  postedAt: z.preprocess((v) => (v === '' ? undefined : v), postedAt.optional()),
  ...announceFields,
});
export type ChapterInput = z.infer<typeof chapterSchema>;

const seriesSchema = z
  .object({
    id: z.coerce.number().int().positive().optional(),
    title: z.string().trim().max(LIMITS.title).optional(),
    part: z.coerce.number().int().min(1, 'Part numbers start at 1.').max(10_000).optional(),
  })
  .nullable()
  .default(null);

const workFields = z.object({
  title: z
    .string({ error: 'Please give the work a title.' })
    .trim()
    .min(1, 'Please give the work a title.')
    .max(LIMITS.title, `Titles can be at most ${LIMITS.title} characters long.`),
  pseudIds: z
    .preprocess(list, z.array(z.coerce.number().int().positive()).max(LIMITS.tagsTogether))
    .default([]),
  coCreators: tagList('Co-creator names').default([]),
  gifts: tagList('Gift recipients').default([]),
  rating: z.enum(RATINGS, { error: `Please choose a rating: ${RATINGS.join(', ')}.` }),
  warnings: z.preprocess(
    list,
    z
      .array(z.enum(ARCHIVE_WARNINGS, { error: 'Please choose archive warnings from the list.' }))
      .min(1, 'Please choose at least one archive warning (or “Creator Chose Not To Use Archive Warnings”).')
      .max(ARCHIVE_WARNINGS.length, 'Please choose archive warnings from the list.'),
  ),
  categories: z
    .preprocess(
      list,
      z
        .array(z.enum(CATEGORIES, { error: 'Please choose categories from the list.' }))
        .max(CATEGORIES.length, 'Please choose categories from the list.'),
    )
    .default([]),
  fandoms: tagList('Fandoms').pipe(z.array(z.string()).min(1, 'Please add at least one fandom.')),
  relationships: tagList('Relationships').default([]),
  characters: tagList('Characters').default([]),
  additionalTags: tagList('Additional tags').default([]),
  summary: html('Summaries', LIMITS.summary),
  notes: html('Notes', LIMITS.notes),
  endNotes: html('End notes', LIMITS.notes),
  language: z
    .string()
    .trim()
    .max(35, 'Please choose a language, such as “en” or “pt-BR”.')
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Please choose a language, such as “en” or “pt-BR”.')
    .default('en'),
  series: seriesSchema,
  restricted: z.preprocess(flag, z.boolean()).default(false),
  comments: z.enum(['everyone', 'registered', 'none']).default('everyone'),
  moderatedComments: z.preprocess(flag, z.boolean()).default(false),
  postedAt: z.preprocess((v) => (v === '' ? undefined : v), postedAt.optional()),
  expectedChapters: z.preprocess(
    (v) => (v === '' || v === '?' || v === undefined ? null : v),
    z.coerce.number().int().min(1, 'Expected chapters must be at least 1, or “?”.').max(10_000).nullable(),
  ),
  draft: z.preprocess(flag, z.boolean()).default(false),
  chapter: chapterSchema.omit({ draft: true, postedAt: true, ...ANNOUNCE_KEYS }),
  ...announceFields,
});

type TagFields = {
  fandoms: string[];
  relationships: string[];
  characters: string[];
  additionalTags: string[];
};
function tagLimit(work: TagFields, ctx: z.RefinementCtx) {
  const together =
    work.fandoms.length + work.relationships.length + work.characters.length + work.additionalTags.length;
  if (together > LIMITS.tagsTogether) {
    ctx.addIssue({
      code: 'custom',
      path: ['additionalTags'],
      message: `A work can have at most ${LIMITS.tagsTogether} fandom, relationship, character and additional tags together (this one has ${together}).`,
    });
  }
}

export const workSchema = workFields.superRefine(tagLimit);
export type WorkInput = z.infer<typeof workSchema>;

/** Editing a work: the same fields without its first chapter (chapters are edited on their own). */
export const workEditSchema = workFields
  .omit({ chapter: true, draft: true, ...ANNOUNCE_KEYS })
  .superRefine(tagLimit);
export type WorkEditInput = z.infer<typeof workEditSchema>;
