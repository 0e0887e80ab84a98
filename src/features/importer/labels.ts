import type { Line } from './types.ts';

/** The header fields Quire reads; `other` is any other label, kept under its own name. */
export type FieldKey =
  | 'title'
  | 'authors'
  | 'fandoms'
  | 'rating'
  | 'ratingWarnings'
  | 'warnings'
  | 'relationships'
  | 'characters'
  | 'charactersRelationships'
  | 'additionalTags'
  | 'summary'
  | 'notes'
  | 'endNotes'
  | 'disclaimer'
  | 'spoilers'
  | 'beta'
  | 'prompt'
  | 'dedication'
  | 'wordCount'
  | 'series'
  | 'part'
  | 'chapter'
  | 'other';

const TABLE: [FieldKey, string[]][] = [
  ['title', ['title', 'story title', 'fic title', 'name of fic']],
  ['authors', ['author', 'authors', 'writer', 'writers', 'written by', 'by', 'pseud', 'creator']],
  ['fandoms', ['fandom', 'fandoms', 'universe', 'verse', 'canon', 'source', 'crossover']],
  ['rating', ['rating', 'rated', 'ratings']],
  [
    'ratingWarnings',
    ['rating/warnings', 'rating/warning', 'ratings/warnings', 'rating&warnings', 'rating and warnings'],
  ],
  [
    'warnings',
    ['warning', 'warnings', 'archive warnings', 'content warnings', 'content notes', 'trigger warnings'],
  ],
  [
    'relationships',
    ['pairing', 'pairings', 'relationship', 'relationships', 'ship', 'ships', 'pairing/relationship'],
  ],
  ['characters', ['character', 'characters', 'featuring', 'cast']],
  [
    'charactersRelationships',
    [
      'characters/pairing',
      'characters/pairings',
      'character/pairing',
      'pairing/characters',
      'pairings/characters',
      'characters/relationships',
      'characters&pairings',
      'characters and pairings',
    ],
  ],
  ['additionalTags', ['tags', 'additional tags', 'freeform', 'genre', 'genres', 'kinks', 'themes']],
  ['summary', ['summary', 'summery', 'blurb', 'description', 'synopsis']],
  [
    'notes',
    [
      'a/n',
      'an',
      'a.n.',
      "author's note",
      "author's notes",
      "authors' notes",
      'authors note',
      'authors notes',
      'author note',
      'author notes',
      'note',
      'notes',
    ],
  ],
  ['endNotes', ['end notes', 'end note', 'endnotes', 'closing notes', 'end a/n']],
  ['disclaimer', ['disclaimer', 'disclaimers']],
  ['spoilers', ['spoiler', 'spoilers', 'spoilers for', 'spoiler warning']],
  ['beta', ['beta', 'betas', 'beta reader', 'beta readers', "beta'd by", 'betaed by', 'beta-read by']],
  ['prompt', ['prompt', 'prompts', 'written for', 'challenge']],
  ['dedication', ['dedication', 'dedicated to', 'for']],
  ['wordCount', ['word count', 'wordcount', 'words', 'length', 'word-count', 'wc']],
  ['series', ['series', 'series title']],
  ['part', ['part', 'parts', 'part number', 'part #']],
  ['chapter', ['chapter', 'chapters', 'chapter number']],
];

const LABELS = new Map<string, FieldKey>();
for (const [key, names] of TABLE) for (const name of names) LABELS.set(name, key);

/** "Pairing(s)" → "pairings", "AUTHOR’S  NOTE" → "author's note", "Rating / Warnings" → "rating/warnings". */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\(s\)/g, 's')
    .replace(/[*_[\]]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([/&]) ?/g, '$1')
    .trim();
}

export function labelKey(label: string): FieldKey | null {
  return LABELS.get(normalizeLabel(label)) ?? null;
}

/** Labels strong enough to open a header on their own. */
export const OPENING: ReadonlySet<FieldKey> = new Set<FieldKey>([
  'title',
  'authors',
  'fandoms',
  'rating',
  'ratingWarnings',
  'relationships',
  'charactersRelationships',
  'summary',
  'wordCount',
  'series',
]);

export interface LabelledLine {
  key: FieldKey;
  /** The label as written, markup stripped ("Rating/Warnings"). */
  label: string;
  value: string;
}

/** How far into a line a label may reach. Only this much of a line is ever looked at here. */
const LABEL_REACH = 48;
const SEPARATORS = [':', ' - ', ' – ', ' — ', '—', '–', '::'];

function cleanLabel(raw: string): string {
  return raw
    .replace(/^[\s*_[\]#>~•·-]+/, '')
    .replace(/[\s*_[\]]+$/, '')
    .trim();
}

function cleanValue(raw: string): string {
  return raw.replace(/^[\s*_:]+/, '').trim();
}

/** A plausible label that is not in the table: 1–4 words, starting with a letter, no sentence marks. */
function plausibleOtherLabel(label: string): boolean {
  if (label.length < 2 || label.length > 32 || !/^\p{L}/u.test(label)) return false;
  if (/[.?!"“”,;()]/.test(label)) return false;
  return label.split(/\s+/).length <= 4;
}

/**
 * Reads `Label: value` (or `Label - value`, `<b>Label</b> value`) at the start of a line. Known labels
 * are accepted with a colon or a dash; other labels only with a colon and only when `allowOther`.
 */
export function readLabel(line: Line, allowOther: boolean): LabelledLine | null {
  if (line.kind !== 'text') return null;
  const text = line.text;
  const head = text.slice(0, LABEL_REACH);
  let best: { at: number; sep: string } | null = null;
  for (const sep of SEPARATORS) {
    const at = head.indexOf(sep);
    if (at > 0 && (best === null || at < best.at)) best = { at, sep };
  }
  if (best) {
    const label = cleanLabel(text.slice(0, best.at));
    const value = cleanValue(text.slice(best.at + best.sep.length));
    const key = labelKey(label);
    if (key) return { key, label, value };
    const colon = best.sep === ':' || best.sep === '::';
    if (allowOther && colon && !value.startsWith('//') && plausibleOtherLabel(label)) {
      return { key: 'other', label, value };
    }
  }
  if (line.boldPrefix) {
    const label = cleanLabel(line.boldPrefix.replace(/[:\-–—]\s*$/, ''));
    const key = labelKey(label);
    if (key) return { key, label, value: cleanValue(text.slice(line.boldPrefix.length)) };
  }
  return null;
}
