import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkInput } from '../src/features/works/works.schema.ts';
import { workSchema } from '../src/features/works/works.schema.ts';

/**
 * The seed post: a LiveJournal entry carrying "Symphony, Part V". A copy of
 * `../shared/fixtures/seed-post.txt` kept in the repository, so a clone anywhere can run the tests.
 */
export const SEED_POST_FILE = fileURLToPath(new URL('fixtures/seed-post.txt', import.meta.url));
export const SEED_POST = fs.readFileSync(SEED_POST_FILE, 'utf8');

/** The story alone: the paragraphs between the header's A/N line and the entry's tag line. */
export function seedStoryText(): string {
  const lines = SEED_POST.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('A/N:')) + 1;
  const end = lines.findIndex((l) => l.trim() === 'symphony, fic');
  return lines
    .slice(start, end)
    .filter((l) => l.trim() !== '')
    .join('\n\n');
}

/** The seed story as a work, with its real metadata, ready for `postWork`. */
export function seedWorkInput(overrides: Record<string, unknown> = {}): WorkInput {
  return workSchema.parse({
    title: 'Symphony, Part V',
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['F/M'],
    fandoms: ['Smallville'],
    relationships: ['Lex Luthor/Lana Lang'],
    characters: ['Lex Luthor', 'Lana Lang'],
    additionalTags: ['Future AU (takes into account series up to Lexmas)', 'Soul-crushing angst'],
    summary: 'Peace.',
    notes: 'What? I’m done? How can that be?',
    series: { title: 'Symphony', part: 5 },
    postedAt: '2006-01-21',
    expectedChapters: 1,
    chapter: { body: seedStoryText(), format: 'text' },
    ...overrides,
  });
}
