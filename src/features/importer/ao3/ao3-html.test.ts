import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeAo3Download } from './ao3-html.ts';
import { languageCode } from './ao3-languages.ts';
import { normalizeDate } from './ao3-stats.ts';
import { download, fixture, FIXTURES, parsed } from './ao3-test-support.ts';

const SEE_END = /See the end of the (chapter|work)/i;

describe('parseAo3Html: a single-chapter work', () => {
  const work = parsed(fixture('single-chapter.html'));

  it('reads the title, creator, source and tags, entity-decoded', () => {
    assert.equal(work.title, "The Lighthouse Keeper's Daughter");
    assert.deepEqual(work.authors, ['willowisp']);
    assert.equal(work.sourceUrl, 'https://archiveofourown.org/works/48213377');
    assert.equal(work.rating, 'General Audiences');
    assert.deepEqual(work.warnings, ['No Archive Warnings Apply']);
    assert.deepEqual(work.categories, ['F/F']);
    assert.deepEqual(work.fandoms, ['Original Work']);
    assert.deepEqual(work.relationships, ['Original Female Character/Original Female Character']);
    assert.deepEqual(work.characters, ['Original Female Character(s)', 'Original Characters']);
    assert.deepEqual(work.additionalTags, ['Fluff', 'Lighthouses', 'Storms', 'Tea & Biscuits']);
    assert.equal(work.language, 'English');
    assert.equal(work.languageCode, 'en');
  });

  it('reads the series, the stats and the notes', () => {
    assert.deepEqual(work.series, [
      { title: 'Coastal Stories', part: 2, url: 'https://archiveofourown.org/series/3312456' },
    ]);
    assert.equal(work.published, '2023-06-11');
    assert.equal(work.updated, null);
    assert.equal(work.completed, null);
    assert.equal(work.words, 1203);
    assert.equal(work.chaptersPosted, 1);
    assert.equal(work.chaptersExpected, 1);
    assert.match(work.summary, /^<p>Every night Maren lights the lamp\. .*<em>never<\/em>/);
    assert.equal(work.notes, '<p>Written for the "Lighthouses" prompt. Thanks to my beta!</p>');
    assert.equal(work.endNotes, '<p>Come say hi on <a href="https://example.org/willowisp">my blog</a>.</p>');
    assert.deepEqual(work.problems, []);
  });

  it('keeps the one chapter body as inner HTML, without AO3 furniture', () => {
    assert.equal(work.chapters.length, 1);
    const [chapter] = work.chapters;
    assert.equal(chapter?.title, null);
    assert.equal(chapter?.summary, '');
    assert.match(chapter?.body ?? '', /^<p>The storm came in from the west/);
    assert.match(chapter?.body ?? '', /knee &amp; the wind/);
    assert.match(chapter?.body ?? '', /<strong>She didn't\.<\/strong>/);
    assert.match(chapter?.body ?? '', /shingle&nbsp;below/);
    assert.doesNotMatch(chapter?.body ?? '', /class="userstuff"|See the end|Come say hi/);
  });
});

describe('parseAo3Html: a multi-chapter work in a series', () => {
  const work = parsed(fixture('multi-chapter.html'));

  it('reads plural labels, several fandoms and characters, and skips collections', () => {
    assert.equal(work.rating, 'Teen And Up Audiences');
    assert.deepEqual(work.warnings, ['Graphic Depictions Of Violence', 'Major Character Death']);
    assert.deepEqual(work.categories, ['M/M', 'Gen']);
    assert.deepEqual(work.fandoms, [
      'Good Omens (TV)',
      'Good Omens - Neil Gaiman & Terry Pratchett',
      'Sherlock Holmes & Related Fandoms',
    ]);
    assert.equal(work.characters.length, 5);
    assert.deepEqual(work.relationships, [
      'Aziraphale/Crowley (Good Omens)',
      'Anathema Device & Newton Pulsifer',
    ]);
    assert.ok(work.additionalTags.includes('Hurt/Comfort'));
    assert.ok(![...work.additionalTags, ...work.fandoms].includes('Good Omens Big Bang 2022'));
  });

  it('reads "Part 5 of Symphony" and a work in progress ("3/?")', () => {
    assert.deepEqual(work.series, [
      { title: 'Symphony', part: 5, url: 'https://archiveofourown.org/series/1523401' },
    ]);
    assert.equal(work.published, '2022-09-14');
    assert.equal(work.updated, '2023-01-02');
    assert.equal(work.completed, null);
    assert.equal(work.words, 15872);
    assert.equal(work.chaptersPosted, 3);
    assert.equal(work.chaptersExpected, null);
  });

  it('reads work notes and work end notes', () => {
    assert.equal(work.notes, "<p>Part five! You don't need the others, but they help.</p>");
    assert.equal(work.endNotes, '<p>Thank you for reading! Kudos and comments keep me going.</p>');
    assert.deepEqual(work.problems, []);
  });

  it('splits the chapters with their titles, summaries, notes and end notes', () => {
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Exposition', 'Development & Recapitulation', null],
    );
    const [one, two, three] = work.chapters;
    assert.equal(one?.summary, '<p>In which there are auditions.</p>');
    assert.equal(one?.notes, '<p>Title from the tempo marking, obviously.</p>');
    assert.equal(one?.endNotes, '<p>Next time: rehearsals.</p>');
    assert.match(one?.body ?? '', /^<p>The concert hall smelled of rosin and dust\.<\/p>\n<p>Aziraphale/);
    assert.equal(two?.summary, '');
    assert.equal(two?.notes, '');
    assert.equal(two?.endNotes, '<p>Co-written with tinnitus, who did all the music theory.</p>');
    assert.match(two?.body ?? '', /<blockquote><p>Con brio, the score said\.<\/p><\/blockquote>/);
    assert.equal(
      three?.body,
      '<p>The interval. <img src="https://example.org/violin.png" alt="a violin"></p>',
    );
  });

  it('keeps notes, end notes and "see the end" links out of the bodies', () => {
    for (const c of work.chapters) {
      assert.doesNotMatch(c.body, SEE_END);
      assert.doesNotMatch(c.body, /Chapter (End )?Notes|Next time: rehearsals|Co-written|class="meta/);
    }
  });
});

describe('parseAo3Html: a work in another language', () => {
  const work = parsed(fixture('non-english.html'));

  it('reads the language as written and its code', () => {
    assert.equal(work.language, 'Português brasileiro');
    assert.equal(work.languageCode, 'pt-BR');
    assert.equal(work.title, 'Saudade & Maré Alta');
    assert.deepEqual(work.authors, ['Marinheira do Sul (marinheira)']);
    assert.deepEqual(work.additionalTags, ['Angst com final feliz', 'Universo Alternativo', 'Praia']);
  });

  it('reads a completed work and its chapters', () => {
    assert.equal(work.completed, '2022-07-19');
    assert.equal(work.updated, null);
    assert.equal(work.chaptersExpected, 2);
    assert.deepEqual(
      work.chapters.map((c) => [c.title, c.summary]),
      [
        ['Maré baixa', ''],
        ['Maré alta', '<p>Em que Nico entra na água.</p>'],
      ],
    );
    assert.match(work.chapters[0]?.body ?? '', /Eu não vou entrar na água/);
    assert.equal(work.notes, '');
    assert.equal(work.endNotes, '');
    assert.deepEqual(work.problems, []);
  });
});

describe('parseAo3Html: variants', () => {
  it('reads an older download: "Warning:", no language, "Part 1 of the … series", bare text', () => {
    const work = parsed(fixture('old-format.html'));
    assert.deepEqual(work.warnings, ['No Archive Warnings Apply']);
    assert.equal(work.language, null);
    assert.equal(work.languageCode, null);
    assert.deepEqual(work.problems, ['The work gives no language.']);
    assert.deepEqual(work.series, [
      { title: 'Pegasus Nights', part: 1, url: 'http://archiveofourown.org/series/9876' },
    ]);
    assert.equal(work.completed, '2011-03-01');
    assert.equal(work.words, 5432);
    assert.equal(work.sourceUrl, 'http://archiveofourown.org/works/161803');
    assert.equal(work.endNotes, '<p>Thanks to everyone who left comments on LJ.</p>');
    assert.equal(work.chapters.length, 1);
    const body = work.chapters[0]?.body ?? '';
    assert.match(body, /^<h3>1\.<\/h3>\s*<p>The first time/);
    assert.match(body, /<em>knew<\/em> she knew\.<\/p>$/);
    assert.doesNotMatch(body, SEE_END);
  });

  it('reads a work without summary or notes, "Creator Chose Not To Use Archive Warnings", labels without colons', () => {
    const work = parsed(fixture('variant-no-summary.html'));
    assert.equal(work.title, '<3 — a drabble');
    assert.deepEqual(work.authors, ['Anonymous']);
    assert.equal(work.rating, 'Not Rated');
    assert.deepEqual(work.warnings, ['Creator Chose Not To Use Archive Warnings']);
    assert.deepEqual(work.categories, []);
    assert.deepEqual(work.fandoms, ['Hollow Knight (Video Game)']);
    assert.equal(work.language, 'English');
    assert.equal(work.published, '2024-02-29');
    assert.equal(work.summary, '');
    assert.equal(work.notes, '');
    assert.equal(work.endNotes, '');
    assert.deepEqual(work.series, []);
    assert.deepEqual(work.problems, []);
  });

  it('reads several series (a comma in a title), several creators, and notes that are only end notes', () => {
    const work = parsed(fixture('variant-multiple-series.html'));
    assert.deepEqual(work.series, [
      { title: '図書館シリーズ', part: 3, url: 'https://archiveofourown.org/series/2200001' },
      { title: 'Bits, Pieces & Drabbles', part: 12, url: 'https://archiveofourown.org/series/2200002' },
    ]);
    assert.deepEqual(work.authors, ['tsukiyo', 'hoshikuzu (hoshi_kuzu)']);
    assert.equal(work.languageCode, 'ja');
    assert.equal(work.notes, '');
    assert.equal(work.endNotes, '<p>読んでくれてありがとう！</p>');
    assert.equal(work.chapters[0]?.body, '<p>「もう閉館ですよ」と中也は言った。</p>');
    assert.deepEqual(work.problems, []);
  });

  it('recognises every fixture', () => {
    for (const name of FIXTURES) assert.ok(looksLikeAo3Download(fixture(name)), name);
  });
});

describe('parseAo3Html: labels, stats and languages', () => {
  it('reads upper-case markup, CRLF line ends and stray spaces in labels', () => {
    const html = download({
      tags: `<DT> Rating : </DT>\r\n<DD><A HREF="/t">Explicit</A></DD>\r\n<dt>Fandoms:</dt><dd>\r\n<a>A &amp;amp; B</a>,\r\n<a>C&#x27;s</a></dd>
        <dt>Stats:</dt><dd>Published:\r\n2020-01-02\r\nWords:\r\n12 345\r\nChapters:\r\n2/10</dd>`,
      chapters: `<div class="meta group"><h2 class="heading">Chapter 1: One</h2></div><div class="userstuff"><p>a</p></div>
        <div class="meta group"><h2 class="heading">Chapter 2 - Two</h2></div><div class="userstuff"><p>b</p></div>`,
    }).replace(/\n/g, '\r\n');
    const work = parsed(html);
    assert.equal(work.rating, 'Explicit');
    assert.deepEqual(work.fandoms, ['A &amp; B', "C's"]);
    assert.equal(work.words, 12345);
    assert.equal(work.chaptersPosted, 2);
    assert.equal(work.chaptersExpected, 10);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['One', 'Two'],
    );
  });

  it('normalises dates to YYYY-MM-DD and reports unreadable ones', () => {
    assert.equal(normalizeDate('2019-3-2'), '2019-03-02');
    assert.equal(normalizeDate('2 Mar 2019'), '2019-03-02');
    assert.equal(normalizeDate('March 2nd, 2019'), '2019-03-02');
    assert.equal(normalizeDate('02.03.2019'), '2019-03-02');
    assert.equal(normalizeDate('2019-02-29'), null);
    assert.equal(normalizeDate('yesterday'), null);
    const work = parsed(
      download({
        tags: '<dt>Stats:</dt><dd>Published: 14 Sep 2022 Updated: 2022-13-01 Words: lots Chapters: 1/1</dd>',
      }),
    );
    assert.equal(work.published, '2022-09-14');
    assert.equal(work.updated, null);
    assert.equal(work.words, null);
    assert.ok(work.problems.some((p) => /updated date "2022-13-01"/.test(p)));
    assert.ok(work.problems.some((p) => /word count "lots"/.test(p)));
  });

  it('maps AO3 language names to BCP 47 codes, and reports unknown ones', () => {
    assert.equal(languageCode('中文-普通话 國語'), 'zh');
    assert.equal(languageCode('Русский'), 'ru');
    assert.equal(languageCode(' español '), 'es');
    assert.equal(languageCode('Français'.normalize('NFD')), 'fr');
    assert.equal(languageCode('한국어'), 'ko');
    assert.equal(languageCode('Polski'), 'pl');
    assert.equal(languageCode('Deutsch'), 'de');
    assert.equal(languageCode('Italiano'), 'it');
    assert.equal(languageCode('Klingon-ish'), null);
    const work = parsed(download({ tags: '<dt>Language:</dt><dd>Sindarin</dd>' }));
    assert.equal(work.language, 'Sindarin');
    assert.equal(work.languageCode, null);
    assert.ok(work.problems.includes('The language "Sindarin" has no known code.'));
  });

  it('reports unknown labels, missing essentials and a chapter count that does not match', () => {
    const work = parsed(
      download({ tags: '<dt>Mood:</dt><dd>Sleepy</dd><dt>Stats:</dt><dd>Chapters: 4/4</dd>' }),
    );
    assert.ok(work.problems.some((p) => p.includes('"mood"')));
    assert.ok(work.problems.includes('The work has no rating.'));
    assert.ok(work.problems.includes('The work has no fandom.'));
    assert.ok(work.problems.includes('The stats say 4 chapters are posted but the file has 1.'));
  });

  it('reads series given as text only, and separates tags from a link-less list', () => {
    const work = parsed(
      download({
        tags: '<dt>Series:</dt><dd>Part 2 of Foo, Part 7 of the Bar series</dd><dt>Characters:</dt><dd>A, B ,C</dd>',
      }),
    );
    assert.deepEqual(work.series, [
      { title: 'Foo', part: 2, url: null },
      { title: 'Bar', part: 7, url: null },
    ]);
    assert.deepEqual(work.characters, ['A', 'B', 'C']);
  });

  it('keeps escaped text escaped, and a body that is more than its wrapper whole', () => {
    const work = parsed(
      download({
        chapters: `<div class="meta group"><h2 class="heading">Chapter 1</h2></div>
          <p>Before &lt;b&gt;</p><div class="userstuff"><p>Body &amp; &quot;soul&quot; &#169;</p></div>
          <div class="meta group"><h2 class="heading">Chapter 2</h2></div><div class="userstuff"> </div>
          <div class="meta group"><h2 class="heading">Chapter 3</h2></div><div class="userstuff"></div>`,
      }),
    );
    assert.equal(
      work.chapters[0]?.body,
      '<p>Before &lt;b&gt;</p><div class="userstuff"><p>Body &amp; "soul" ©</p></div>',
    );
    assert.ok(work.problems.includes('2 chapters have no text: 2, 3.'));
  });

  it('falls back to the message and the page title for a missing title, and says so', () => {
    const noH1 = fixture('single-chapter.html').replace(/<h1>.*<\/h1>/, '');
    assert.equal(parsed(noH1).title, "The Lighthouse Keeper's Daughter");
    const bare = '<title>Just A Title</title><div id="chapters"><p>x</p></div> archiveofourown.org';
    const work = parsed(bare);
    assert.equal(work.title, 'Just A Title');
    assert.ok(work.problems.some((p) => p.startsWith("The work's title is missing")));
    assert.ok(work.problems.includes('The work names no creator.'));
  });
});
