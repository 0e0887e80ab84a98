import type { SearchDoc } from './search-plan.ts';
import { searchWords } from './search-text.ts';

/**
 * A tsvector may hold at most 1 MB of lexemes and positions, and to_tsvector fails beyond it.
 * Ordinary prose stays far below (a 175,000-word novel is about 0.5 MB: a few thousand distinct
 * words, each keeping at most 256 positions), but a body of many distinct made-up words would
 * not, so body words stop being added once this estimate is reached. The estimate counts, per
 * distinct word, its UTF-8 bytes plus 9 bytes of entry, alignment and position count, and
 * 2 bytes per position up to 256: more than PostgreSQL actually stores.
 */
export const TSVECTOR_BUDGET_BYTES = 900_000;
const MAX_POSITIONS = 256;

/** The text of each tsvector part, as space-separated search words, within the budget. */
export function tsvectorTexts(doc: SearchDoc) {
  const title = searchWords(doc.title);
  const tags = doc.tags.flatMap(searchWords);
  const creators = doc.creators.flatMap(searchWords);
  const summaryAndNotes = [...searchWords(doc.summary), ...searchWords(doc.notes)];
  const budget = new TsvectorBudget();
  for (const words of [title, tags, creators, summaryAndNotes]) budget.addAll(words);
  const body = searchWords(doc.body);
  const fits = budget.addAll(body);
  return {
    title: title.join(' '),
    tagsAndCreators: [...tags, ...creators].join(' '),
    summaryAndNotes: summaryAndNotes.join(' '),
    body: body.slice(0, fits).join(' '),
    tags: tags.join(' '),
    creators: creators.join(' '),
  };
}

/** Words added while the tsvector they make stays under TSVECTOR_BUDGET_BYTES. */
export class TsvectorBudget {
  private positions = new Map<string, number>();
  private bytes = 0;

  /** Adds words while they fit; returns how many did. */
  addAll(words: string[]): number {
    for (let i = 0; i < words.length; i++) {
      if (!this.add(words[i]!)) return i;
    }
    return words.length;
  }

  private add(word: string): boolean {
    const seen = this.positions.get(word) ?? 0;
    const cost = (seen === 0 ? Buffer.byteLength(word) + 9 : 0) + (seen < MAX_POSITIONS ? 2 : 0);
    if (this.bytes + cost > TSVECTOR_BUDGET_BYTES) return false;
    this.bytes += cost;
    this.positions.set(word, seen + 1);
    return true;
  }
}
