import { z } from 'zod';
import { WORK_SORTS } from './engine/types.ts';

/** A list parameter: repeated (`?tags=a&tags=b`) or comma-separated (`?tags=a,b`). */
const names = (max: number, what: string) =>
  z
    .preprocess(
      (value) => {
        if (value === undefined || value === '') return [];
        const items = Array.isArray(value) ? value : String(value).split(',');
        return items.map((item) => String(item).trim()).filter(Boolean);
      },
      z
        .array(z.string().max(150, `${what}: each at most 150 characters.`))
        .max(max, `${what}: at most ${max}.`),
    )
    .default([]);

const count = (what: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.coerce
      .number({ error: `${what} must be a number.` })
      .int(`${what} must be a whole number.`)
      .min(0, `${what} cannot be negative.`)
      .max(100_000_000)
      .optional(),
  );

const day = (what: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.iso.date({ error: `${what} must be a date, YYYY-MM-DD.` }).optional(),
  );

export const SORTS = WORK_SORTS;

/**
 * A listing's filters, the same in the page's URL and in `GET /api/v1/works`: bounded so no
 * request can ask for a slow query (at most 20 tags to include and 100 to exclude, page ≤ 5,000).
 */
export const browseQuerySchema = z.object({
  tags: names(20, 'Tags to include'),
  excludeTags: names(100, 'Tags to exclude'),
  rating: names(5, 'Ratings'),
  warnings: names(6, 'Warnings'),
  excludeWarnings: names(6, 'Warnings to exclude'),
  categories: names(6, 'Categories'),
  complete: z.enum(['true', 'false', '']).optional(),
  crossover: z.enum(['include', 'exclude', 'only']).default('include'),
  wordsFrom: count('Words from'),
  wordsTo: count('Words to'),
  updatedFrom: day('Updated from'),
  updatedTo: day('Updated to'),
  language: z.string().trim().max(20).optional(),
  q: z.string().trim().max(1000, 'Search text: at most 1,000 characters.').optional(),
  blocklist: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['on', 'off'], { error: 'blocklist is on or off.' }).optional(),
  ),
  sort: z.enum(SORTS, { error: `Sort by one of: ${SORTS.join(', ')}.` }).optional(),
  page: z.coerce
    .number({ error: 'The page must be a number.' })
    .int()
    .min(1, 'Pages start at 1.')
    .max(5000, 'At most page 5,000.')
    .default(1),
});
export type BrowseQuery = z.infer<typeof browseQuerySchema>;
