import type { Rating } from '../../works/works.vocabulary.ts';
import { type CountRange, intersect, parseRange, ratingName, yesNo } from './query-values.ts';
import { hasSearchWord } from './search-text.ts';

export type { CountRange } from './query-values.ts';

/**
 * A reader's search, parsed. Words must all match (AND); "quoted phrases" match as written;
 * -word and -"phrase" exclude. Qualifiers (any case, repeatable): fandom:, tag:, creator:,
 * title: (text restricted to that field; quote values with spaces: fandom:"Harry Potter"),
 * rating: (general, teen, mature, explicit, "not rated" or AO3's names), complete:yes|no,
 * lang:, and counts words/kudos/hits/comments/bookmarks as words>5000, words<=100,
 * words:1000-5000, words:5k. The text parts are for the search index; rating, complete, lang
 * and the counts are conditions for the caller's filters.
 */
export interface SearchQuery {
  /** Plain words (NFKC, lower case): all must match. */
  terms: string[];
  phrases: string[];
  /** Words and phrases that must not match. */
  excluded: string[];
  fields: SearchFields;
  /** Things the reader should be told, e.g. 'Unclosed quote; read to the end.' */
  problems: string[];
}

export interface SearchFields {
  /** Lower case, spaces collapsed (like tags' name_key). */
  fandom: string[];
  tag: string[];
  creator: string[];
  title: string[];
  /** AO3's rating names: any of them. */
  rating: Rating[];
  complete?: boolean;
  /** Lower case, as typed (e.g. 'en', 'pt-br'). */
  lang?: string;
  words?: CountRange;
  kudos?: CountRange;
  hits?: CountRange;
  comments?: CountRange;
  bookmarks?: CountRange;
}

export const MAX_QUERY_LENGTH = 1000;
const MAX_PROBLEMS = 10;

type TextField = 'fandom' | 'tag' | 'creator' | 'title';
type CountField = 'words' | 'kudos' | 'hits' | 'comments' | 'bookmarks';
type Qualifier = TextField | CountField | 'rating' | 'complete' | 'lang';

const QUALIFIERS: Record<string, Qualifier> = {
  fandom: 'fandom',
  fandoms: 'fandom',
  tag: 'tag',
  tags: 'tag',
  creator: 'creator',
  author: 'creator',
  by: 'creator',
  title: 'title',
  rating: 'rating',
  complete: 'complete',
  completed: 'complete',
  lang: 'lang',
  language: 'lang',
  words: 'words',
  kudos: 'kudos',
  hits: 'hits',
  comments: 'comments',
  bookmarks: 'bookmarks',
};
const COUNT_FIELDS = new Set<Qualifier>(['words', 'kudos', 'hits', 'comments', 'bookmarks']);
const QUALIFIED = /^([a-z]+)(>=|<=|:|=|>|<)(.*)$/s;
const SPACE = /\s/;

/** Reads a query. Pure and linear; never throws; reads at most MAX_QUERY_LENGTH characters. */
export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = {
    terms: [],
    phrases: [],
    excluded: [],
    fields: { fandom: [], tag: [], creator: [], title: [], rating: [] },
    problems: [],
  };
  const note = (problem: string) => {
    if (query.problems.length < MAX_PROBLEMS && !query.problems.includes(problem)) {
      query.problems.push(problem);
    }
  };
  let text = typeof input === 'string' ? input : '';
  if (text.length > MAX_QUERY_LENGTH) {
    text = text.slice(0, MAX_QUERY_LENGTH).replace(/[\ud800-\udbff]$/, '');
    note(`Searches are limited to ${MAX_QUERY_LENGTH.toLocaleString('en')} characters; read the first ones.`);
  }
  text = text.normalize('NFKC');

  let i = 0;
  /** A quoted string starting at the quote at `i`; moves `i` past its closing quote. */
  const quoted = (): string => {
    const close = text.indexOf('"', i + 1);
    const inside = text.slice(i + 1, close < 0 ? text.length : close);
    if (close < 0) note('Unclosed quote; read to the end.');
    i = close < 0 ? text.length : close + 1;
    return inside;
  };

  while (i < text.length) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    const negated = text[i] === '-';
    if (negated) i++;
    if (text[i] === '"') {
      const phrase = clean(quoted());
      if (phrase) (negated ? query.excluded : query.phrases).push(phrase);
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== '"' && !SPACE.test(text[i]!)) i++;
    let word = text.slice(start, i);
    // A qualifier whose value is quoted: fandom:"Harry Potter".
    const qualifierWithQuote = text[i] === '"' && /^[a-z]+(>=|<=|:|=|>|<)$/i.test(word);
    const quotedValue = qualifierWithQuote ? quoted() : undefined;
    if (quotedValue !== undefined) word += quotedValue;
    readWord(query, word, negated, quotedValue !== undefined, note);
  }
  return deduplicated(query);
}

