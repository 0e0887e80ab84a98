import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { sanitize } from '../../lib/sanitize.ts';
import { seedWork } from './downloads.fixtures.ts';
import { contentDisposition, downloadFilename } from './filenames.ts';
import { excerptOf, htmlToText } from './html-to-text.ts';
import { chapterCount, languageName, languageTag, metaRows } from './meta.ts';
import { toXhtml, toXhtmlFragments } from './xhtml.ts';
import { xmlProblem } from './xml-check.ts';

const BASE = 'https://quire.example/works/5';

describe('toXhtml: sanitized HTML → valid XHTML', () => {
  const cases: [string, string, string][] = [
    ['void elements self-closed', '<p>a<br>b</p><hr>', '<p>a<br/>b</p><hr/>'],
    [
      'named entities become characters',
      '<p>&nbsp;&hellip;&copy; &amp; &lt;</p>',
      '<p>\u00a0…© &amp; &lt;</p>',
    ],
    ['unclosed paragraphs closed', '<p>one<p>two', '<p>one</p><p>two</p>'],
    ['misnested inline tags', '<p><b><i>x</b></i></p>', '<p><b><i>x</i></b></p>'],
    [
      'attributes quoted and escaped',
      '<abbr title=\'a "b" & c\'>x</abbr>',
      '<abbr title="a &quot;b&quot; &amp; c">x</abbr>',
    ],
    ['characters XML forbids dropped', '<p>a\u0001b\u000bc</p>', '<p>abc</p>'],
    [
      'remote image → link with alt',
      '<img src="https://i.example/a.png" alt="A&B">',
      '<a class="quire-image" href="https://i.example/a.png">[Image: A&amp;B]</a>',
    ],
    [
      'image inside a link → text',
      '<a href="https://e.example/"><img src="https://i.example/a.png"></a>',
      '<a rel="nofollow ugc noopener" href="https://e.example/">[Image]</a>',
    ],
    [
      'relative links made absolute',
      '<a href="/works/1">x</a>',
      '<a rel="nofollow ugc noopener" href="https://quire.example/works/1">x</a>',
    ],
    [
      'footnote anchors kept',
      '<a href="#n">1</a><a name="n">n</a>',
      '<a rel="nofollow ugc noopener" href="#u-n">1</a><a id="u-n">n</a>',
    ],
    [
      'missing anchors go to the work page',
      '<a href="#gone">x</a>',
      '<a rel="nofollow ugc noopener" href="https://quire.example/works/5#gone">x</a>',
    ],
    [
      'nested links unnested',
      '<a href="https://a.example/">x <a href="https://b.example/">y</a></a>',
      '<a rel="nofollow ugc noopener" href="https://a.example/">x <span>y</span></a>',
    ],
    [
      'obsolete elements modernised',
      '<center>c</center><big>b</big><strike>s</strike><acronym>a</acronym>',
      '<div class="center">c</div><span class="big">b</span><s>s</s><abbr>a</abbr>',
    ],
    [
      'blocks inside phrasing',
      '<span><p>x</p></span><em><div>y</div></em>',
      '<div class="quire-span"><p>x</p></div><div class="quire-em"><div>y</div></div>',
    ],
    [
      'list and table repairs',
      '<ul>a<li>b</li></ul><li>c</li><table><tr><td align="right">1</td>2</tr></table>',
      '<ul><li>a</li><li>b</li></ul><div class="quire-li">c</div><table><tr><td style="text-align: right">1</td><td>2</td></tr></table>',
    ],
    [
      'misplaced elements demoted',
      '<p><summary>s</summary><rt>r</rt></p><td>c</td>',
      '<p><span class="quire-summary">s</span><span class="quire-rt">r</span></p><div class="quire-td">c</div>',
    ],
    [
      'bad attribute values dropped',
      '<p dir="up" lang="x y" class="1a b">t</p><ol type="z" start="2"><li>i</li></ol>',
      '<p class="b">t</p><ol start="2"><li>i</li></ol>',
    ],
  ];
  for (const [name, html, expected] of cases) {
    it(name, () => {
      const xhtml = toXhtml(sanitize(html), BASE);
      assert.equal(xhtml, expected);
      assert.equal(xmlProblem(`<div>${xhtml}</div>`), null);
    });
  }

  it('gives each anchor one id across the fragments of a document', () => {
    const [a, b] = toXhtmlFragments([sanitize('<a name="x">1</a>'), sanitize('<a name="x">2</a>')], BASE);
    assert.equal(`${a}${b}`, '<a id="u-x">1</a><a>2</a>');
  });

  it('passes null through as an empty string', () => {
    assert.equal(toXhtml(null, BASE), '');
  });
});

