import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePost, type ParsedPost } from './header-parser.ts';
import { ARCHIVE_WARNINGS, RATINGS } from './vocabulary.ts';

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
    if (r < 0.02) parts.push('x'.repeat(Math.floor(rand() * 8000)));
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
      for (const format of ['auto', i % 2 ? 'text' : 'html'] as const) {
        let post: ParsedPost;
        try {
          post = parsePost(input, { format });
        } catch (err) {
          assert.fail(`case ${i} (${format}) threw: ${String(err)}`);
        }
        assert.ok(
          !post.problems.some((p) => p.startsWith('The post could not be read')),
          `case ${i} (${format})`,
        );
        assertShape(post);
      }
    }
  });

  it('takes anything at all without throwing', () => {
    const odd: unknown[] = ['', ' ', '\n'.repeat(1000), '<', '</p>', '<b'.repeat(1000), null, undefined, 42];
    for (const input of odd) assertShape(parsePost(input as string));
    assertShape(parsePost('Title: x', null as never));
    const hostile = { toString: () => assert.fail('boom') };
    assert.equal(parsePost(hostile as never).works.length, 0);
  });
});
