import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isoTime, splitTags } from './entry-fields.ts';
import { decodeEntities, fieldText } from './field-text.ts';
import { type LjEntry, parseLjXml } from './lj-xml.ts';

const VARIANTS = readFileSync(new URL('./fixtures/variants.xml', import.meta.url), 'utf8');
const doc = (...lines: string[]): string =>
  ['<?xml version="1.0"?>', '<livejournal>', ...lines, '</livejournal>'].join('\n');

describe('variant shapes (fixtures/variants.xml)', () => {
  const { entries, journal, warnings } = parseLjXml(VARIANTS);
  const [e1, e2, e3, e4, e5] = entries as [LjEntry, LjEntry, LjEntry, LjEntry, LjEntry];

  it('takes the journal from the root, unless an entry says its own', () => {
    assert.equal(journal, 'symphonic_lex');
    assert.deepEqual(
      entries.map((e) => e.journal),
      ['symphonic_lex', 'symphonic_lex', 'other_journal', 'symphonic_lex', 'symphonic_lex'],
    );
    assert.equal(e3.poster, 'guest_writer');
  });

  it('keeps CDATA verbatim, decodes entities once, reads numeric references', () => {
    const cdata = '<p>Raw <b>HTML</b> in CDATA: &amp; stays &amp;, AT&T too, "quotes" stay.</p>';
    assert.equal(e1.event, `${cdata} and after it <br />`);
    assert.equal(e1.subject, '');
    assert.equal(e2.subject, 'Numeric refs: café — “quoted” 😀');
    assert.equal(e2.event, '&lt;b&gt; stays escaped once');
  });

  it('reads dates with a T or without seconds; an impossible date is null and a warning', () => {
    assert.equal(e1.eventtime, '2006-01-21T19:20:00');
    assert.equal(e1.logtime, null);
    assert.ok(warnings.includes('line 4: entry 1: unreadable <logtime> "0000-00-00 00:00:00"; left empty'));
  });

  it('reads <tags>, repeated <tag>, <tags><tag/></tags> and <props><taglist>', () => {
    assert.deepEqual(e1.tags, ['fic', 'symphony']);
    assert.deepEqual(e2.tags, ['Fic', 'smallville']);
    assert.deepEqual(e3.tags, ['a', 'b', 'c', 'd']);
  });

  it("maps friends/access to usemask (the friends bit when no mask is given), fails closed on what it can't read", () => {
    const table = entries.map((e) => [e.itemid, e.security, e.allowmask]);
    assert.deepEqual(table, [
      ['1', 'usemask', 1],
      ['2', 'usemask', 3],
      ['3', 'private', null],
      ['4', 'private', null],
      ['5', 'public', null],
    ]);
    assert.deepEqual(warnings.slice(1), [
      'line 25: entry 3: unknown security "custom"; treated as private',
      'line 34: entry 4: empty <security>; treated as private',
      'line 34: entry 4: unreadable allowmask "lots"; ignored',
      'line 40: entry 5: more than one <subject>; kept the first',
      'line 40: entry 5: unreadable allowmask "-1"; ignored',
    ]);
    assert.equal(e5.subject, 'first');
  });

  it('keeps unknown and empty elements in props, reads props children by name', () => {
    assert.deepEqual(e1.props, { comments_disabled: '1' });
    assert.equal(e1.mood, null);
    assert.equal(e3.location, 'Metropolis');
    assert.deepEqual(e3.props, { picture_keyword: 'lex: smirk' });
    assert.deepEqual(e4.props, {});
  });
});