describe('htmlToText', () => {
  const cases: [string, string, string][] = [
    ['paragraphs: one blank line apart', '<p>One</p>\n<p>Two\n  lines</p>', 'One\n\nTwo lines'],
    ['<br> is a newline', '<p>a<br>b<br><br>c</p>', 'a\nb\n\nc'],
    ['entities decoded, nbsp a space', '<p>&lt;3 &amp; &hellip;&nbsp;x</p>', '<3 & … x'],
    ['empty spacer paragraphs vanish', '<p>a</p><p>&nbsp;</p><p>b</p>', 'a\n\nb'],
    [
      'lists',
      '<ul><li>a</li><li>b<ol start="3"><li>c</li></ol>d</li></ul><p>e</p>',
      '- a\n- b\n  3. c\n  d\n\ne',
    ],
    ['hr', '<p>a</p><hr><p>b</p>', 'a\n\n* * *\n\nb'],
    ['tables', '<table><tr><th>h</th><th>i</th></tr><tr><td>1</td><td>2</td></tr></table>', 'h | i\n1 | 2'],
    ['images', '<p>x <img src="https://i.example/a.png" alt="cat"> y</p>', 'x [Image: cat] y'],
    ['pre keeps its spaces', '<pre>a\n  b</pre>', 'a\n  b'],
    ['plain text', 'Just text', 'Just text'],
  ];
  for (const [name, html, expected] of cases) {
    it(name, () => assert.equal(htmlToText(sanitize(html)), expected));
  }

  it('gives nothing for null', () => assert.equal(htmlToText(null as SafeHtml | null), ''));
});

describe('excerptOf', () => {
  it('gives the text of the HTML, entities decoded and whitespace collapsed', () => {
    assert.equal(
      excerptOf('<p>Tom &amp; Jerry&nbsp;&lt;3</p>\n<p>Again  &quot;here&quot;</p>'),
      'Tom & Jerry <3 Again "here"',
    );
  });
  it('cuts at a word near the limit, with an ellipsis, never longer than the limit', () => {
    const text = excerptOf(`<p>${'word '.repeat(100)}</p>`, 50);
    assert.equal(text, `${'word '.repeat(9).trim()}…`);
    assert.ok(text.length <= 50);
    assert.equal(excerptOf(`<p>${'x'.repeat(80)}</p>`, 50), `${'x'.repeat(49)}…`, 'no word to cut at');
    assert.equal(excerptOf('<p>short</p>', 50), 'short');
  });
});

describe('file names', () => {
  const cases: [string, string, string][] = [
    ['Symphony, Part V', 'Symphony_Part_V.epub', 'attachment; filename="Symphony_Part_V.epub"'],
    ['Don’t Stop', 'Dont_Stop.epub', 'attachment; filename="Dont_Stop.epub"'],
    [
      'Café au lait',
      'Cafe_au_lait.epub',
      `attachment; filename="Cafe_au_lait.epub"; filename*=UTF-8''Caf%C3%A9_au_lait.epub`,
    ],
    [
      '交響曲 — Part V',
      'Part_V.epub',
      `attachment; filename="Part_V.epub"; filename*=UTF-8''%E4%BA%A4%E9%9F%BF%E6%9B%B2_Part_V.epub`,
    ],
    [
      '交響曲',
      'work-9.epub',
      `attachment; filename="work-9.epub"; filename*=UTF-8''%E4%BA%A4%E9%9F%BF%E6%9B%B2.epub`,
    ],
    ['"../../etc/passwd"', 'etc_passwd.epub', 'attachment; filename="etc_passwd.epub"'],
    ['?!', 'work-9.epub', 'attachment; filename="work-9.epub"'],
  ];
  for (const [title, filename, disposition] of cases) {
    it(title, () => {
      assert.equal(downloadFilename({ id: 9, title }, 'epub'), filename);
      assert.equal(contentDisposition({ id: 9, title }, 'epub'), disposition);
    });
  }

  it('cuts long titles at a word, at most 60 characters', () => {
    const name = downloadFilename({ id: 9, title: 'word '.repeat(30) }, '.TXT');
    assert.ok(name.endsWith('_word.txt'));
    assert.ok(name.length - '.txt'.length <= 60);
    assert.equal(downloadFilename({ id: 9, title: 'x'.repeat(80) }, 'html'), `${'x'.repeat(60)}.html`);
  });
});

describe('meta block', () => {
  it('reads like AO3', () => {
    const work = { ...seedWork(), complete: false, expectedChapters: null };
    const rows = Object.fromEntries(metaRows(work).map((r) => [r.label, r.values.join(', ')]));
    assert.deepEqual(rows, {
      Rating: 'Teen And Up Audiences',
      'Archive Warnings': 'No Archive Warnings Apply',
      Categories: 'F/M',
      Fandoms: 'Smallville',
      Relationships: 'Lex/Lana',
      Characters: 'Lex Luthor, Lana Lang',
      'Additional Tags': 'Future AU, Angst',
      Language: 'English',
      Series: 'Part 5 of Symphony',
      Published: '2006-01-21',
      Updated: '2006-01-28',
      Words: '641',
      Chapters: '2/?',
    });
  });

  const counts: [boolean, number | null, string][] = [
    [false, null, '2/?'],
    [false, 5, '2/5'],
    [true, null, '2/2'],
    [true, 2, '2/2'],
  ];
  for (const [complete, expectedChapters, expected] of counts) {
    it(`chapters ${expected}`, () =>
      assert.equal(chapterCount({ ...seedWork(), complete, expectedChapters }), expected));
  }

  it('validates languages', () => {
    assert.equal(languageTag('EN-gb'), 'en-GB');
    assert.equal(languageTag('not a tag'), 'und');
    assert.equal(languageName('ja'), 'Japanese');
    assert.equal(languageName('???'), 'Unknown');
  });
});
