import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LjXmlError, parseLjXml } from './lj-xml.ts';

const LJ = readFileSync(new URL('./fixtures/livejournal-2006-01.xml', import.meta.url), 'utf8');
const doc = (...lines: string[]): string =>
  ['<?xml version="1.0"?>', '<livejournal>', ...lines, '</livejournal>'].join('\n');
/** 1-based line of src[idx]. */
const lineOf = (src: string, idx: number): number => src.slice(0, idx).split('\n').length;

/** Parses `xml`, expecting an LjXmlError at line:column whose message is "line L, column C: " + `reason`. */
function expectError(xml: string, line: number, column: number, reason: string | RegExp): LjXmlError {
  try {
    parseLjXml(xml);
  } catch (err) {
    assert.ok(err instanceof LjXmlError, `not an LjXmlError: ${String(err)}`);
    assert.deepEqual([err.line, err.column], [line, column], err.message);
    const prefix = `line ${line}, column ${column}: `;
    assert.ok(err.message.startsWith(prefix), err.message);
    if (typeof reason === 'string') assert.equal(err.message, prefix + reason);
    else assert.match(err.message.slice(prefix.length), reason);
    return err;
  }
  assert.fail('parsed without an error');
}

describe('malformed XML is an LjXmlError at the line of the problem', () => {
  it('an unclosed tag: the line where it was opened', () => {
    const xml = doc(
      '<entry>',
      '<itemid>1</itemid>',
      '<subject>Symphony, Part V',
      '<event>body</event>',
      '</entry>',
    );
    expectError(xml, 5, 1, '<subject> is never closed (</entry> at line 7, column 1 comes first)');
  });

  it('a mismatched end tag: the line of the end tag', () => {
    const xml = doc('<entry>', '<itemid>1</itemid>', '<subject>Symphony</subjcet>', '</entry>');
    expectError(xml, 5, 18, '</subjcet> does not match <subject> (opened at line 5, column 1)');
  });

  it('a bare "&" deep in an entry: its own line and column, not where saxes noticed', () => {
    const idx = LJ.indexOf('Lex/Lana');
    const xml = LJ.slice(0, idx) + 'Lex & Lana' + LJ.slice(idx + 'Lex/Lana'.length);
    const line = lineOf(xml, idx);
    assert.ok(line > 50);
    expectError(xml, line, 33, 'a bare "&" (found "&"): XML needs it written as "&amp;"');
  });

  it('an HTML entity XML does not know, and a character reference XML does not allow', () => {
    expectError(
      doc('<entry><itemid>1</itemid>', '  <event>a&nbsp;b</event></entry>'),
      4,
      11,
      'undefined entity "&nbsp;": XML knows only &amp; &lt; &gt; &quot; &apos; (write "&amp;nbsp;" or a numeric reference such as "&#160;")',
    );
    expectError(
      doc('<entry><itemid>1&#0;</itemid></entry>'),
      3,
      17,
      '"&#0;" refers to a character XML does not allow',
    );
    expectError(
      doc('<entry><itemid>1</itemid><subject>AT&T;</subject></entry>'),
      3,
      37,
      /^undefined entity "&T;"/,
    );
  });

  it('a control character', () => {
    expectError(
      doc('<entry>', '<subject>bell\u0007</subject>'),
      4,
      14,
      'character U+0007 is not allowed in XML',
    );
  });

  it('text after the root element', () => {
    expectError(`${LJ}\nThanks for exporting!\n`, 110, 1, /^text after the end of <livejournal>: /);
    expectError(`${LJ}<!-- done -->\n  Thanks!`, 110, 3, /^text after the end of <livejournal>: /);
    expectError(
      `${LJ}<livejournal>\n</livejournal>\n`,
      109,
      1,
      'a second element after the end of <livejournal>',
    );
    expectError(
      `${LJ}</livejournal>\n`,
      109,
      1,
      '</livejournal> closes nothing: <livejournal> has already ended',
    );
  });

  it('text before the root element', () => {
    const xml = '<?xml version="1.0"?>\n<!-- exported -->\nSubject: hi\n<livejournal></livejournal>';
    expectError(xml, 3, 1, /^text before the first element: /);
  });

  it('a truncated file: where it ends, naming the element left open', () => {
    const cut = LJ.indexOf('Lana is crying silently.') + 'Lana is crying'.length;
    const xml = LJ.slice(0, cut);
    const eventLine = lineOf(LJ, LJ.indexOf('<event>&lt;b&gt;Title'));
    const reason = `the file ends inside <event> (opened at line ${eventLine}, column 1): is it truncated?`;
    const err = expectError(xml, lineOf(xml, cut), 14, reason);
    assert.equal(err.line, 79);
    expectError(
      doc('<entry>', '<itemid>1</itemid>', '<subj').slice(0, -'\n</livejournal>'.length),
      5,
      5,
      /inside <entry>/,
    );
  });

  it('the same positions with a byte order mark and CRLF line ends', () => {
    const xml =
      '\uFEFF' +
      doc('<entry>', '<itemid>1</itemid>', '<subject>x</subjcet>', '</entry>').replace(/\n/g, '\r\n');
    expectError(xml, 5, 11, '</subjcet> does not match <subject> (opened at line 5, column 1)');
  });

  it('an empty file, or one with no element', () => {
    expectError('', 1, 1, 'the file is empty');
    expectError('<?xml version="1.0"?>\n<!-- nothing -->\n', 2, 16, 'the file holds no XML element');
  });
});
