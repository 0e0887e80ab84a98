import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { post, runVariants, storyOnly, STORY, type Variant } from './variants-support.ts';

/** Label spellings, separators, ratings, warnings, HTML labels, continuations. */
export const labelVariants: Variant[] = [
  // Label spellings and separators
  {
    name: '"Rated:" is a rating label',
    input: post('Title: A', 'Rated: R', '', STORY),
    check: (w) => assert.deepEqual(w.rating, { raw: 'R', value: 'Mature' }),
  },
  {
    name: 'Rating/Warnings splits into rating and warnings',
    input: post('Title: A', 'Rating/Warnings: NC-17, character death, fluff', '', STORY),
    check: (w) => {
      assert.deepEqual(w.rating, { raw: 'NC-17', value: 'Explicit' });
      assert.deepEqual(w.warnings.archive, ['Major Character Death']);
      assert.deepEqual(w.additionalTags, ['fluff']);
    },
  },
  {
    name: '"Pairings:" with two relationships',
    input: post('Title: A', 'Pairings: Lex/Lana, Clark/Chloe', '', STORY),
    check: (w) => assert.deepEqual(w.relationships, ['Lex/Lana', 'Clark/Chloe']),
  },
  {
    name: '"Pairing(s):" with one relationship',
    input: post('Title: A', 'Pairing(s): Lex/Lana', '', STORY),
    check: (w) => assert.deepEqual(w.relationships, ['Lex/Lana']),
  },
  {
    name: '"Relationship(s):" split on semicolons and " and "',
    input: post('Title: A', 'Relationship(s): Clark/Lex; Lois/Clark and Chloe/Jimmy', '', STORY),
    check: (w) => assert.deepEqual(w.relationships, ['Clark/Lex', 'Lois/Clark', 'Chloe/Jimmy']),
  },
  {
    name: '"Characters/Pairing:" gives characters and relationships',
    input: post('Title: A', 'Characters/Pairing: Clark, Lex, Chloe; Clark/Lex', '', STORY),
    check: (w) => {
      assert.deepEqual(w.characters, ['Clark', 'Lex', 'Chloe']);
      assert.deepEqual(w.relationships, ['Clark/Lex']);
    },
  },
  {
    name: '"Characters:" split on commas and "and"',
    input: post('Title: A', 'Characters: Clark, Lex and Lana', '', STORY),
    check: (w) => assert.deepEqual(w.characters, ['Clark', 'Lex', 'Lana']),
  },
  {
    name: '"AN:" is the notes',
    input: post('Title: A', 'AN: Thanks to everyone.', '', STORY),
    check: (w) => assert.equal(w.notes, 'Thanks to everyone.'),
  },
  {
    name: '"Author\'s Notes:" (curly apostrophe) is the notes',
    input: post('Title: A', 'Author’s Notes: For Sam.', '', STORY),
    check: (w) => assert.equal(w.notes, 'For Sam.'),
  },
  {
    name: '"Notes:" is the notes',
    input: post('Title: A', 'Notes: Written in a hurry.', '', STORY),
    check: (w) => assert.equal(w.notes, 'Written in a hurry.'),
  },
  {
    name: '"Wordcount: 1,234" matches an exact count silently only when equal',
    input: post('Title: A', 'Wordcount: 1,234', '', STORY),
    check: (w) => {
      assert.deepEqual([w.wordCount.claimed, w.wordCount.counted], [1234, 7]);
      assert.ok(w.problems.some((p) => p.includes('1,234') && p.includes('7')));
    },
  },
  {
    name: '"Words: 7" agrees with the count: no problem',
    input: post('Title: A', 'Words: 7', '', STORY),
    check: (w) => assert.ok(!w.problems.some((p) => p.startsWith('Word count'))),
  },
  {
    name: '"Length: 2.5k" is an approximate 2500',
    input: post('Title: A', 'Length: 2.5k', '', STORY),
    check: (w) => assert.deepEqual([w.wordCount.claimed, w.wordCount.approximate], [2500, true]),
  },
  {
    name: '"Word Count: ~2,000" is an approximate 2000, and far from the count',
    input: post('Title: A', 'Word Count: ~2,000', '', STORY),
    check: (w) => {
      assert.deepEqual([w.wordCount.claimed, w.wordCount.approximate], [2000, true]);
      assert.ok(w.problems.some((p) => p.startsWith('Word count')));
    },
  },
  {
    name: '"Warning(s):" sorted into archive warnings and additional tags',
    input: post('Title: A', 'Warning(s): Major character death, violence, angst', '', STORY),
    check: (w) => {
      assert.deepEqual(w.warnings.archive, ['Major Character Death', 'Graphic Depictions Of Violence']);
      assert.deepEqual(w.warnings.additional, ['angst']);
      assert.deepEqual(w.additionalTags, ['angst']);
    },
  },
  {
    name: '"Warnings: non-con, underage"',
    input: post('Title: A', 'Warnings: non-con, underage', '', STORY),
    check: (w) => assert.deepEqual(w.warnings.archive, ['Rape/Non-Con', 'Underage Sex']),
  },
  {
    name: '"Warnings: none" is No Archive Warnings Apply',
    input: post('Title: A', 'Warnings: none', '', STORY),
    check: (w) => assert.deepEqual(w.warnings.archive, ['No Archive Warnings Apply']),
  },
  {
    name: '"Warnings: Choose not to warn"',
    input: post('Title: A', 'Warnings: Creator Chose Not To Use Archive Warnings', '', STORY),
    check: (w) => assert.deepEqual(w.warnings.archive, ['Creator Chose Not To Use Archive Warnings']),
  },
  {
    name: '"Universe:" is the fandom; fandoms split on semicolons',
    input: post('Title: A', 'Universe: Smallville; Supernatural', '', STORY),
    check: (w) => assert.deepEqual(w.fandoms, ['Smallville', 'Supernatural']),
  },
  {
    name: 'ALL-CAPS labels',
    input: post('TITLE: Loud', 'RATING: PG', 'FANDOM: Smallville', '', STORY),
    check: (w) => {
      assert.equal(w.title, 'Loud');
      assert.equal(w.rating.value, 'General Audiences');
      assert.deepEqual(w.fandoms, ['Smallville']);
    },
  },
  {
    name: 'dash separators after labels',
    input: post('Title - Dashing', 'Rating – K+', 'Pairing — Lex/Lana', '', STORY),
    check: (w) => {
      assert.equal(w.title, 'Dashing');
      assert.equal(w.rating.value, 'General Audiences');
      assert.deepEqual(w.relationships, ['Lex/Lana']);
    },
  },
  // Ratings of each kind
  ...(
    [
      ['G', 'General Audiences'],
      ['K', 'General Audiences'],
      ['T', 'Teen And Up Audiences'],
      ['Teen', 'Teen And Up Audiences'],
      ['M', 'Mature'],
      ['MA', 'Mature'],
      ['X', 'Explicit'],
      ['Explicit', 'Explicit'],
      ['E', 'Explicit'],
    ] as const
  ).map(([raw, value]): Variant => ({
    name: `rating "${raw}" is ${value}`,
    input: post('Title: A', `Rating: ${raw}`, '', STORY),
    check: (w) => assert.deepEqual(w.rating, { raw, value }),
  })),
  {
    name: 'an unknown rating is Not Rated, raw kept, and asked about',
    input: post('Title: A', 'Rating: Adult-ish', '', STORY),
    check: (w) => {
      assert.deepEqual(w.rating, { raw: 'Adult-ish', value: 'Not Rated' });
      assert.ok(w.confidence.rating! < 0.5);
      assert.ok(w.problems.some((p) => p.includes('Adult-ish')));
    },
  },
  // HTML labels
  {
    name: 'bold HTML labels',
    format: 'html',
    input:
      '<p><b>Title:</b> Bold<br><b>Rating:</b> R<br><strong>Pairing:</strong> Lex/Lana</p><p>Lex opens the door.</p>',
    check: (w) => {
      assert.equal(w.title, 'Bold');
      assert.equal(w.rating.value, 'Mature');
      assert.deepEqual(w.relationships, ['Lex/Lana']);
      assert.equal(w.body.html, '<p>Lex opens the door.</p>');
    },
  },
  {
    name: 'bold labels without a colon',
    input: '<strong>Title</strong> Quiet<br><strong>Fandom</strong> Smallville<br><br>Lex opens the door.',
    check: (w) => {
      assert.equal(w.title, 'Quiet');
      assert.deepEqual(w.fandoms, ['Smallville']);
      assert.equal(w.body.text, 'Lex opens the door.');
    },
  },
  {
    name: 'emphasis kept in the body, scripts and styles dropped, text escaped',
    input:
      '<b>Title:</b> E<br><b>Rating:</b> G<hr><p style="color:red">He <i>knew</i> &amp; <b>said</b> 1 &lt; 2.</p><script>x()</script>',
    check: (w) => {
      assert.equal(w.body.html, '<p>He <i>knew</i> &amp; <b>said</b> 1 &lt; 2.</p>');
      assert.equal(w.body.text, 'He knew & said 1 < 2.');
    },
  },
  // Continuations and blank lines
  {
    name: 'a summary continued on the next line',
    input: post('Title: A', 'Summary: Lex makes a choice', 'and lives with it.', 'Rating: G', '', STORY),
    check: (w) => {
      assert.equal(w.summary, 'Lex makes a choice\nand lives with it.');
      assert.equal(w.rating.value, 'General Audiences');
    },
  },
  {
    name: 'a pairing list continued after a trailing comma',
    input: post('Title: A', 'Pairing: Lex/Lana,', 'Clark/Chloe', '', STORY),
    check: (w) => assert.deepEqual(w.relationships, ['Lex/Lana', 'Clark/Chloe']),
  },
  {
    name: 'a label with its value on the next line',
    input: post('Title: A', 'Summary:', 'Peace.', '', STORY),
    check: (w) => assert.equal(w.summary, 'Peace.'),
  },
  {
    name: 'blank lines inside the header',
    input: post('Title: A', '', 'Rating: R', '', '', 'Fandom: Smallville', '', STORY),
    check: (w) => {
      assert.equal(w.rating.value, 'Mature');
      assert.deepEqual(w.fandoms, ['Smallville']);
      storyOnly(w);
    },
  },
];

describe('parsePost: header variants (labels)', () => {
  runVariants(labelVariants);
});
