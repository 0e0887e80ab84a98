import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseAo3Html, type Ao3Work } from './ao3-html.ts';

/** Shared by the AO3 download tests: the fixtures, a parse that must succeed, and a minimal download. */

export const FIXTURES = [
  'single-chapter.html',
  'multi-chapter.html',
  'non-english.html',
  'old-format.html',
  'variant-no-summary.html',
  'variant-multiple-series.html',
];

export function fixture(name: string): string {
  return fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

export function parsed(html: string): Ao3Work {
  const result = parseAo3Html(html);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.work;
}

/** A minimal current-format download with the given `<dl class="tags">` rows and `#chapters` content. */
export function download(opts: { tags?: string; chapters?: string; extra?: string } = {}): string {
  const tags =
    opts.tags ??
    `<dt>Rating:</dt><dd><a href="/tags/G">General Audiences</a></dd>
     <dt>Fandom:</dt><dd><a href="/tags/F">Some Fandom</a></dd>
     <dt>Language:</dt><dd>English</dd>
     <dt>Stats:</dt><dd>Published: 2020-01-02 Words: 10 Chapters: 1/1</dd>`;
  return `<html><body><div id="preface"><p class="message"><b>T</b><br/>Posted originally on the
    <a href="https://archiveofourown.org/">Archive of Our Own</a> at
    <a href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1</a>.</p>
    <div class="meta"><dl class="tags">${tags}</dl><h1>T</h1><div class="byline">by <a rel="author" href="/u">u</a></div>
    ${opts.extra ?? ''}</div></div>
    <div id="chapters" class="userstuff">${opts.chapters ?? '<div class="userstuff"><p>Text.</p></div>'}</div>
    <div id="afterword"></div></body></html>`;
}
