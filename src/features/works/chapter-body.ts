import type { SafeHtml } from '../../lib/safe-html.ts';
import { htmlOrText, plainTextToHtml, sanitize } from '../../lib/sanitize.ts';
import { countWords } from '../../lib/word-count.ts';

/** A chapter body as stored: sanitized once, counted once (the one word-count function). */
export function prepareBody(body: string, format: 'html' | 'text'): { html: SafeHtml; wordCount: number } {
  const html = format === 'text' ? plainTextToHtml(body) : sanitize(body);
  return { html, wordCount: countWords(html) };
}

/** Summaries and notes accept HTML or plain text, like pseud descriptions. */
export function prepareNote(text: string): SafeHtml {
  return text.trim() === '' ? ('' as SafeHtml) : htmlOrText(text);
}

/** A backdate (`2006-01-21` or a full ISO instant) as an instant; dates are noon UTC so they read the same everywhere. */
export function backdate(value: string | undefined, now: string): string {
  if (!value) return now;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : new Date(value).toISOString();
  return iso > now ? now : iso;
}
