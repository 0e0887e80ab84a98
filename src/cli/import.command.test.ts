import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { quire } from '../../test/cli.ts';
import { createPostgresDatabase, dialects } from '../../test/harness.ts';
import { SEED_POST, SEED_POST_FILE } from '../../test/seed.ts';
import { escapeHtml } from '../lib/safe-html.ts';

const SEED_FILE = SEED_POST_FILE;

describe('quire import parse', () => {
  it('prints the seed post’s parse as JSON, in the documented shape, and writes nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-parse-'));
    const run = await quire(['import', 'parse', SEED_FILE, '--json'], { QUIRE_DATA: dataDir });
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.source.journalTitle, 'You might say I’m the most donest of all.'.replace('’', "'"));
    assert.equal(out.source.postedAt, '2006-01-21T19:20:00');
    assert.deepEqual(out.source.tags, ['symphony', 'fic']);
    const [work] = out.works;
    assert.equal(work.title, 'Symphony, Part V');
    assert.deepEqual(work.series, { title: 'Symphony', part: 5 });
    assert.equal(work.summary, 'Peace.');
    assert.deepEqual(work.fandoms, ['Smallville']);
    assert.deepEqual(work.rating, { raw: 'PG-13', value: 'Teen And Up Audiences' });
    assert.deepEqual(work.relationships, ['Lex/Lana']);
    assert.deepEqual(work.warnings.additional, [
      'future AU (takes into account series up to Lexmas)',
      'soul-crushing angst',
    ]);
    assert.equal(work.wordCount.claimed, 595);
    assert.equal(work.wordCount.counted, 594);
    assert.match(work.body.text, /^Lex opens the door[\s\S]*she understands\.$/);
    for (const key of [
      'authors',
      'characters',
      'additionalTags',
      'notes',
      'endNotes',
      'chapter',
      'otherFields',
      'confidence',
      'problems',
    ])
      assert.ok(key in work, key);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no database was created');
  });

  it('says in one line what is wrong with a file it cannot read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bad-'));
    const empty = path.join(dir, 'empty.txt');
    const binary = path.join(dir, 'story.bin');
    const epub = path.join(dir, 'story.epub');
    fs.writeFileSync(empty, '');
    fs.writeFileSync(binary, Buffer.from([1, 2, 0, 3]));
    fs.writeFileSync(epub, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.txt'), /missing\.txt: cannot read it \(no such file\)/],
      [empty, /empty\.txt: The file is empty\./],
      [binary, /story\.bin: The file is binary/],
      [epub, /story\.epub: The file is a ZIP archive/],
    ];
    for (const [file, message] of cases) {
      const run = await quire(['import', 'parse', file], { QUIRE_DATA: dir });
      assert.equal(run.code, 1, file);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
    }
  });
});

const journal = (entries: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<livejournal>\n${entries}\n</livejournal>\n`;
const seedEntry = (itemid: number) => `<entry>
<itemid>${itemid}</itemid>
<eventtime>2006-01-21 19:20:00</eventtime>
<subject>Fic: Symphony, Part V</subject>
<event>${escapeHtml(SEED_POST.slice(SEED_POST.indexOf('Title:'), SEED_POST.indexOf('symphony, fic')).replace('Part V', `Part ${itemid}`))}</event>
<security>public</security>
<taglist>symphony, fic</taglist>
</entry>`;

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip = dialects.includes(dialect) ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';
  describe(`quire import [${dialect}]`, { skip }, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-import-'));
    let env: Record<string, string> = { QUIRE_DATA: dataDir };
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      if (dialect === 'postgres') {
        const database = await createPostgresDatabase();
        env = { ...env, DATABASE_URL: database.url };
        drop = database.drop;
      }
      const pw = path.join(dataDir, 'pw.txt');
      fs.writeFileSync(pw, 'correct horse battery staple\n');
      const made = await quire(
        ['user', 'create', '--username', 'lexfan', '--email', 'lex@example.org', '--password-file', pw],
        env,
      );
      assert.equal(made.code, 0, made.stderr);
    });
    after(async () => {
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('imports a post file as a work, once', async () => {
      const first = await quire(['import', SEED_FILE, '--as', 'lexfan'], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /seed-post\.txt: imported “Symphony, Part V” \(http:\/\/[^)]+\/works\/\d+\)/,
      );
      const again = await quire(['import', SEED_FILE, '--as', 'lexfan', '--draft'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /already imported as “Symphony, Part V”/);
    });

    it('keeps what a batch completed and says which files failed and why', async () => {
      const good = path.join(dataDir, 'good.txt');
      const huge = path.join(dataDir, 'huge.txt');
      const binary = path.join(dataDir, 'cover.png');
      fs.writeFileSync(good, SEED_POST.replace('Symphony, Part V', 'Overture'));
      fs.writeFileSync(huge, `Title: Too long\nFandom: X\n\n${'word '.repeat(1_800_000)}`);
      fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
      const run = await quire(['import', good, huge, binary, '--as', 'lexfan', '--draft'], env);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /good\.txt: imported “Overture”/);
      assert.match(run.stderr, /2 of 3 file\(s\) not imported \(1 imported\)/);
      assert.match(run.stderr, /huge\.txt: The file is 8\.6 MB, over the 8 MB limit\./);
      assert.match(run.stderr, /cover\.png: The file is a PNG image\./);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    });

    it('refuses an unknown account and a malformed export in one line, writing nothing', async () => {
      const unknown = await quire(['import', SEED_FILE, '--as', 'nobody'], env);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /^quire: --as: there is no account named "nobody"\n$/);

      const broken = path.join(dataDir, 'broken.xml');
      const text = journal(`${seedEntry(1)}\n<entry><itemid>2</itemid><subject>oops</entry>`);
      fs.writeFileSync(broken, text);
      const line = text.slice(0, text.indexOf('<subject>oops')).split('\n').length;
      const run = await quire(['import', 'lj-xml', broken, '--as', 'lexfan', '--no-progress'], env);
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`broken\\.xml: .*line ${line}, column \\d+: `));
      assert.equal(run.stderr.trim().split('\n').length, 1);
    });

    it('rebuilds the search index from the command line', async () => {
      const run = await quire(['search', 'reindex', '--no-progress'], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Indexed [1-9]\d* work\(s\); removed \d+ that may not be found\.\n$/);
    });

    it('imports a journal export idempotently, with a summary', async () => {
      const file = path.join(dataDir, 'journal.xml');
      fs.writeFileSync(
        file,
        journal(
          `${seedEntry(101)}\n<entry><itemid>102</itemid><eventtime>2006-01-22 10:00:00</eventtime><subject>life</subject><event>Just a day.</event></entry>`,
        ),
      );
      const first = await quire(
        ['import', 'lj-xml', file, '--as', 'lexfan', '--journal', 'lexfan', '--no-progress'],
        env,
      );
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /2 entries · 2 imported \(1 works or chapters, 1 without a fic\) · 0 already imported · 0 failed/,
      );
      const second = await quire(
        ['import', 'lj-xml', file, '--as', 'lexfan', '--journal', 'lexfan', '--no-progress'],
        env,
      );
      assert.match(second.stdout, /2 entries · 0 imported .* 2 already imported/);
    });
  });
}
