import { z } from 'zod';
import { browseQuerySchema } from '../browse/browse.schema.ts';

export const MAX_NOTES = 5000;
export const MAX_TAGS = 75;
export const MAX_TAG_LENGTH = 150;

/** A checkbox (`1`, `on`, `true`) or a JSON boolean; missing is false. */
const flag = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());

/** Comma-separated (a form) or a list (JSON); trimmed, blanks dropped, one per name ignoring case. */
const bookmarkTags = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === '') return [];
    const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
    const seen = new Set<string>();
    return items
      .map((item) => item.trim().replace(/\s+/g, ' '))
      .filter((item) => item !== '' && !seen.has(item.toLowerCase()) && seen.add(item.toLowerCase()));
  },
  z
    .array(z.string().max(MAX_TAG_LENGTH, `Each tag can be at most ${MAX_TAG_LENGTH} characters.`))
    .max(MAX_TAGS, `At most ${MAX_TAGS} tags.`),
);

/** A bookmark, the same from the form and `POST /api/v1/works/:id/bookmarks`. */
export const bookmarkSchema = z.object({
  notes: z
    .string()
    .max(MAX_NOTES, `Notes can be at most ${MAX_NOTES.toLocaleString('en')} characters.`)
    .default(''),
  tags: bookmarkTags.default([]),
  private: flag.default(false),
  rec: flag.default(false),
});
export type BookmarkInput = z.infer<typeof bookmarkSchema>;

/** A listing's filters plus the bookmarker's own tags and "recs only". */
export const bookmarkQuerySchema = browseQuerySchema.extend({
  bookmarkTags: z
    .preprocess(
      (value) => {
        if (value === undefined || value === '') return [];
        const items = Array.isArray(value) ? value : String(value).split(',');
        return items.map((item) => String(item).trim()).filter(Boolean);
      },
      z.array(z.string().max(MAX_TAG_LENGTH)).max(20, 'Bookmarker’s tags: at most 20.'),
    )
    .default([]),
  recs: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z.enum(['true', 'false'], { error: 'recs is true or false.' }).optional(),
  ),
});
export type BookmarkQuery = z.infer<typeof bookmarkQuerySchema>;