function deduplicated(query: SearchQuery): SearchQuery {
  const unique = <T>(list: T[]) => [...new Set(list)];
  const { fields } = query;
  return {
    ...query,
    terms: unique(query.terms),
    phrases: unique(query.phrases),
    excluded: unique(query.excluded),
    fields: {
      ...fields,
      fandom: unique(fields.fandom),
      tag: unique(fields.tag),
      creator: unique(fields.creator),
      title: unique(fields.title),
      rating: unique(fields.rating),
    },
  };
}

/** Lower case, spaces collapsed; '' when there is nothing searchable in it. */
function clean(text: string): string {
  const value = text.toLowerCase().replace(/\s+/g, ' ').trim();
  return hasSearchWord(value) ? value : '';
}

function readWord(
  query: SearchQuery,
  word: string,
  negated: boolean,
  quotedValue: boolean,
  note: (problem: string) => void,
) {
  if (word === '') return;
  const match = QUALIFIED.exec(word.toLowerCase());
  const name = match?.[1];
  if (!match || !name || (!quotedValue && match[3] === '' && match[2] !== ':')) {
    plainWord(query, word, negated, note);
    return;
  }
  const qualifier = Object.hasOwn(QUALIFIERS, name) ? QUALIFIERS[name] : undefined;
  if (!qualifier) {
    note(`Unknown qualifier “${name}${match[2]}”; searched for it as words.`);
    plainWord(query, word, negated, note);
    return;
  }
  if (negated) {
    note(`“-${name}:” cannot exclude; left it out of the search.`);
    return;
  }
  const [, , operator, rawValue] = match as unknown as [string, string, string, string];
  const value = rawValue.replace(/\s+/g, ' ').trim();
  if (value === '') {
    note(`“${name}${operator}” needs a value; left it out of the search.`);
  } else if (COUNT_FIELDS.has(qualifier)) {
    const range = parseRange(operator, value.replace(/\s/g, ''));
    if (!range) {
      note(`“${word}” is not a number or range (e.g. ${name}>1000, ${name}:1000-5000); ignored.`);
      return;
    }
    const field = qualifier as CountField;
    const merged = intersect(query.fields[field], range);
    if (merged.from !== undefined && merged.to !== undefined && merged.from > merged.to) {
      note(`No work can match all the “${name}” conditions.`);
    }
    query.fields[field] = merged;
  } else if (operator !== ':' && operator !== '=') {
    note(`Use “${name}:”, not “${name}${operator}”; searched for it as words.`);
    plainWord(query, word, negated, note);
  } else if (qualifier === 'rating') {
    const rating = ratingName(value);
    if (!rating)
      note(`Unknown rating “${value}”; ignored. Ratings: general, teen, mature, explicit, not rated.`);
    else query.fields.rating.push(rating);
  } else if (qualifier === 'complete') {
    const complete = yesNo(value);
    if (complete === undefined) note(`“complete:” takes yes or no; ignored “${value}”.`);
    else query.fields.complete = complete;
  } else if (qualifier === 'lang') {
    query.fields.lang = value;
  } else {
    const text = clean(value);
    if (text) query.fields[qualifier as TextField].push(text);
  }
}

function plainWord(query: SearchQuery, word: string, negated: boolean, note: (problem: string) => void) {
  if (word === 'OR') {
    note('OR is not supported: every word must match.');
    return;
  }
  if (word === 'AND') return;
  const term = clean(word);
  if (term) (negated ? query.excluded : query.terms).push(term);
}