describe('export-level checks', () => {
  it('warns about a repeated itemid and keeps the first', () => {
    const xml = doc(
      '<entry>',
      '<itemid>7</itemid><subject>first</subject>',
      '</entry>',
      '<entry><itemid>8</itemid></entry>',
      '<entry>',
      '<itemid> 7 </itemid><subject>second</subject>',
      '</entry>',
    );
    const { entries, warnings } = parseLjXml(xml);
    assert.deepEqual(
      entries.map((e) => [e.itemid, e.subject]),
      [
        ['7', 'first'],
        ['8', ''],
      ],
    );
    assert.ok(warnings.includes('line 7: entry 7 repeats the itemid of line 3; kept the first'));
  });

  it('warns when no entry of an export says its security, and when there are no entries', () => {
    const { entries, warnings } = parseLjXml(doc('<entry><itemid>1</itemid><event>x</event></entry>'));
    assert.equal(entries[0]?.security, 'public');
    assert.match(warnings[0] ?? '', /^no entry says its <security>, so all are read as public/);
    assert.deepEqual(parseLjXml(doc()), {
      entries: [],
      journal: null,
      warnings: ['the export holds no entries'],
    });
  });

  it('reads XML elements inside a field as XHTML markup, with a warning', () => {
    const xml = doc(
      '<entry>',
      '<itemid>1</itemid>',
      '<event>a &lt; b <p class="x">c &amp; d<br/></p></event>',
      '</entry>',
    );
    const { entries, warnings } = parseLjXml(xml);
    assert.equal(entries[0]?.event, 'a &lt; b <p class="x">c &amp; d<br/></p>');
    assert.deepEqual(warnings, [
      'line 3: entry 1: <event> holds XML elements, kept as HTML markup',
      'no entry says its <security>, so all are read as public: if the export left that field out, locked entries will be public',
    ]);
  });

  it('warns about elements and text outside any entry, and reads a <journal> element', () => {
    const xml = doc(
      '<journal>symphonic_lex</journal>',
      '<generator>x</generator>',
      '<entry><itemid>1</itemid>stray<security>private</security></entry>',
    );
    const { entries, journal, warnings } = parseLjXml(xml);
    assert.equal(journal, 'symphonic_lex');
    assert.equal(entries[0]?.journal, 'symphonic_lex');
    assert.deepEqual(warnings, [
      'line 4: ignored <generator> outside any entry',
      'line 5: entry 1: text outside any field was ignored',
    ]);
  });
});

describe('field readers', () => {
  it('reads LJ times and refuses impossible ones', () => {
    const table: [string, string | null][] = [
      ['2006-01-21 19:20:00', '2006-01-21T19:20:00'],
      ['2006-01-21T19:20', '2006-01-21T19:20:00'],
      ['2004-02-29 00:00:00', '2004-02-29T00:00:00'],
      ['2006-02-29 00:00:00', null],
      ['1900-02-29 12:00:00', null],
      ['2006-13-01 00:00:00', null],
      ['2006-01-21 24:00:00', null],
      ['2006-01-21 19:20:00Z', null],
      ['Jan 21, 2006', null],
    ];
    for (const [raw, iso] of table) assert.equal(isoTime(raw), iso, raw);
  });

  it('decodes entities once and normalises line ends, keeping CDATA verbatim', () => {
    assert.equal(decodeEntities('&amp;lt; &#38; &#x26; &#128512; &bogus; AT&T'), '&lt; & & 😀 &bogus; AT&T');
    assert.equal(fieldText('a\r\nb\rc&#13;<![CDATA[&amp;\r\n]]><?pi x?>', 'text'), 'a\nb\nc\r&amp;\n');
    assert.equal(fieldText('<tag>a</tag><tag><![CDATA[b&c]]></tag>', 'tags'), ',a,,b&c,');
    assert.equal(fieldText('x &lt; <i>y</i><![CDATA[<z>]]>', 'markup'), 'x &lt; <i>y</i>&lt;z&gt;');
  });

  it('splits, trims and deduplicates tags', () => {
    assert.deepEqual(splitTags(['fic,  symphony ,,Fic', ' lex   luthor ']), [
      'fic',
      'symphony',
      'lex luthor',
    ]);
  });
});
