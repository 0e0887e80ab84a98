import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { countWords } from '../../lib/word-count.ts';
import { readDateLine } from './dates.ts';
import { readClaimedCount, splitRelationships, splitTopLevel } from './fields.ts';
import { parsePost, type ParsedPost } from './header-parser.ts';
import { readNumeral, readTitleParts, romanToNumber } from './series.ts';
import { ARCHIVE_WARNINGS, mapWarnings, RATINGS, readRating } from './vocabulary.ts';

const SEED = readFileSync(new URL('../../../../shared/fixtures/seed-post.txt', import.meta.url), 'utf8');

describe('parsePost: the seed post (golden)', () => {
  const post = parsePost(SEED);
  const work = post.works[0]!;

  it('reads the journal chrome', () => {
    assert.equal(post.source.journalTitle, "You might say I'm the most donest of all.");
    assert.equal(post.source.journalSubtitle, null);
    assert.equal(post.source.postedAt, '2006-01-21T19:20:00');
    assert.equal(post.source.postedAtPrecision, 'minute');
    assert.deepEqual(post.source.tags, ['symphony', 'fic']);
    assert.equal(post.source.poster, null);
    assert.equal(post.works.length, 1);
  });

  it('reads the header', () => {
    assert.equal(work.title, 'Symphony, Part V');
    assert.deepEqual(work.series, { title: 'Symphony', part: 5 });
    assert.equal(work.chapter, null);
    assert.equal(work.summary, 'Peace.');
    assert.deepEqual(work.fandoms, ['Smallville']);
    assert.deepEqual(work.rating, { raw: 'PG-13', value: 'Teen And Up Audiences' });
    assert.deepEqual(work.warnings.archive, []);
    assert.deepEqual(work.additionalTags, [
      'future AU (takes into account series up to Lexmas)',
      'soul-crushing angst',
    ]);
    assert.deepEqual(work.relationships, ['Lex/Lana']);
    assert.deepEqual(work.characters, []);
    assert.ok(work.notes?.startsWith('What? I\'m done? How can that be? (Incidentally'));
    assert.ok(work.notes?.endsWith('Not that I would ask anyone to bump for me. ::cough::)'));
    assert.equal(work.endNotes, null);
    assert.deepEqual(work.otherFields, {});
  });

  it('checks the claimed word count against its own count', () => {
    assert.equal(work.wordCount.claimed, 595);
    assert.equal(work.wordCount.counted, 594);
    assert.equal(work.wordCount.counted, countWords(work.body.html));
    assert.ok(work.problems.some((p) => p.includes('595') && p.includes('594')));
  });

  it('separates the story from header and chrome', () => {
    assert.ok(work.body.text.startsWith('Lex opens the door of the apartment over the Talon'));
    assert.ok(work.body.text.endsWith('she understands.'));
    assert.ok(!work.body.text.includes('symphony, fic'));
    assert.ok(!work.body.text.includes('Previous post'));
    assert.ok(work.body.html.startsWith('<p>Lex opens the door'));
    assert.ok(work.body.html.endsWith('she understands.</p>'));
    assert.equal(work.body.html.match(/<p>/g)?.length, 18);
    assert.equal(work.body.text.split("\n\n").length, 18);
  });

  it('gives confidences in 0..1 and asks about what is missing', () => {
    for (const [key, value] of Object.entries(work.confidence)) {
      assert.ok(value >= 0 && value <= 1, key);
    }
    assert.ok(work.confidence.title! >= 0.9);
    assert.ok(work.confidence.series! >= 0.9);
    assert.equal(work.confidence.authors, 0);
    assert.ok(work.problems.some((p) => /author/i.test(p)));
  });

  it('reads the same post given as HTML', () => {
    const html = SEED.split(/\n\s*\n/)
      .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>\n')}</p>`)
      .join('\n');
    const fromHtml = parsePost(html);
    const w = fromHtml.works[0]!;
    assert.equal(w.title, 'Symphony, Part V');
    assert.deepEqual(w.series, { title: 'Symphony', part: 5 });
    assert.equal(w.wordCount.counted, 594);
    assert.deepEqual(fromHtml.source.tags, ['symphony', 'fic']);
    assert.equal(fromHtml.source.postedAt, '2006-01-21T19:20:00');
    assert.equal(w.body.text, work.body.text);
  });
});

