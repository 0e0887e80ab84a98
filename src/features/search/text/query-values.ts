import type { Rating } from '../../works/works.vocabulary.ts';

/** An inclusive range of a count; either end may be open. */
export interface CountRange {
  from?: number;
  to?: number;
}

/** What people type for a rating (lower case, spaces collapsed) → AO3's rating name. */
const RATING_NAMES: Record<string, Rating> = {
  general: 'General Audiences',
  'general audiences': 'General Audiences',
  gen: 'General Audiences',
  g: 'General Audiences',
  teen: 'Teen And Up Audiences',
  'teen and up': 'Teen And Up Audiences',
  'teen and up audiences': 'Teen And Up Audiences',
  t: 'Teen And Up Audiences',
  mature: 'Mature',
  m: 'Mature',
  explicit: 'Explicit',
  e: 'Explicit',
  'not rated': 'Not Rated',
  notrated: 'Not Rated',
  'not-rated': 'Not Rated',
  unrated: 'Not Rated',
  nr: 'Not Rated',
};

export function ratingName(value: string): Rating | undefined {
  return Object.hasOwn(RATING_NAMES, value) ? RATING_NAMES[value] : undefined;
}

const YES = new Set(['yes', 'y', 'true', '1', 'complete', 'completed']);
const NO = new Set(['no', 'n', 'false', '0', 'incomplete', 'wip', 'in progress']);

export function yesNo(value: string): boolean | undefined {
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,3})?k?$/;

/** "5000", "5,000", "5k", "2.5k" → a whole number; anything else → undefined. */
export function parseCount(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const thousands = text.endsWith('k');
  const value = Number(text.replace(/[,k]/g, '')) * (thousands ? 1000 : 1);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * A count condition after its qualifier: the operator (`:`, `=`, `>`, `>=`, `<`, `<=`) and the
 * rest. After `:` or `=` the rest may itself start with a comparison (`words:>5000`) or be a
 * range (`1000-5000`, `1000-`, `-5000`) or one number (exactly that many).
 */
export function parseRange(operator: string, rest: string): CountRange | undefined {
  if (operator === ':' || operator === '=') {
    const compared = /^(>=|<=|>|<|=)(.*)$/.exec(rest);
    if (compared) return compare(compared[1]!, compared[2]!);
    const dash = rest.indexOf('-');
    if (dash < 0) {
      const n = parseCount(rest);
      return n === undefined ? undefined : { from: n, to: n };
    }
    const [a, b] = [rest.slice(0, dash), rest.slice(dash + 1)];
    if (a === '' && b === '') return undefined;
    const from = a === '' ? undefined : parseCount(a);
    const to = b === '' ? undefined : parseCount(b);
    if ((a !== '' && from === undefined) || (b !== '' && to === undefined)) return undefined;
    return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  return compare(operator, rest);
}

function compare(operator: string, rest: string): CountRange | undefined {
  const n = parseCount(rest);
  if (n === undefined) return undefined;
  switch (operator) {
    case '>':
      return { from: n + 1 };
    case '>=':
      return { from: n };
    case '<':
      return { to: Math.max(0, n - 1) };
    case '<=':
      return { to: n };
    default:
      return { from: n, to: n };
  }
}

/** Both conditions at once (`words>1000 words<5000`): the overlap of the two ranges. */
export function intersect(a: CountRange | undefined, b: CountRange): CountRange {
  const from = Math.max(a?.from ?? -Infinity, b.from ?? -Infinity);
  const to = Math.min(a?.to ?? Infinity, b.to ?? Infinity);
  return { ...(from !== -Infinity && { from }), ...(to !== Infinity && { to }) };
}
