import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_QUERY_LENGTH, parseSearchQuery, type SearchQuery } from './query-syntax.ts';

type Expected = Partial<Omit<SearchQuery, 'fields' | 'problems'>> & {
  fields?: Partial<SearchQuery['fields']>;
  problems?: RegExp[];
};

/** [input, what the parse holds; unlisted lists are empty, unlisted fields unset, no problems]. */
const CASES: [string, Expected][] = [
  ['', {}],
  ['   \t\n ', {}],
  ['Lex Luthor', { terms: ['lex', 'luthor'] }],
  ['lex LEX Lex', { terms: ['lex'] }],
  ['ﬁre Ｌｅｘ', { terms: ['fire', 'lex'] }],
  ['Café', { terms: ['café'] }],
  ['"Lex  Luthor" talon', { terms: ['talon'], phrases: ['lex luthor'] }],
  ['"unclosed phrase', { phrases: ['unclosed phrase'], problems: [/Unclosed quote/] }],
  ['-angst', { excluded: ['angst'] }],
  ['-"major character death" fluff', { terms: ['fluff'], excluded: ['major character death'] }],
  ['- lone', { terms: ['lone'] }],
  ['half-baked', { terms: ['half-baked'] }],
  ['fandom:Smallville', { fields: { fandom: ['smallville'] } }],
  ['FANDOM:"Harry  Potter" Fandom:smallville', { fields: { fandom: ['harry potter', 'smallville'] } }],
  ['tag:angst tags:"Future AU"', { fields: { tag: ['angst', 'future au'] } }],
  ['creator:ada author:Bob by:cy', { fields: { creator: ['ada', 'bob', 'cy'] } }],
  ['title:symphony', { fields: { title: ['symphony'] } }],
  ['rating:teen', { fields: { rating: ['Teen And Up Audiences'] } }],
  [
    'rating:"not rated" rating:Explicit rating:general rating:MATURE',
    { fields: { rating: ['Not Rated', 'Explicit', 'General Audiences', 'Mature'] } },
  ],
  ['rating:"Teen And Up Audiences" rating:t', { fields: { rating: ['Teen And Up Audiences'] } }],
  ['rating:pg13', { problems: [/Unknown rating “pg13”/] }],
  ['complete:yes', { fields: { complete: true } }],
  ['complete:FALSE', { fields: { complete: false } }],
  ['complete:maybe', { problems: [/complete:” takes yes or no/] }],
  ['lang:EN', { fields: { lang: 'en' } }],
  ['words>5000', { fields: { words: { from: 5001 } } }],
  ['words>=5,000 words<10000', { fields: { words: { from: 5000, to: 9999 } } }],
  ['words:1000-5000', { fields: { words: { from: 1000, to: 5000 } } }],
  ['words:<=2k', { fields: { words: { to: 2000 } } }],
  ['words:2.5k-', { fields: { words: { from: 2500 } } }],
  [
    'kudos>100 hits:500 comments<=3 bookmarks>=1',
    {
      fields: {
        kudos: { from: 101 },
        hits: { from: 500, to: 500 },
        comments: { to: 3 },
        bookmarks: { from: 1 },
      },
    },
  ],
  ['words>lots', { problems: [/“words>lots” is not a number/] }],
  ['words:5-3-1', { problems: [/not a number or range/] }],
  ['words>100 words<50', { fields: { words: { from: 101, to: 49 } }, problems: [/No work can match/] }],
  [
    'foo:bar baz',
    { terms: ['foo:bar', 'baz'], problems: [/^Unknown qualifier “foo:”; searched for it as words\.$/] },
  ],
  ['Re:Zero', { terms: ['re:zero'], problems: [/Unknown qualifier “re:”/] }],
  ['title:', { problems: [/“title:” needs a value/] }],
  ['title>x', { terms: ['title>x'], problems: [/Use “title:”/] }],
  ['-fandom:Smallville', { problems: [/cannot exclude/] }],
  ['lex OR lana', { terms: ['lex', 'lana'], problems: [/OR is not supported/] }],
  ['lex AND lana', { terms: ['lex', 'lana'] }],
  ['12:30 3.14', { terms: ['12:30', '3.14'] }],
  ['" * NEAR( - : ^ )', { phrases: ['* near( - : ^ )'], problems: [/Unclosed quote/] }],
  ['* NEAR( : ^ ) {title}', { terms: ['near(', '{title}'] }],
  ['fandom:"" tag:"!!"', { problems: [/“fandom:” needs a value/] }],
  ['-"" -', {}],
];

const EMPTY: SearchQuery = {
  terms: [],
  phrases: [],
  excluded: [],
  fields: { fandom: [], tag: [], creator: [], title: [], rating: [] },
  problems: [],
};

describe('parseSearchQuery', () => {
  for (const [input, expected] of CASES) {
    it(`reads ${JSON.stringify(input)}`, () => {
      const parsed = parseSearchQuery(input);
      const { problems = [], fields = {}, ...lists } = expected;
      assert.deepEqual(
        { ...parsed, problems: [] },
        { ...EMPTY, ...lists, fields: { ...EMPTY.fields, ...fields } },
      );
      assert.equal(parsed.problems.length, problems.length, parsed.problems.join(' | '));
      problems.forEach((p, i) => assert.match(parsed.problems[i]!, p));
    });
  }

  it('reads only the first 1,000 characters, and says so', () => {
    const parsed = parseSearchQuery(`${'a '.repeat(MAX_QUERY_LENGTH)}tail`);
    assert.deepEqual(parsed.terms, ['a']);
    assert.match(parsed.problems[0]!, /limited to 1,000 characters/);
  });

  it('never throws and stays fast on hostile input', () => {
    const hostile = [
      '"'.repeat(MAX_QUERY_LENGTH),
      '-'.repeat(5000),
      ':'.repeat(5000),
      'words:'.repeat(500),
      'a:"'.repeat(500),
      '!@#$%^&*()_+{}|:"<>?'.repeat(100),
      '\ud83d'.repeat(999) + 'x',
      'x'.repeat(999) + '\ud83d\ude00',
      'title:"' + 'x '.repeat(600),
      Array.from({ length: 400 }, (_, i) => `unknown${i}:x`).join(' '),
    ];
    const started = performance.now();
    for (const input of hostile) {
      const parsed = parseSearchQuery(input);
      assert.ok(parsed.problems.length <= 10);
    }
    assert.ok(performance.now() - started < 500, 'linear');
    assert.doesNotThrow(() => parseSearchQuery(undefined as unknown as string));
  });
});
