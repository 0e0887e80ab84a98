import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { post, runVariants, storyOnly, STORY, type Variant } from './variants-support.ts';

/** Where headers and stories begin and end, chrome, two fics, series and chapters, harder cases. */
const layoutVariants: Variant[] = [
  // Where the header ends
  ...['---', '***', '~*~', '* * *', 'oOo'].map((sep): Variant => ({
    name: `separator "${sep}" between header and story`,
    input: post('Title: A', 'Rating: G', sep, STORY),
    check: (w) => {
      storyOnly(w);
      assert.equal(w.confidence.body, 0.95);
    },
  })),
  {
    name: '<hr> between header and story',
    input: '<p>Title: A<br>Rating: G</p><hr><p>Lex opens the door.</p><p>Lana turns around.</p>',
    check: storyOnly,
  },
  {
    name: '<lj-cut> between header and story',
    input:
      'Title: A<br>Rating: G<br><lj-cut text="read"><p>Lex opens the door.</p><p>Lana turns around.</p></lj-cut>',
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
      assert.deepEqual(
        [second.title, second.rating.value, second.body.text],
        ['Second', 'Explicit', 'Another story.'],
      );
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
      assert.deepEqual(
        [w.disclaimer, w.spoilers, w.beta, w.prompt, w.dedication],
        ['Not mine.', 'Lexmas', 'chloe', 'snow', 'kath'],
      ),
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

describe('parsePost: header variants (layout)', () => {
  runVariants(layoutVariants);
});
