import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeAo3Download, parseAo3Html } from './ao3-html.ts';
import { fixture, FIXTURES, parsed } from './ao3-test-support.ts';

describe('parseAo3Html: not an AO3 download', () => {
  const cases: [string, unknown][] = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['random HTML', '<html><body><h1>Hello</h1><p>World</p><div id="main">x</div></body></html>'],
    [
      'a journal post',
      `<div class="entry"><b>Title:</b> Lex Ex Machina<br/><b>Rating:</b> PG-13<br/><b>Pairing:</b> Lex/Clark<br/>
       <a name="cutid1"></a><p>Lex opens the door.</p></div><div class="comments">3 comments</div>`,
    ],
    ['binary junk', String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))],
    ['a PDF', '%PDF-1.7\n%âãÏÓ\n1 0 obj'],
    ['an EPUB', 'PK\u0003\u0004\u0014\u0000\u0000\u0000mimetypeapplication/epub+zip'],
    ['chapters only, never mentioning AO3', '<div id="chapters"><p>Just a page.</p></div>'],
    ['undefined', undefined],
    ['a number', 42],
  ];
  for (const [name, input] of cases) {
    it(`refuses ${name} with a problem`, () => {
      const result = parseAo3Html(input as string);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.problem.length > 0);
      assert.equal(looksLikeAo3Download(input as string), false);
    });
  }

  it('refuses a download cut off before its chapters, though it looks like one', () => {
    const cut = fixture('single-chapter.html').split('<div id="chapters"')[0]!;
    assert.equal(looksLikeAo3Download(cut), true);
    assert.deepEqual(parseAo3Html(cut), {
      ok: false,
      problem: "This doesn't look like an AO3 HTML download: it has no chapters section.",
    });
  });
});

/** Runs `f`, timing it by the clock and by the process's CPU time, in milliseconds. */
function timed<T>(f: () => T): { result: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = f();
  const wall = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  return { result, wall, cpu: (user + system) / 1000 };
}

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
  '<div class="meta group">', '<h2 class="heading">Chapter 9: X</h2>', '</div>', '<div class="userstuff">',
  '<div id="chapters">', '<div id="preface">', '<div id="endnotes3">', '<dt>Series:</dt>', '<dd>', '</dd>', '<dt>',
  'Part 99999999 of', '<a href="', '">', '</a>', 'Chapters: 9/?', 'Published: 2099-99-99', '<p>Summary</p>',
  '<blockquote>', '&amp;', '&#x1F600;', '&bogus;', '<', '>', '"', '<!--', '-->', '<script>', '</script>', '\u0000',
  '\ud800', '漢字', '\n', ' ', ':',
]; // prettier-ignore

function mutate(html: string, rand: () => number): string {
  const at = () => Math.floor(rand() * (html.length + 1));
  const r = rand();
  if (r < 0.25) {
    const [a, b] = [at(), at()].sort((x, y) => x - y);
    return html.slice(a, b);
  }
  let out = html;
  const steps = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < steps; i++) {
    const a = Math.floor(rand() * (out.length + 1));
    const b = Math.min(out.length, a + Math.floor(rand() * 400));
    const k = rand();
    if (k < 0.3) out = out.slice(0, a) + out.slice(b);
    else if (k < 0.5) out = out.slice(0, b) + out.slice(a, b) + out.slice(b);
    else out = out.slice(0, a) + PIECES[Math.floor(rand() * PIECES.length)]! + out.slice(a);
  }
  return out;
}

describe('parseAo3Html: robustness', () => {
  it('never throws on slices and mutations of the fixtures', () => {
    const rand = random(20240611);
    let ok = 0;
    for (const name of FIXTURES) {
      const html = fixture(name);
      for (let i = 0; i < 150; i++) {
        const input = mutate(html, rand);
        looksLikeAo3Download(input);
        const result = parseAo3Html(input);
        if (result.ok) {
          ok++;
          assert.ok(result.work.chapters.length >= 1);
          assert.equal(typeof result.work.title, 'string');
          assert.ok(result.work.title.length > 0);
        } else assert.ok(result.problem.length > 0);
      }
    }
    assert.ok(ok > 0);
  });

  it('parses a 5 MB multi-chapter download in well under a second', () => {
    const base = fixture('multi-chapter.html');
    const start = base.indexOf('<div class="meta group">');
    const end = base.indexOf('</div>\n\n<div id="afterword">');
    const paragraph =
      '<p>Crowley played it <i>con spite</i>, &amp; Aziraphale pretended not to notice.</p>\n';
    const chapter = (n: number) =>
      `<div class="meta group"><h2 class="heading">Chapter ${n}: Movement ${n}</h2>
      <p>Chapter Notes</p><blockquote class="userstuff"><p>Notes ${n}</p></blockquote></div>
      <div class="userstuff">${paragraph.repeat(300)}</div>
      <div class="meta" id="endnotes${n}"><p>Chapter End Notes</p><blockquote class="userstuff"><p>End ${n}</p></blockquote></div>\n`;
    const count = Math.ceil((5 * 1024 * 1024) / chapter(1).length);
    const chapters = Array.from({ length: count }, (_, i) => chapter(i + 1)).join('');
    const html = (base.slice(0, start) + chapters + base.slice(end)).replace(
      'Chapters: 3/?',
      `Chapters: ${count}/${count}`,
    );
    assert.ok(html.length >= 5 * 1024 * 1024);
    const { result: work, wall, cpu } = timed(() => parsed(html));
    console.log(`  5 MB, ${count} chapters: parsed in ${wall.toFixed(0)} ms (${cpu.toFixed(0)} ms of CPU)`);
    assert.equal(work.chapters.length, count);
    assert.equal(work.chapters[count - 1]?.endNotes, `<p>End ${count}</p>`);
    assert.deepEqual(work.problems, []);
    // CPU time too, so a machine busy with other work does not fail the test; a slow parser fails both.
    assert.ok(Math.min(wall, cpu) < 3000, `took ${wall} ms (${cpu} ms of CPU)`);
  });

  it('stays fast on hostile nesting and unterminated tags', () => {
    const wrap = (inner: string) =>
      `<div id="preface"><h1>T</h1></div><div id="chapters">${inner}</div> archiveofourown.org`;
    const inputs = [
      wrap('<b>'.repeat(500_000)),
      wrap('<div>'.repeat(200_000) + '</span>'.repeat(200_000)),
      wrap('<div class="meta group"><h2 class="heading">Chapter 1</h2></div>'.repeat(20_000)),
      wrap('<div class="meta group"><h2>Chapter 1</h2></div><div class="userstuff"><p>'.repeat(50_000)),
      wrap('<div class="userstuff">' + '<div><blockquote class="userstuff">'.repeat(100_000)),
      '<div id="preface"' + ' <div'.repeat(300_000),
      '<'.repeat(1_000_000),
    ];
    for (const input of inputs) {
      const { result, wall, cpu } = timed(() => [parseAo3Html(input), looksLikeAo3Download(input)] as const);
      assert.ok(Math.min(wall, cpu) < 3000, `took ${wall} ms (${cpu} ms of CPU)`);
      assert.equal(typeof result[0].ok, 'boolean');
    }
  });
});