describe('vocabulary', () => {
  it('exports the exact rating and warning values', () => {
    assert.deepEqual(
      [...RATINGS],
      ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated'],
    );
    assert.equal(ARCHIVE_WARNINGS.length, 6);
    assert.ok(ARCHIVE_WARNINGS.includes('Rape/Non-Con'));
  });

  it('maps ratings', () => {
    const table: [string, string | null][] = [
      ['G', 'General Audiences'],
      ['K', 'General Audiences'],
      ['PG', 'General Audiences'],
      ['K+', 'General Audiences'],
      ['PG-13', 'Teen And Up Audiences'],
      ['pg13', 'Teen And Up Audiences'],
      ['T', 'Teen And Up Audiences'],
      ['Teen', 'Teen And Up Audiences'],
      ['Teen And Up Audiences', 'Teen And Up Audiences'],
      ['R', 'Mature'],
      ['M', 'Mature'],
      ['MA', 'Mature'],
      ['NC-17', 'Explicit'],
      ['NC17', 'Explicit'],
      ['X', 'Explicit'],
      ['E', 'Explicit'],
      ['Explicit', 'Explicit'],
      ['R for violence', 'Mature'],
      ['adult-ish', null],
      ['future AU', null],
    ];
    for (const [raw, value] of table) assert.equal(readRating(raw)?.value ?? null, value, raw);
  });

  it('sorts warnings into archive warnings and additional tags', () => {
    assert.deepEqual(mapWarnings(['Graphic depictions of violence', 'character death', 'soul-crushing angst']), {
      archive: ['Graphic Depictions Of Violence', 'Major Character Death'],
      additional: ['soul-crushing angst'],
      problems: [],
    });
    assert.deepEqual(mapWarnings(['Rape/Non-Con', 'non-con', 'rape', 'underage sex']).archive, [
      'Rape/Non-Con',
      'Underage Sex',
    ]);
    assert.deepEqual(mapWarnings(['No Archive Warnings Apply']).archive, ['No Archive Warnings Apply']);
    assert.deepEqual(mapWarnings(['none']).archive, ['No Archive Warnings Apply']);
    const mixed = mapWarnings(['none', 'death']);
    assert.deepEqual(mixed.archive, ['Major Character Death']);
    assert.equal(mixed.problems.length, 1);
  });
});

describe('field helpers', () => {
  it('splits on top-level commas only', () => {
    assert.deepEqual(splitTopLevel('PG-13, future AU (takes into account, series), angst'), [
      'PG-13',
      'future AU (takes into account, series)',
      'angst',
    ]);
    assert.deepEqual(splitTopLevel('a; b [c, d]'), ['a', 'b [c, d]']);
    assert.deepEqual(splitTopLevel('unbalanced ) , x ((('), ['unbalanced )', 'x (((']);
  });

  it('keeps one relationship whole and splits two', () => {
    assert.deepEqual(splitRelationships('Lex/Lana', false).relationships, ['Lex/Lana']);
    assert.deepEqual(splitRelationships('Lex/Lana, Clark/Chloe', false).relationships, ['Lex/Lana', 'Clark/Chloe']);
    assert.deepEqual(splitRelationships('Lex/Lana and Clark/Chloe', false).relationships, [
      'Lex/Lana',
      'Clark/Chloe',
    ]);
    assert.deepEqual(splitRelationships('Lex / Lana (implied Clark/Lana)', false).relationships, [
      'Lex/Lana (implied Clark/Lana)',
    ]);
    assert.deepEqual(splitRelationships('none', false).relationships, []);
    assert.deepEqual(splitRelationships('Clark, Lex; Clark/Lex', true), {
      relationships: ['Clark/Lex'],
      characters: ['Clark', 'Lex'],
      unclear: [],
    });
  });

  it('reads claimed word counts', () => {
    assert.deepEqual(readClaimedCount('595'), { claimed: 595, approximate: false });
    assert.deepEqual(readClaimedCount('1,234 words'), { claimed: 1234, approximate: false });
    assert.deepEqual(readClaimedCount('~2000'), { claimed: 2000, approximate: true });
    assert.deepEqual(readClaimedCount('~2,000'), { claimed: 2000, approximate: true });
    assert.deepEqual(readClaimedCount('2.5k'), { claimed: 2500, approximate: true });
    assert.deepEqual(readClaimedCount('about 1500-2000'), { claimed: 1750, approximate: true });
    assert.deepEqual(readClaimedCount('lots'), { claimed: null, approximate: false });
  });

  it('reads numerals and title parts', () => {
    assert.equal(romanToNumber('V'), 5);
    assert.equal(romanToNumber('xiv'), 14);
    assert.equal(romanToNumber('MCMXCIX'), 1999);
    assert.equal(romanToNumber('IIII'), null);
    assert.equal(romanToNumber('VX'), null);
    assert.equal(readNumeral('Five'), 5);
    assert.equal(readNumeral('twenty-one'), 21);
    assert.equal(readNumeral('12'), 12);
    assert.equal(readNumeral('of'), null);
    assert.deepEqual(readTitleParts('Symphony, Part V'), {
      base: 'Symphony',
      part: 5,
      chapter: null,
      total: null,
      chapterTitle: null,
    });
    assert.deepEqual(readTitleParts('Stay (1/6)'), { base: 'Stay', part: null, chapter: 1, total: 6, chapterTitle: null });
    assert.deepEqual(readTitleParts('Stay [2/?]'), { base: 'Stay', part: null, chapter: 2, total: null, chapterTitle: null });
    assert.deepEqual(readTitleParts('Chapter Three: The Reckoning'), {
      base: '',
      part: null,
      chapter: 3,
      total: null,
      chapterTitle: 'The Reckoning',
    });
    assert.equal(readTitleParts('A Part of Me, Pt. 2').part, 2);
    assert.equal(readTitleParts('The Part Where He Leaves').part, null);
  });

  it('reads journal dates without inventing a zone', () => {
    const table: [string, string | null][] = [
      ['Jan 21, 2006 19:20', '2006-01-21T19:20:00'],
      ['2006-01-21 19:20:00', '2006-01-21T19:20:00'],
      ['Jan. 21st, 2006|07:20 pm', '2006-01-21T19:20:00'],
      ['Saturday, January 21st, 2006 at 7:20 AM', '2006-01-21T07:20:00'],
      ['21 January 2006', '2006-01-21T00:00:00'],
      ['Feb 30, 2006 10:00', null],
      ['Lex opens the door at 7:20', null],
    ];
    for (const [line, iso] of table) assert.equal(readDateLine(line)?.iso ?? null, iso, line);
    assert.equal(readDateLine('Jan 21, 2006 19:20 UTC')?.zone, 'UTC');
  });
});

