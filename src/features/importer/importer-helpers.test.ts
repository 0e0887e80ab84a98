import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDateLine } from './dates.ts';
import { readClaimedCount, splitRelationships, splitTopLevel } from './fields.ts';
import { readNumeral, readTitleParts, romanToNumber } from './series.ts';
import { ARCHIVE_WARNINGS, mapWarnings, RATINGS, readRating } from './vocabulary.ts';

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
    assert.deepEqual(
      mapWarnings(['Graphic depictions of violence', 'character death', 'soul-crushing angst']),
      {
        archive: ['Graphic Depictions Of Violence', 'Major Character Death'],
        additional: ['soul-crushing angst'],
        problems: [],
      },
    );
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
    assert.deepEqual(splitRelationships('Lex/Lana, Clark/Chloe', false).relationships, [
      'Lex/Lana',
      'Clark/Chloe',
    ]);
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
    assert.deepEqual(readTitleParts('Stay (1/6)'), {
      base: 'Stay',
      part: null,
      chapter: 1,
      total: 6,
      chapterTitle: null,
    });
    assert.deepEqual(readTitleParts('Stay [2/?]'), {
      base: 'Stay',
      part: null,
      chapter: 2,
      total: null,
      chapterTitle: null,
    });
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

describe('import files', () => {
  it('decodes the encoding an export declares, and falls back to Windows-1252', async () => {
    const { readImportBytes } = await import('./import-file.ts');
    const cp1251 = Uint8Array.from([
      ...Buffer.from('<?xml version="1.0" encoding="windows-1251"?><livejournal><entry><subject>'),
      0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, // "Привет"
      ...Buffer.from('</subject></entry></livejournal>'),
    ]); // prettier-ignore
    assert.match(readImportBytes(cp1251), /<subject>Привет<\/subject>/);
    assert.equal(readImportBytes(Uint8Array.from([0x63, 0x61, 0x66, 0xe9])), 'café');
    assert.equal(readImportBytes(Buffer.from('\uFEFFTitle: x')), 'Title: x');
  });
});
