import type { Line } from './types.ts';

/**
 * Journal chrome: the parts of a journal page that are not the post's words. Links between entries,
 * comment links, the tag list, mood/music lines, crossposting footers. Everything here looks at one
 * short line at a time.
 */

/** Words that journal navigation and comment links are made of. */
const CHROME_WORDS = new Set([
  'previous', 'next', 'post', 'posts', 'entry', 'entries', 'comment', 'comments', 'leave', 'a', 'reply',
  'replies', 'link', 'thread', 'parent', 'edit', 'delete', 'freeze', 'unfreeze', 'screen', 'unscreen',
  'track', 'untrack', 'this', 'expand', 'collapse', 'share', 'flag', 'add', 'to', 'memories', 'tell',
  'friend', 'new', 'no', 'read', 'back', 'top', 'of', 'page', 'permalink', 'tags', 'edit', 'and',
  'log', 'in', 'up', 'unavailable', 'count', 'older', 'newer', 'home', 'view', 'all', 'show', 'hide',
]); // prettier-ignore
/** At least one of these must appear for a line of CHROME_WORDS to be chrome ("No." is a story line). */
const CHROME_CORE = /\b(previous|next|comments?|reply|link|memories|permalink|thread|entries|track)\b/;

/** Labelled journal fields, to keep in `source.otherFields` under a tidy name. */
const MOOD_LABELS = new Map([
  ['current mood', 'Mood'],
  ['mood', 'Mood'],
  ['current music', 'Music'],
  ['music', 'Music'],
  ['current location', 'Location'],
  ['location', 'Location'],
  ['current reading', 'Reading'],
  ['current watching', 'Watching'],
]);

/** Lines that are journal furniture around or after an entry; the story stops at the first. */
export function isChromeLine(text: string): boolean {
  if (!text || text.length > 160) return false;
  const lower = text.toLowerCase();
  if (
    /^(originally posted|crossposted|cross-posted|mirrored from|posted via|this entry was originally)\b/.test(
      lower,
    )
  )
    return true;
  if (/^\(?(post a new comment|leave a comment|add a comment|no comments)\b/.test(lower)) return true;
  const words = lower
    .replace(/[«»|•·,:()[\]<>\-–—/]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length < 2 || words.length > 16) return false;
  if (!CHROME_CORE.test(lower)) return false;
  return words.every((w) => CHROME_WORDS.has(w) || /^\d+$/.test(w));
}

/** "Current mood: sleepy" → ['Mood', 'sleepy']. */
export function readMoodLine(text: string): [string, string] | null {
  const colon = text.indexOf(':');
  if (colon < 0 || colon > 20) return null;
  const name = MOOD_LABELS.get(text.slice(0, colon).trim().toLowerCase());
  const value = text.slice(colon + 1).trim();
  return name && value ? [name, value] : null;
}

/** "Tags: symphony, fic" → ['symphony', 'fic']; null if the line is not a tag line. */
export function readTagsLabel(text: string): string[] | null {
  const m = /^(?:entry )?tags?\s*:\s*/i.exec(text.slice(0, 20));
  if (!m) return null;
  return splitTags(text.slice(m[0].length));
}

function splitTags(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The last words of a story, not a tag list, even when short and unpunctuated. */
const ENDINGS = /^(the end|end|fin|finis|finished|tbc|to be continued|continued|more soon)$/i;

/**
 * A bare tag line as journals print an entry's tags under it ("symphony, fic"): short items separated
 * by commas, with no sentence punctuation. `linked` (the items are links to tag pages) settles it.
 * Returns the tags and how sure this is.
 */
export function readBareTagLine(line: Line): { tags: string[]; confidence: number } | null {
  if (line.kind !== 'text' || line.text.length > 400) return null;
  const tags = splitTags(line.text);
  if (line.tagLinks && tags.length > 0) return { tags, confidence: 0.95 };
  if (tags.length === 0 || /[.!?…"“”]$/.test(line.text) || /[.!?]["”]?\s/.test(line.text)) return null;
  const plain = tags.every(
    (t) => t.length <= 50 && t.split(/\s+/).length <= 6 && /^[\p{L}\p{N}][\p{L}\p{N}\s'’&:/+-]*$/u.test(t),
  );
  if (!plain || ENDINGS.test(line.text.trim())) return null;
  if (tags.length >= 2) return { tags, confidence: 0.8 };
  // A single item: only a lower-case one ("fic") reads as a tag rather than a last line.
  return tags[0] === tags[0]?.toLowerCase() ? { tags, confidence: 0.6 } : null;
}