/** A deterministic generator (mulberry32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'Title:', 'TITLE -', 'Rating/Warnings:', 'Pairing(s):', 'A/N:', 'Word Count:', 'Summary', ':', '::', ' - ',
  '<b>', '</b>', '<strong>Title:</strong>', '<p>', '</p>', '<br>', '<hr>', '<lj-cut text="x">', '</lj-cut>',
  '<a name="cutid1">', '<a href="https://x.org/tag/fic">', '</a>', '<script>', '<!--', '-->', '<', '>', '&amp;',
  '&#x1F600;', '&bogus;', '***', '~*~', '---', '( Read more... )', '\n', '\n\n', '\r\n', '\t', ' ', ',', ';', '(',
  ')', '[', ']', '/', 'Lex/Lana', 'PG-13', 'NC-17', 'Part V', '(1/6)', 'Chapter 3', '2.5k', '~2,000', 'Jan 21, 2006 19:20',
  'Tags: a, b', 'Previous post Next post', '3 comments | Leave a comment', 'Link | Reply', 'by someone',
  'é', 'ß', '漢字', 'ありがとう', 'สวัสดี', '\u200d', '\u0000', '\ud800', '🏳️‍🌈', 'Ω', '\u202e', 'word', 'Lex opens the door.',
]; // prettier-ignore

function randomInput(rand: () => number): string {
  const parts: string[] = [];
  const n = Math.floor(rand() * 60);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.02) parts.push('x'.repeat(Math.floor(rand() * 20000)));
    else if (r < 0.04) parts.push(':'.repeat(Math.floor(rand() * 2000)));
    else if (r < 0.06) parts.push('<'.repeat(Math.floor(rand() * 2000)));
    else if (r < 0.1) parts.push(String.fromCharCode(Math.floor(rand() * 0xffff)));
    else parts.push(PIECES[Math.floor(rand() * PIECES.length)]!);
  }
  return parts.join(rand() < 0.5 ? '' : ' ');
}

function assertShape(post: ParsedPost): void {
  assert.equal(typeof post.source, 'object');
  assert.ok(Array.isArray(post.source.tags));
  assert.ok(post.source.postedAt === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/.test(post.source.postedAt));
  assert.ok(Array.isArray(post.works));
  assert.ok(Array.isArray(post.problems));
  for (const w of post.works) {
    assert.ok(RATINGS.includes(w.rating.value));
    for (const x of w.warnings.archive) assert.ok(ARCHIVE_WARNINGS.includes(x));
    for (const list of [w.authors, w.fandoms, w.relationships, w.characters, w.additionalTags, w.problems]) {
      assert.ok(Array.isArray(list) && list.every((s) => typeof s === 'string'));
    }
    assert.equal(typeof w.body.html, 'string');
    assert.equal(typeof w.body.text, 'string');
    assert.ok(!/<script/i.test(w.body.html));
    assert.ok(Number.isInteger(w.wordCount.counted) && w.wordCount.counted >= 0);
    for (const v of Object.values(w.confidence)) assert.ok(v >= 0 && v <= 1);
  }
}

describe('parsePost: fuzz', () => {
  it('never throws and always returns the shape, on 2,000 random inputs', () => {
    const rand = random(20060121);
    for (let i = 0; i < 2000; i++) {
      const input = randomInput(rand);
      for (const format of ['auto', 'text', 'html'] as const) {
        let post: ParsedPost;
        try {
          post = parsePost(input, { format });
        } catch (err) {
          assert.fail(`case ${i} (${format}) threw: ${String(err)}`);
        }
        assert.ok(!post.problems.some((p) => p.startsWith('The post could not be read')), `case ${i} (${format})`);
        assertShape(post);
      }
    }
  });

  it('takes anything at all without throwing', () => {
    const odd: unknown[] = ['', ' ', '\n'.repeat(1000), '<', '</p>', '<b'.repeat(1000), null, undefined, 42];
    for (const input of odd) assertShape(parsePost(input as string));
  });
});
