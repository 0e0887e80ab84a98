import { SEED_POST } from '../../../test/seed.ts';
import { type SafeHtml } from '../../lib/safe-html.ts';
import { sanitize } from '../../lib/sanitize.ts';
import type { DownloadableWork } from './downloads.types.ts';

/** Works for the download tests. User HTML goes through the real sanitizer, as it does when stored. */

/** The story paragraphs of the seed post (test/fixtures/seed-post.txt), as plain text. */
export function seedParagraphs(): { header: Map<string, string>; paragraphs: string[] } {
  const lines = SEED_POST.replace(/\r\n?/g, '\n').split('\n');
  const header = new Map<string, string>();
  for (const line of lines) {
    const match = /^(Title|Summary|Fandom|Word Count|Pairing|A\/N): (.*)$/.exec(line);
    if (match && !header.has(match[1]!)) header.set(match[1]!, match[2]!.trim());
  }
  const start = lines.findIndex((l) => l.startsWith('A/N:'));
  const end = lines.findIndex((l) => l.trim() === 'symphony, fic');
  if (start < 0 || end <= start) throw new Error('seed-post.txt: no A/N line or tag line');
  const paragraphs = lines
    .slice(start + 1, end)
    .map((l) => l.trim())
    .filter(Boolean);
  return { header, paragraphs };
}

const paragraphsHtml = (texts: string[]) =>
  sanitize(texts.map((t) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n'));

/** "Symphony, Part V" from the seed post, with a short second chapter added. */
export function seedWork(): DownloadableWork {
  const { header, paragraphs } = seedParagraphs();
  return {
    id: 5,
    title: header.get('Title')!,
    url: 'https://quire.example/works/5',
    creators: ['mostdonest'],
    language: 'en',
    summary: paragraphsHtml([header.get('Summary')!]),
    notes: paragraphsHtml([header.get('A/N')!]),
    endNotes: sanitize('<p>Thank you for reading the whole <em>Symphony</em>.</p>'),
    rating: 'Teen And Up Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['F/M'],
    fandoms: [header.get('Fandom')!],
    relationships: [header.get('Pairing')!],
    characters: ['Lex Luthor', 'Lana Lang'],
    additionalTags: ['Future AU', 'Angst'],
    series: { title: 'Symphony', part: 5, url: 'https://quire.example/series/1' },
    publishedAt: '2006-01-21T19:20:00Z',
    revisedAt: '2006-01-28T08:00:00Z',
    complete: true,
    wordCount: 641,
    expectedChapters: 2,
    chapters: [
      {
        position: 1,
        title: null,
        summary: null,
        notes: null,
        endNotes: null,
        body: paragraphsHtml(paragraphs),
      },
      {
        position: 2,
        title: 'Coda',
        summary: sanitize('<p>Morning, after.</p>'),
        notes: null,
        endNotes: sanitize('<p>That really is the end.</p>'),
        body: paragraphsHtml([
          'The Talon smells of coffee and rain.',
          'Lana laughs at something he says, and for once Lex does not count the exits.',
        ]),
      },
    ],
  };
}

/** Everything awkward at once: Unicode, entities, images, tables, broken nesting, odd tags. */
export function hostileWork(): DownloadableWork {
  const s = (html: string): SafeHtml => sanitize(html);
  return {
    id: 42,
    title: '交響曲 — Part V',
    url: 'https://quire.example/works/42',
    creators: ['<b>Bold</b> & "Quoted"', 'ゆき'],
    language: 'ja',
    summary: s('<p>Tom &amp; Jerry &lt;3 &hellip; &copy;</p>'),
    notes: s('Plain notes\u0001 with a control character'),
    endNotes: s('<p><a name="fn1">1.</a> The footnote.</p>'),
    rating: 'Mature',
    warnings: ['Creator Chose Not To Use Archive Warnings'],
    categories: ['Gen', 'Other'],
    fandoms: ['交響曲 (Anime)'],
    relationships: [],
    characters: ['Yuki & Haru'],
    additionalTags: ['Angst & Fluff', '<script>alert(1)</script>', ']]>', '--'],
    series: { title: 'Songs & <Sonatas>', part: 2, url: 'https://quire.example/series/9?a=1&b=2' },
    publishedAt: '2024-02-29T23:59:59.999Z',
    revisedAt: '2024-03-01T00:00:00Z',
    complete: false,
    wordCount: 1234567,
    expectedChapters: null,
    chapters: [
      {
        position: 1,
        title: 'Ouverture <i>&</i> "Allegro"',
        summary: null,
        notes: s('<p>See the footnote<a href="#fn1">[1]</a> and <a href="/works/1">the prequel</a>.</p>'),
        endNotes: null,
        body: s(
          '<p>Line one<br>line two&nbsp;with&nbsp;spaces<p>Unclosed paragraph' +
            '<img src="https://images.example/a.png" alt="A picture">' +
            '<a href="https://example.com/"><img src="https://images.example/b.png"></a>' +
            '<img src="relative/c.png" alt="">' +
            '<table><tr><th align="center">Left</th><th>Right</th></tr>loose text<tr><td>1</td><td>2</td></tr></table>' +
            '<span><p>Word paste one</p><p>Word paste two</p></span>' +
            '<ul>stray<li>item one</li><li>item two<ol><li>nested</li></ol></li></ul>' +
            '<center>centred</center><big>big</big> <strike>struck</strike> <acronym title="x">ACR</acronym>' +
            '<hr><p lang="fr" dir="sideways" class="9bad ok">Fran&ccedil;ais</p><li>orphan item</li>' +
            '<pre>  code\n    indented</pre><p>Tab\tand emoji 🎻 and &#x1F3BB;</p>',
        ),
      },
    ],
  };
}

/** The least a work can have: one untitled chapter, no creators, no series, a bad language tag. */
export function minimalWork(): DownloadableWork {
  return {
    ...seedWork(),
    id: 7,
    title: 'x',
    creators: [],
    language: 'not a language!',
    summary: null,
    notes: null,
    endNotes: null,
    warnings: [],
    categories: [],
    additionalTags: [],
    series: null,
    publishedAt: 'not a date',
    revisedAt: 'not a date',
    expectedChapters: 1,
    chapters: [
      { position: 1, title: null, summary: null, notes: null, endNotes: null, body: sanitize('Hi.') },
    ],
  };
}
