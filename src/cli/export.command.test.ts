import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { quire } from '../../test/cli.ts';
import { seedSmallArchive } from '../../test/content.ts';
import { eachDialect } from '../../test/harness.ts';

const readJson = <T = Record<string, unknown>>(file: string): T =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as T;

eachDialect('quire export', (env) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-export-'));
  let vars: Record<string, string>;
  let seeded: Awaited<ReturnType<typeof seedSmallArchive>>;

  before(async () => {
    const { config, dataDir } = env();
    vars = {
      QUIRE_DATA: dataDir,
      DATABASE_URL: config.database.dialect === 'postgres' ? config.database.url : '',
    };
    seeded = await seedSmallArchive(env().ctx, env().app);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--all writes every work (drafts too), entry, comment and forum post as JSON and HTML', async () => {
    const dir = path.join(tmp, 'all');
    const run = await quire(['export', '--all', dir], vars);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      `Exported 3 works (4 chapters), 2 entries, 2 comments, 2 forum posts and 3 account(s) to ${dir}\n`,
    );
    const manifest = readJson<{ format: string; scope: string; counts: Record<string, number> }>(
      path.join(dir, 'manifest.json'),
    );
    assert.equal(manifest.format, 'quire-export');
    assert.equal(manifest.scope, 'all');

    const work = readJson<{
      title: string;
      notes: string;
      tags: Record<string, string[]>;
      creators: { username: string }[];
      chapters: { title: string; body: string; posted: number }[];
    }>(path.join(dir, 'works', `${seeded.annWork.id}.json`));
    assert.equal(work.title, 'Ann’s Symphony');
    assert.match(work.notes, /I’m done/);
    assert.deepEqual(work.tags.fandom, ['Smallville']);
    assert.deepEqual(work.tags.relationship, ['Lex Luthor/Lana Lang']);
    assert.deepEqual(
      work.creators.map((c) => c.username),
      [seeded.ann.username],
    );
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.posted),
      [1, 0],
    );
    const html = fs.readFileSync(path.join(dir, 'works', `${seeded.annWork.id}.html`), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Ann’s Symphony/);
    assert.match(html, /A draft chapter\./);
    assert.match(html, /Coda \(draft\)/);
    assert.ok(
      fs.existsSync(path.join(dir, 'works', `${seeded.annDraft.id}.html`)),
      'the draft work is exported',
    );

    const entries = readJson<{ subject: string; security: string; tags: string[]; journal_name: string }[]>(
      path.join(dir, 'entries.json'),
    );
    assert.deepEqual(
      entries.map((e) => [e.subject, e.security]),
      [
        ['A public entry', 'public'],
        ['A private entry', 'private'],
      ],
    );
    assert.deepEqual(entries[0]!.tags, ['fic', 'meta']);
    const journalPages = fs.readdirSync(path.join(dir, 'journals'));
    assert.equal(journalPages.length, 1);
    const journal = fs.readFileSync(path.join(dir, 'journals', journalPages[0]!), 'utf8');
    assert.match(journal, /security: private/);
    assert.match(journal, /<\/html>\n$/);

    const comments = readJson<{ body: string; username: string }[]>(path.join(dir, 'comments.json'));
    assert.deepEqual(
      comments.map((c) => c.username),
      [seeded.ben.username, seeded.ann.username],
    );
    const posts = readJson<{ body: string; thread_title: string }[]>(path.join(dir, 'forum-posts.json'));
    assert.deepEqual(
      posts.map((p) => p.thread_title),
      ['Hello, board', 'Hello, board'],
    );
    const accounts = fs.readFileSync(path.join(dir, 'accounts.json'), 'utf8');
    assert.doesNotMatch(accounts, /password|scrypt/);
    const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    assert.match(index, new RegExp(`href="works/${seeded.benWork.id}\\.html"`));
  });

  it('--user NAME holds only what that account owns', async () => {
    const dir = path.join(tmp, 'ben');
    const run = await quire(['export', '--user', seeded.ben.username, dir], vars);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'works')).sort(), [
      `${seeded.benWork.id}.html`,
      `${seeded.benWork.id}.json`,
    ]);
    assert.deepEqual(readJson(path.join(dir, 'entries.json')), []);
    const comments = readJson<{ user_id: number; body: string }[]>(path.join(dir, 'comments.json'));
    assert.deepEqual(
      comments.map((c) => c.user_id),
      [seeded.ben.id],
    );
    const posts = readJson<{ author_id: number }[]>(path.join(dir, 'forum-posts.json'));
    assert.deepEqual(
      posts.map((p) => p.author_id),
      [seeded.ben.id],
    );
    const accounts = readJson<{ username: string }[]>(path.join(dir, 'accounts.json'));
    assert.deepEqual(
      accounts.map((a) => a.username),
      [seeded.ben.username],
    );
    const all = fs.readdirSync(dir, { recursive: true }).map(String);
    for (const file of all.filter((f) => f.endsWith('.json') || f.endsWith('.html'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(text, /Ann’s (Symphony|Unfinished)|A private entry|Ann returns/, file);
    }
  });

  it('refuses with one line: no scope, a folder in use, an unknown account', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['export', path.join(tmp, 'x')],
        /^quire: say what to export: --all \(everything\) or --user NAME \(one account\)\n$/,
      ],
      [
        ['export', '--all', path.join(tmp, 'all')],
        /^quire: .+all is not empty; choose a new or empty folder\n$/,
      ],
      [
        ['export', '--user', 'nobody_here', path.join(tmp, 'y')],
        /^quire: --user: no account named "nobody_here"\n$/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await quire(args, vars);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
    }
  });
});
