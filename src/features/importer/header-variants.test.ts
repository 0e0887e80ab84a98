import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePost, type ParsedPost, type ParsedWork } from './header-parser.ts';

/** A post: a journal title, a date, then the given lines. */
const post = (...lines: string[]): string => ['Some Journal', '', 'Jan 21, 2006 19:20', '', ...lines].join('\n');
const STORY = 'Lex opens the door.\n\nLana turns around.';

interface Variant {
  name: string;
  input: string;
  format?: 'text' | 'html';
  check: (w: ParsedWork, p: ParsedPost) => void;
}

const storyOnly = (w: ParsedWork): void => assert.equal(w.body.text, 'Lex opens the door.\n\nLana turns around.');

const variants: Variant[] = [
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
  ).map(
    ([raw, value]): Variant => ({
      name: `rating "${raw}" is ${value}`,
      input: post('Title: A', `Rating: ${raw}`, '', STORY),
      check: (w) => assert.deepEqual(w.rating, { raw, value }),
    }),
  ),
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
    input: '<p><b>Title:</b> Bold<br><b>Rating:</b> R<br><strong>Pairing:</strong> Lex/Lana</p><p>Lex opens the door.</p>',
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
  // Where the header ends
  ...['---', '***', '~*~', '* * *', 'oOo'].map(
    (sep): Variant => ({
      name: `separator "${sep}" between header and story`,
      input: post('Title: A', 'Rating: G', sep, STORY),
      check: (w) => {
        storyOnly(w);
        assert.equal(w.confidence.body, 0.95);
      },
    }),
  ),
  {
    name: '<hr> between header and story',
    input: '<p>Title: A<br>Rating: G</p><hr><p>Lex opens the door.</p><p>Lana turns around.</p>',
    check: storyOnly,
  },
  {
    name: '<lj-cut> between header and story',
    input: 'Title: A<br>Rating: G<br><lj-cut text="read"><p>Lex opens the door.</p><p>Lana turns around.</p></lj-cut>',
    check: storyOnly,
  },
  {
    name: '<a name="cutid1"> between header and story',
    input: 'Title: A<br>Rating: G<br><a name="cutid1"></a>Lex opens the door.<br><br>Lana turns around.',
    check: storyOnly,
  },
  {
    name: '"( Read more... )" between header and story',
    input: post('Title: A', 'Rating: G', '( Read more... )', STORY),
    check: storyOnly,
  },
  {
    name: 'the title and "by" line repeated above the story',
    input: post('Title: Stay', 'Author: lexfan', 'Rating: G', '', 'Stay', 'by lexfan', '', STORY),
    check: (w) => {
      storyOnly(w);
      assert.deepEqual(w.authors, ['lexfan']);
    },
  },
  {
    name: 'a "Title by Author" line above the labels',
    input: post('Stay by lexfan', 'Rating: G', 'Fandom: Smallville', '', STORY),
    check: (w, p) => {
      assert.equal(w.title, 'Stay');
      assert.deepEqual(w.authors, ['lexfan']);
      assert.equal(p.source.journalTitle, 'Some Journal');
      storyOnly(w);
    },
  },
  // Two fics
  {
    name: 'two fics in one post, each with its own header',
    input: post(
      'Title: First',
      'Rating: G',
      '',
      'One story.',
      '',
      '~*~',
      '',
      'Title: Second',
      'Rating: NC-17',
      'Pairing: Clark/Lex',
      '',
      'Another story.',
      '',
      'fic, drabbles',
    ),
    check: (w, p) => {
      assert.equal(p.works.length, 2);
      assert.deepEqual([w.title, w.body.text], ['First', 'One story.']);
      const second = p.works[1]!;
      assert.deepEqual([second.title, second.rating.value, second.body.text], ['Second', 'Explicit', 'Another story.']);
      assert.deepEqual(second.relationships, ['Clark/Lex']);
      assert.deepEqual(p.source.tags, ['fic', 'drabbles']);
    },
  },
  // Series and chapters
  {
    name: 'chapter "(1/6)" in the title',
    input: post('Title: Stay (1/6)', 'Rating: G', '', STORY),
    check: (w) => {
      assert.deepEqual(w.chapter, { number: 1, total: 6, title: null });
      assert.equal(w.series, null);
    },
  },
  {
    name: '"Chapter 3" in the title, with a chapter title',
    input: post('Title: Stay, Chapter 3: The Reckoning', 'Rating: G', '', STORY),
    check: (w) => assert.deepEqual(w.chapter, { number: 3, total: null, title: 'The Reckoning' }),
  },
  {
    name: 'roman numeral part with a matching entry tag',
    input: post('Title: Requiem, Part XII', 'Rating: G', '', STORY, '', 'Tags: requiem, fic'),
    check: (w) => {
      assert.deepEqual(w.series, { title: 'Requiem', part: 12 });
      assert.ok(w.confidence.series! >= 0.9);
    },
  },
  {
    name: '"Pt. 5" and "Part Five" spellings',
    input: post('Title: Requiem Pt. 5', 'Rating: G', '', STORY, '', 'requiem'),
    check: (w) => assert.deepEqual(w.series, { title: 'Requiem', part: 5 }),
  },
  {
    name: '"Part Five" with no matching tag is offered as a guess',
    input: post('Title: Requiem, Part Five', 'Rating: G', '', STORY),
    check: (w) => {
      assert.deepEqual(w.series, { title: 'Requiem', part: 5 });
      assert.equal(w.confidence.series, 0.5);
      assert.ok(w.problems.some((p) => p.includes('Part 5')));
    },
  },
  {
    name: '"Series:" and "Part:" labels',
    input: post('Title: Coda', 'Series: Symphony', 'Part: 6', '', STORY),
    check: (w) => assert.deepEqual(w.series, { title: 'Symphony', part: 6 }),
  },
  // Other labels and chrome
  {
    name: 'an unknown label is kept under its own name',
    input: post('Title: A', 'Feedback: Always welcome', 'Category: Slash', '', STORY),
    check: (w) => assert.deepEqual(w.otherFields, { Feedback: 'Always welcome', Category: 'Slash' }),
  },
  {
    name: 'disclaimer, spoilers, beta, prompt and dedication',
    input: post(
      'Title: A',
      'Disclaimer: Not mine.',
      'Spoilers: Lexmas',
      "Beta'd by: chloe",
      'Prompt: snow',
      'For: kath',
      '',
      STORY,
    ),
    check: (w) =>
      assert.deepEqual([w.disclaimer, w.spoilers, w.beta, w.prompt, w.dedication], [
        'Not mine.',
        'Lexmas',
        'chloe',
        'snow',
        'kath',
      ]),
  },
  {
    name: 'journal chrome after the story is not story',
    input: post(
      'Title: A',
      'Rating: G',
      '',
      STORY,
      '',
      'Current Mood: accomplished',
      'Tags: symphony, fic',
      '3 comments | Leave a comment',
      'Previous post Next post',
      'someone',
      'Great story!',
      'Link | Reply',
    ),
    check: (w, p) => {
      storyOnly(w);
      assert.deepEqual(p.source.tags, ['symphony', 'fic']);
      assert.deepEqual(p.source.otherFields, { Mood: 'accomplished' });
    },
  },
  {
    name: 'end notes after the story',
    input: post('Title: A', 'Rating: G', '', STORY, '', 'A/N: Thanks for reading!'),
    check: (w) => {
      storyOnly(w);
      assert.equal(w.endNotes, 'Thanks for reading!');
    },
  },
  {
    name: 'a saved journal page: page title, poster, linked tags, comments',
    format: 'html',
    input: `<html><head><title>lexfan: Stay</title><style>p{}</style></head><body>
      <div class="header">Lex Fan's Fics</div><div>Jan. 21st, 2006|07:20 pm</div>
      <div><span class="ljuser" lj:user="lexfan"><a href="https://lexfan.example/"><b>lexfan</b></a></span></div>
      <div class="entry"><b>Title:</b> Stay<br /><b>Rating:</b> PG-13<br /><a name="cutid1"></a>
      <p>Lex opens the door.</p><p>Lana turns around.</p></div>
      <div class="tags">Tags: <a href="https://lexfan.example/tag/fic">fic</a>, <a href="https://lexfan.example/tag/stay">stay</a></div>
      <div>2 comments | <a href="#">Leave a comment</a></div></body></html>`,
    check: (w, p) => {
      assert.equal(p.source.postedAt, '2006-01-21T19:20:00');
      assert.equal(p.source.journalTitle, "Lex Fan's Fics");
      assert.equal(p.source.poster, 'lexfan');
      assert.equal(p.source.subject, 'Stay');
      assert.deepEqual(p.source.tags, ['fic', 'stay']);
      assert.deepEqual(w.authors, ['lexfan']);
      storyOnly(w);
    },
  },
];

describe('parsePost: header variants', () => {
  it('has at least 40 variants', () => assert.ok(variants.length >= 40, String(variants.length)));
  for (const v of variants) {
    it(v.name, () => {
      const p = parsePost(v.input, v.format ? { format: v.format } : {});
      assert.ok(p.works.length >= 1, 'no work');
      v.check(p.works[0]!, p);
    });
  }
});
