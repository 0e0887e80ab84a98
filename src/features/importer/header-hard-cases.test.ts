import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { post, runVariants, storyOnly, STORY, type Variant } from './variants-support.ts';

/** Posts that trip up a naive reader. */
const hardVariants: Variant[] = [
  {
    name: 'paragraphs separated by single newlines: the notes do not swallow the story',
    input: [
      'Journal',
      'Jan 21, 2006 19:20',
      'Title: X',
      'A/N: hi there',
      ...'abcdefgh'.split('').map((c) => `Para ${c}.`),
    ].join('\n'),
    check: (w) => {
      assert.equal(w.notes, 'hi there');
      assert.equal(w.body.text.split('\n\n').length, 8);
      assert.ok(w.body.text.startsWith('Para a.'));
    },
  },
  {
    name: 'a story opening with "Something: …" is story, not an unknown label',
    input: post('Title: A', 'Rating: G', '', 'Later that day: the Talon was empty.', '', 'More story.'),
    check: (w) => {
      assert.deepEqual(w.otherFields, {});
      assert.equal(w.body.text, 'Later that day: the Talon was empty.\n\nMore story.');
    },
  },
  {
    name: 'no header at all: the subject is the title, the rest is story, and it says so',
    input: [
      'My Journal',
      'Jan 21, 2006 19:20',
      'A Subject',
      '',
      STORY,
      '',
      '2 comments | Leave a comment',
    ].join('\n'),
    check: (w, p) => {
      assert.equal(p.source.subject, 'A Subject');
      assert.equal(w.title, 'A Subject');
      storyOnly(w);
      assert.ok(p.problems.some((x) => x.includes('No fic header')));
    },
  },
  {
    name: 'HTML: a label paragraph followed by its value paragraph',
    input:
      '<p><b>Title:</b> Foo</p><p><b>Summary:</b></p><p>Lex and Lana try again.</p><p>Lex opens the door.</p>',
    check: (w) => {
      assert.equal(w.summary, 'Lex and Lana try again.');
      assert.equal(w.body.text, 'Lex opens the door.');
    },
  },
  {
    name: '"Chapter: 3/10" label',
    input: post('Title: Stay', 'Chapter: 3/10', '', STORY),
    check: (w) => assert.deepEqual(w.chapter, { number: 3, total: 10, title: null }),
  },
  {
    name: 'end notes after a divider at the end, and a bare tag line after them',
    input: post(
      'Title: A',
      'Rating: G',
      '',
      STORY,
      '',
      '~*~',
      '',
      'Notes: thanks to A.',
      'And B.',
      '',
      'fic',
    ),
    check: (w, p) => {
      storyOnly(w);
      assert.equal(w.endNotes, 'thanks to A.\nAnd B.');
      assert.deepEqual(p.source.tags, ['fic']);
    },
  },
  {
    name: 'a rating with words after it keeps them raw',
    input: post('Title: A', 'Rating: PG-13 for language', 'Pairing: Lex & Lana', '', STORY),
    check: (w) => {
      assert.deepEqual(w.rating, { raw: 'PG-13 for language', value: 'Teen And Up Audiences' });
      assert.deepEqual(w.relationships, ['Lex & Lana']);
    },
  },
  {
    name: '"user wrote," and an ISO date in the chrome; "Stand by Me by lexfan"',
    input: [
      'lexfan (lexfan) wrote,',
      '2006-01-21 07:05:00',
      '',
      'Stand by Me by lexfan',
      'Rating: G',
      '',
      STORY,
    ].join('\n'),
    check: (w, p) => {
      assert.equal(p.source.poster, 'lexfan');
      assert.equal(p.source.postedAt, '2006-01-21T07:05:00');
      assert.equal(w.title, 'Stand by Me');
      assert.deepEqual(w.authors, ['lexfan']);
    },
  },
  {
    name: 'a last line of story is not a tag line',
    input: post('Title: A', 'Rating: G', '', STORY, '', 'The End'),
    check: (w, p) => {
      assert.deepEqual(p.source.tags, []);
      assert.ok(w.body.text.endsWith('The End'));
    },
  },
  {
    name: 'HTML: <lj user> mentions read as names',
    input: '<b>Title:</b> A<br><b>Beta:</b> <lj user="chloe"><br><b>Author:</b> <lj user="lexfan"><hr>Text.',
    check: (w) => {
      assert.equal(w.beta, 'chloe');
      assert.deepEqual(w.authors, ['lexfan']);
      assert.equal(w.body.text, 'Text.');
    },
  },
];

describe('parsePost: header variants (hard cases)', () => {
  runVariants(hardVariants);
});
