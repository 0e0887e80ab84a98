import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords } from '../../lib/word-count.ts';
import { parsePost } from './header-parser.ts';
import { SEED_POST as SEED } from '../../../test/seed.ts';

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
    assert.ok(work.notes?.startsWith("What? I'm done? How can that be? (Incidentally"));
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
    assert.equal(work.body.text.split('\n\n').length, 18);
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
