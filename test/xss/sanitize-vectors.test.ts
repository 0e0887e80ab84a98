// Every vector of the corpus through every way user HTML is stored (the sanitizer's profiles):
// the output, parsed again, holds only allowed elements and attributes, no event handler, no
// script-capable or protocol-relative URL, no image from another origin, and sanitizing it again
// changes nothing (a serialization the parser reads back differently is how mutation XSS starts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element, Node } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { htmlOrText, plainTextToHtml, sanitize } from '../../src/lib/sanitize.ts';
import { EVIL_ORIGIN, VECTORS } from './vectors.ts';

/** The elements user HTML may hold: written out here again, so a widened allowlist shows up in review. */
const ALLOWED_TAGS = new Set(
  (
    'p br em strong b i u s strike del ins small big cite q h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote hr a img ' +
    'table caption thead tbody tfoot tr th td colgroup col abbr acronym sub sup code pre kbd samp var span div ' +
    'center details summary figure figcaption ruby rt rp'
  ).split(' '),
);
/** Elements that must never come out, whatever the allowlist says. */
const NEVER = new Set(
  (
    'script style iframe frame frameset object embed applet portal form input button select textarea isindex ' +
    'svg math meta base link template noscript noembed noframes xmp listing plaintext title body html head ' +
    'video audio source picture image marquee'
  ).split(' '),
);
const GLOBAL_ATTRS = ['class', 'dir', 'lang'];
const ALLOWED_ATTRS: Record<string, string[]> = {
  a: ['href', 'title', 'name', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  acronym: ['title'],
  td: ['colspan', 'rowspan', 'align'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  ol: ['start', 'type'],
  q: ['cite'],
  blockquote: ['cite'],
};
const URL_ATTRS = new Set(['href', 'src', 'cite']);

/** What a browser's URL parser sees: leading/trailing C0 controls and spaces gone, tabs and newlines removed. */
function asBrowserReads(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}

function urlProblem(tag: string, value: string): string | null {
  const url = asBrowserReads(value);
  if (/^[/\\]{2}/.test(url)) return 'protocol-relative URL';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const allowed = tag === 'img' ? ['http', 'https'] : ['http', 'https', 'mailto'];
  if (scheme && !allowed.includes(scheme)) return `scheme ${scheme}:`;
  if (tag === 'img' && new URL(url, 'http://quire.test/').origin === EVIL_ORIGIN)
    return 'image from evil.test';
  return null;
}

/** Every problem with one sanitized output, as readable lines (empty when clean). */
export function problems(html: string): string[] {
  const found: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata')
        found.push(`a ${node.type} node`);
      if (!('name' in node) || !('attribs' in node)) {
        if ('children' in node) walk((node as Element).children);
        continue;
      }
      const el = node as Element;
      const tag = el.name.toLowerCase();
      if (NEVER.has(tag) || !ALLOWED_TAGS.has(tag)) found.push(`element <${tag}>`);
      for (const [name, value] of Object.entries(el.attribs)) {
        const attr = name.toLowerCase();
        if (attr.startsWith('on')) found.push(`event handler ${attr} on <${tag}>`);
        else if (!GLOBAL_ATTRS.includes(attr) && !(ALLOWED_ATTRS[tag] ?? []).includes(attr))
          found.push(`attribute ${attr} on <${tag}>`);
        if (URL_ATTRS.has(attr)) {
          const problem = urlProblem(tag, value);
          if (problem) found.push(`${problem} in ${attr} of <${tag}>: ${JSON.stringify(value)}`);
        }
      }
      walk(el.children);
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  return found;
}

const PROFILES: [string, (input: string) => string][] = [
  ['sanitize (HTML bodies, imports)', sanitize],
  ['htmlOrText (notes, summaries, comments, posts, descriptions)', htmlOrText],
  ['plainTextToHtml (the plain-text format)', plainTextToHtml],
];

describe('the XSS corpus through each sanitizer profile', () => {
  it('holds at least 150 vectors with unique ids, in every group', () => {
    assert.ok(VECTORS.length >= 150, `${VECTORS.length} vectors`);
    assert.equal(new Set(VECTORS.map((v) => v.id)).size, VECTORS.length);
    assert.ok(VECTORS.every((v) => /^[a-z]+\d\d$/.test(v.id)));
  });

  it('the checker itself sees the dangers it is meant to see', () => {
    assert.deepEqual(problems('<p onclick="x()">a</p>'), ['event handler onclick on <p>']);
    assert.deepEqual(problems('<a href="java\tscript:x">a</a>'), [
      'scheme javascript: in href of <a>: "java\\tscript:x"',
    ]);
    assert.deepEqual(problems('<img src="/\\evil.test/x">'), [
      'protocol-relative URL in src of <img>: "/\\\\evil.test/x"',
    ]);
    assert.deepEqual(problems('<svg></svg><p style="x">'), ['element <svg>', 'attribute style on <p>']);
    assert.deepEqual(problems('<img src="http://evil.test/x">'), [
      'image from evil.test in src of <img>: "http://evil.test/x"',
    ]);
    assert.deepEqual(problems('<p><!-- c --></p>'), ['a comment node']);
  });

  for (const [profile, run] of PROFILES) {
    it(`${profile}: nothing dangerous survives, and a second pass changes nothing`, () => {
      const failures: string[] = [];
      for (const v of VECTORS) {
        const out = run(v.html);
        for (const p of problems(out)) failures.push(`${v.id} (${v.group}: ${v.name}): ${p}\n    ${out}`);
        // Text the checker cannot see as markup must not hide a payload either.
        if (/<\s*(script|svg|iframe|style)\b/i.test(out)) failures.push(`${v.id}: raw markup in ${out}`);
        if (run !== plainTextToHtml) {
          // (plainTextToHtml writes ' as &#39;, the sanitizer as ': the same text.)
          const again = sanitize(out);
          if (again !== out.replaceAll('&#39;', "'"))
            failures.push(`${v.id}: not stable\n    once:  ${out}\n    twice: ${again}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  it('the plain-text profile escapes everything: only paragraphs and line breaks come out', () => {
    for (const v of VECTORS) {
      const out = plainTextToHtml(v.html);
      const tags = [...out.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
      assert.ok(
        tags.every((t) => t === 'p' || t === 'br'),
        `${v.id}: ${out}`,
      );
    }
  });
});
