import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parsePost, type ParsedPost, type ParsedWork } from './header-parser.ts';

/** Shared by the header variant tables: a post around some header lines, and a runner. */

/** A post: a journal title, a date, then the given lines. */
export const post = (...lines: string[]): string =>
  ['Some Journal', '', 'Jan 21, 2006 19:20', '', ...lines].join('\n');
export const STORY = 'Lex opens the door.\n\nLana turns around.';

export interface Variant {
  name: string;
  input: string;
  format?: 'text' | 'html';
  check: (w: ParsedWork, p: ParsedPost) => void;
}

export const storyOnly = (w: ParsedWork): void =>
  assert.equal(w.body.text, 'Lex opens the door.\n\nLana turns around.');

export function runVariants(variants: Variant[]): void {
  for (const v of variants) {
    it(v.name, () => {
      const p = parsePost(v.input, v.format ? { format: v.format } : {});
      assert.ok(p.works.length >= 1, 'no work');
      v.check(p.works[0]!, p);
    });
  }
}
