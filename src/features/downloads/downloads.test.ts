import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { escapeHtml } from '../../lib/safe-html.ts';
import { hostileWork, minimalWork, seedParagraphs, seedWork } from './downloads.fixtures.ts';
import type { DownloadableWork } from './downloads.types.ts';
import { buildEpub } from './epub.ts';
import { EBOOK_META, ebookMeta } from './ebook-meta.ts';
import { EPUBCHECK, epubcheck } from './epubcheck.ts';
import { buildHtml } from './html.ts';
import { allTags, chapterHeading } from './meta.ts';
import { buildText } from './txt.ts';
import { xmlProblem } from './xml-check.ts';

const WORKS: [string, () => DownloadableWork][] = [
  ['the seed post', seedWork],
  ['a hostile work', hostileWork],
  ['a minimal work', minimalWork],
];

/** The XML escaping our generators use, to look for strings in their output. */
const x = (text: string) => escapeHtml(text);

for (const [name, makeWork] of WORKS) {
  describe(`buildEpub: ${name}`, () => {
    const work = makeWork();
    let epub: Buffer;
    let files: Record<string, Uint8Array>;
    const text = (path: string) => strFromU8(files[path]!);
    before(async () => {
      epub = await buildEpub(work);
      files = unzipSync(new Uint8Array(epub));
    });

    it('starts with "mimetype", stored uncompressed, without extra field', () => {
      assert.equal(epub.readUInt32LE(0), 0x04034b50, 'local file header signature');
      assert.equal(epub.readUInt16LE(8), 0, 'compression method: stored');
      assert.equal(epub.readUInt16LE(26), 8, 'name length');
      assert.equal(epub.readUInt16LE(28), 0, 'extra field length');
      assert.equal(epub.toString('latin1', 30, 38), 'mimetype');
      assert.equal(epub.readUInt32LE(18), 20, 'compressed size = size');
      assert.equal(epub.toString('latin1', 38, 58), 'application/epub+zip');
    });

    it('points META-INF/container.xml at the package document', () => {
      assert.match(text('META-INF/container.xml'), /full-path="OEBPS\/content\.opf"/);
      assert.ok(files['OEBPS/content.opf']);
    });

    it('describes the work in the OPF metadata', () => {
      const opf = text('OEBPS/content.opf');
      const expected = [
        `<dc:identifier id="uid">urn:quire:work:${work.id}</dc:identifier>`,
        `<dc:title id="title">${x(work.title)}</dc:title>`,
        '<dc:publisher>Quire</dc:publisher>',
        ...work.creators.map((c) => `>${x(c)}</dc:creator>`),
        ...allTags(work).map((tag) => `<dc:subject>${x(tag)}</dc:subject>`),
      ];
      for (const needle of expected) assert.ok(opf.includes(needle), `OPF has ${needle}`);
      assert.match(opf, /<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
      assert.match(opf, /<dc:language>[a-z]{2,3}<\/dc:language>/);
      assert.equal(opf.includes('belongs-to-collection'), work.series !== null);
      assert.equal(opf.includes('<dc:description>'), work.summary !== null);
    });

    it('has one XHTML file per chapter, in the spine and both tables of contents', () => {
      const chapters = Object.keys(files).filter((f) => /^OEBPS\/chapter-\d+\.xhtml$/.test(f));
      assert.equal(chapters.length, work.chapters.length);
      const [opf, nav, ncx] = ['content.opf', 'nav.xhtml', 'toc.ncx'].map((f) => text(`OEBPS/${f}`));
      work.chapters.forEach((chapter, i) => {
        const file = chapters.sort()[i]!;
        const href = file.slice('OEBPS/'.length);
        const heading = x(chapterHeading(work, chapter));
        assert.ok(text(file).includes(`<h2>${heading}</h2>`), `${file} has its heading`);
        assert.ok(opf!.includes(`<itemref idref="chapter-${i + 1}"/>`), 'in the spine');
        assert.ok(nav!.includes(`<a href="${href}">${heading}</a>`), 'in nav.xhtml');
        assert.ok(ncx!.includes(`<text>${heading}</text></navLabel><content src="${href}"/>`), 'in toc.ncx');
      });
      assert.equal('OEBPS/endnotes.xhtml' in files, work.endNotes !== null);
    });

    it('writes only well-formed XML', () => {
      const xml = Object.keys(files).filter((f) => /\.(xhtml|opf|ncx|xml)$/.test(f));
      assert.ok(xml.length >= 5);
      for (const file of xml) assert.equal(xmlProblem(text(file)), null, file);
    });

    it('references no remote resources', () => {
      for (const [file, bytes] of Object.entries(files)) {
        assert.doesNotMatch(strFromU8(bytes), /<img|\ssrc="http|url\(/, file);
      }
    });
  });
}

describe('buildEpub: metadata details', () => {
  it('carries the series the EPUB 3 way and the calibre way', async () => {
    const opf = strFromU8(unzipSync(new Uint8Array(await buildEpub(seedWork())))['OEBPS/content.opf']!);
    for (const needle of [
      '<meta property="belongs-to-collection" id="c1">Symphony</meta>',
      '<meta refines="#c1" property="collection-type">series</meta>',
      '<meta refines="#c1" property="group-position">5</meta>',
      '<meta name="calibre:series" content="Symphony"/>',
      '<meta name="calibre:series_index" content="5"/>',
      '<dc:description>Peace.</dc:description>',
      '<dc:date>2006-01-21T19:20:00Z</dc:date>',
      '<dc:language>en</dc:language>',
      '<dc:subject>Smallville</dc:subject>',
      '<dc:subject>Teen And Up Audiences</dc:subject>',
      '<dc:subject>Lex/Lana</dc:subject>',
      '<dc:subject>Future AU</dc:subject>',
      '<dc:subject>Angst</dc:subject>',
    ]) {
      assert.ok(opf.includes(needle), needle);
    }
  });

  it('gives the same bytes for the same revision, and dates dcterms:modified by generatedAt', async () => {
    const work = seedWork();
    assert.deepEqual(await buildEpub(work), await buildEpub(work));
    assert.match(
      strFromU8(unzipSync(new Uint8Array(await buildEpub(work)))['OEBPS/content.opf']!),
      /dcterms:modified">2006-01-28T08:00:00Z</,
    );
    const generatedAt = new Date('2030-05-06T07:08:09.123Z');
    const opf = strFromU8(
      unzipSync(new Uint8Array(await buildEpub(work, { generatedAt })))['OEBPS/content.opf']!,
    );
    assert.match(opf, /dcterms:modified">2030-05-06T07:08:09Z</);
  });
});

// ---- epubcheck: the real validator, when this machine has it ----

describe('epubcheck', { skip: existsSync(EPUBCHECK) ? false : 'epubcheck not installed' }, () => {
  for (const [name, makeWork] of WORKS) {
    it(`finds no errors in ${name}`, { timeout: 180_000 }, async (t) => {
      const report = await epubcheck(await buildEpub(makeWork()));
      t.diagnostic(report.summary);
      for (const message of report.messages) t.diagnostic(message);
      assert.equal(report.fatals, 0, report.messages.join('\n'));
      assert.equal(report.errors, 0, report.messages.join('\n'));
    });
  }

  it('does report a broken EPUB (the check above is live)', { timeout: 180_000 }, async (t) => {
    const files = unzipSync(new Uint8Array(await buildEpub(seedWork())));
    const broken: Zippable = { mimetype: [files.mimetype!, { level: 0 }] };
    for (const [path, bytes] of Object.entries(files)) {
      if (path === 'mimetype') continue;
      broken[path] = path.endsWith('chapter-001.xhtml')
        ? strToU8(
            strFromU8(bytes).replace(
              '<body>',
              '<body><font>obsolete</font><img src="https://a.example/i.png" alt=""/>',
            ),
          )
        : bytes;
    }
    const report = await epubcheck(zipSync(broken));
    t.diagnostic(report.summary);
    assert.ok(report.errors >= 2, report.messages.join('\n'));
    assert.ok(
      report.messages.some((m) => m.includes('font')),
      'the obsolete element is named',
    );
    assert.ok(
      report.messages.some((m) => m.includes('RSC-006')),
      'the remote image is named',
    );
  });
});

// ---- calibre: what a reader's library reads from the file ----

describe('calibre ebook-meta', { skip: existsSync(EBOOK_META) ? false : 'calibre not installed' }, () => {
  it(
    'reads the title, creators, language, summary, tags and the series with its index',
    { timeout: 120_000 },
    async () => {
      const work = seedWork();
      const meta = await ebookMeta(new Uint8Array(await buildEpub(work)));
      assert.equal(meta.Title, 'Symphony, Part V');
      assert.equal(meta['Author(s)'], 'mostdonest');
      assert.equal(meta.Series, 'Symphony #5');
      assert.equal(meta.Languages, 'eng');
      assert.equal(meta.Comments, 'Peace.');
      const tags = (meta.Tags ?? '').split(', ');
      for (const tag of ['Smallville', 'Teen And Up Audiences', 'No Archive Warnings Apply', 'Lex/Lana'])
        assert.ok(tags.includes(tag), `calibre sees the tag ${tag}: ${meta.Tags}`);
      assert.match(meta.Published ?? '', /^2006-01-21/);
    },
  );
});

// ---- HTML and plain text ----

for (const [name, makeWork] of WORKS) {
  it(`buildHtml: ${name} is one self-contained, well-formed file`, () => {
    const work = makeWork();
    const html = buildHtml(work);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="[\w-]+">/);
    assert.match(html, /<style>[^<]*body \{/);
    assert.doesNotMatch(html, /<link|<script|<img|<iframe|\ssrc=|url\(|@import/i);
    assert.ok(html.includes(`<title>${x(work.title)}</title>`));
    work.chapters.forEach((_, i) => {
      assert.ok(html.includes(`<a href="#chapter-${i + 1}">`), 'chapter index entry');
      assert.ok(html.includes(`<section class="chapter" id="chapter-${i + 1}">`), 'chapter anchor');
    });
    const body = html.slice(html.indexOf('<body>'), html.indexOf('</body>') + '</body>'.length);
    assert.equal(xmlProblem(body), null, 'the body is polyglot markup');
  });
}

describe('plain text and HTML contents', () => {
  it('keeps the seed story: paragraphs separated by blank lines in TXT, escaped in HTML', () => {
    const { paragraphs } = seedParagraphs();
    const text = buildText(seedWork());
    assert.ok(text.startsWith('Symphony, Part V\n================\n\nby mostdonest\n'));
    assert.ok(
      text.includes(`\n\n${paragraphs.join('\n\n')}\n\n\n`),
      'story paragraphs, one blank line apart',
    );
    for (const needle of [
      'Rating: Teen And Up Audiences\n',
      'Series: Part 5 of Symphony\n',
      'Additional Tags: Future AU, Angst\n',
      'Chapters: 2/2\n',
      'Summary:\n\nPeace.\n',
      "Notes:\n\nWhat? I'm done?",
      '\n\n\nChapter 2: Coda\n---------------\n\nChapter Summary:\n\nMorning, after.\n',
      'End Notes:\n\nThank you for reading the whole Symphony.\n',
    ]) {
      assert.ok(text.includes(needle), needle);
    }
    const html = buildHtml(seedWork());
    for (const p of paragraphs) assert.ok(html.includes(`<p>${x(p)}</p>`), p.slice(0, 30));
  });

  it('turns hostile HTML into readable text', () => {
    const text = buildText(hostileWork());
    for (const needle of [
      '交響曲 — Part V\n============\n',
      'by <b>Bold</b> & "Quoted", ゆき\n',
      'Additional Tags: Angst & Fluff, <script>alert(1)</script>, ]]>, --\n',
      'Chapters: 1/?\n',
      'Tom & Jerry <3 … ©',
      'Line one\nline two with spaces\n\nUnclosed paragraph[Image: A picture]',
      'Left | Right\n',
      '- item one\n- item two\n  1. nested\n',
      '\n\n* * *\n\n',
      '  code\n    indented',
      'Plain notes with a control character\n',
    ]) {
      assert.ok(text.includes(needle), needle);
    }
    assert.doesNotMatch(text, /&amp;|&nbsp;|\u00a0|<p>|<br/);
    assert.ok(!text.includes('\u0001'), 'control characters dropped');
  });
});
