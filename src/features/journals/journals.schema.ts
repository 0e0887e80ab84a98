import { z } from 'zod';

/** A checkbox ('1', 'on') or a JSON boolean. */
const flag = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());

const short = (what: string, max = 100) =>
  z.string().trim().max(max, `${what}: at most ${max} characters.`).default('');

/** Tags as a comma-separated field or a JSON array; the same names in any case are one tag. */
const tagList = z
  .preprocess(
    (value) => {
      if (value === undefined || value === '') return [];
      const items = Array.isArray(value) ? value : String(value).split(',');
      return items.map((item) => String(item).trim()).filter(Boolean);
    },
    z.array(z.string().max(100, 'Each tag: at most 100 characters.')).max(50, 'At most 50 tags on an entry.'),
  )
  .default([]);

export const ENTRY_SECURITY_HELP = 'public, access, private or filter:NAME';

export const COMMENT_MODES = ['enabled', 'disabled'] as const;
export const SCREENING = ['none', 'guests', 'nonaccess', 'all'] as const;
export const COMMENTERS = ['everyone', 'registered', 'access'] as const;
export const THEMES = ['parchment', 'night'] as const;

/** An entry, from the posting form and from `POST /api/v1/journals/:name/entries` alike. */
export const entrySchema = z.object({
  subject: short('The subject', 255),
  body: z
    .string({ error: 'Write the entry.' })
    .max(500_000, 'An entry: at most 500,000 characters.')
    .refine((s) => s.trim() !== '', 'Write the entry.'),
  format: z.enum(['html', 'text']).default('html'),
  tags: tagList,
  security: z
    .string()
    .trim()
    .regex(/^(public|access|private|filter:.{1,100})$/, `Security is one of: ${ENTRY_SECURITY_HELP}.`)
    .optional(),
  mood: short('Mood'),
  music: short('Music'),
  location: short('Location'),
  icon: z.string().trim().max(60).optional(),
  postedAt: z
    .string()
    .trim()
    .max(40)
    .optional()
    .refine((v) => !v || !Number.isNaN(Date.parse(v)), 'The date: YYYY-MM-DD, or a date and time.'),
  sticky: flag.default(false),
  adult: flag.default(false),
  comments: z.enum(COMMENT_MODES).optional(),
  screening: z.enum(SCREENING).optional(),
  commenters: z.enum(COMMENTERS).optional(),
});
export type EntryInput = z.infer<typeof entrySchema>;

/** A journal's own settings. */
export const journalSettingsSchema = z.object({
  title: z.string().trim().min(1, 'Give the journal a title.').max(100, 'The title: at most 100 characters.'),
  subtitle: short('The subtitle', 255),
  defaultSecurity: z.enum(['public', 'access', 'private']).default('public'),
  defaultComments: z.enum(COMMENT_MODES).default('enabled'),
  defaultScreening: z.enum(SCREENING).default('none'),
  defaultCommenters: z.enum(COMMENTERS).default('everyone'),
  theme: z.enum(THEMES, { error: `Choose a theme: ${THEMES.join(' or ')}.` }).default('parchment'),
});
export type JournalSettings = z.infer<typeof journalSettingsSchema>;

export const usernameSchema = z.object({
  username: z.string().trim().min(1, 'Type a username.').max(100),
});

export const accessFilterSchema = z.object({
  name: z.string().trim().min(1, 'Name the filter.').max(60, 'A filter name: at most 60 characters.'),
  members: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
});

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  tag: z.string().trim().max(100).optional(),
});

/**
 * The reading page's `?page=&filter=`: a bad page is page 1; a filter name is looked up, and one
 * that is no filter's is refused (never ignored: the unfiltered page would pass for the filter).
 */
export const readingQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  filter: z
    .string({ error: 'A filter is one name.' })
    .trim()
    .max(200, 'No reading filter has so long a name.')
    .optional(),
});
