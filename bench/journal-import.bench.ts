// Journal import benchmark: a LiveJournal XML export of 10,000 entries (a fic in every FIC_EVERY-th
// entry, each fic ~1,500 words; the rest ordinary entries), read and imported as `quire import lj-xml`
// does, on SQLite (a file, WAL) and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
// Then the same again, to time a second run that finds everything imported. Target: ≤ 20 s.
// Run: `npm run bench:import` (ENTRIES=… FIC_EVERY=… to change the mix).
import type { Dialect } from '../src/db/connect.ts';
import { importJournal } from '../src/features/importer/journal-import.service.ts';
import { parseLjXml } from '../src/features/importer/lj-xml/lj-xml.ts';
import { escapeHtml } from '../src/lib/safe-html.ts';
import { makeUser } from '../test/factories.ts';
import { createTestEnv } from '../test/harness.ts';

const ENTRIES = Number(process.env.ENTRIES ?? 10_000);
const FIC_EVERY = Number(process.env.FIC_EVERY ?? 4);
const rows: string[] = [];

const PARAGRAPH =
  'Lex opens the door of the apartment over the Talon without knocking. Lana is standing at the counter in the kitchen staring down a cup of coffee, and neither of them says what they came to say.';

function ficEvent(i: number): string {
  const story = Array.from({ length: 40 }, () => PARAGRAPH).join('\n\n');
  return `Title: Symphony, Part ${i}
Summary: Peace, in part ${i}.
Fandom: Smallville
Word Count: 1500
Rating/Warnings: PG-13, future AU
Pairing: Lex/Lana
A/N: Written for the ${i}th prompt.

${story}`;
}

function diaryEvent(i: number): string {
  return `Day ${i}. Work was long; the cat knocked the <b>plant</b> over again.\nListening to the new album on repeat.`;
}

function exportXml(): string {
  const parts = ['<?xml version="1.0" encoding="utf-8"?>', '<livejournal>'];
  for (let i = 1; i <= ENTRIES; i++) {
    const fic = i % FIC_EVERY === 0;
    const day = new Date(Date.UTC(2003, 0, 1) + i * 3_600_000 * 7)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    parts.push(
      `<entry><itemid>${i}</itemid><eventtime>${day}</eventtime><logtime>${day}</logtime>` +
        `<subject>${fic ? `Fic: Symphony, Part ${i}` : `Entry ${i}`}</subject>` +
        `<event>${escapeHtml(fic ? ficEvent(i) : diaryEvent(i))}</event>` +
        `<security>${i % 10 === 0 ? 'usemask' : 'public'}</security><allowmask>1</allowmask>` +
        `<current_mood>tired</current_mood><current_music>Iowa</current_music>` +
        `<taglist>${fic ? 'fic, symphony' : 'life'}</taglist></entry>`,
    );
  }
  parts.push('</livejournal>');
  return parts.join('\n');
}

async function run(dialect: Dialect, xml: string) {
  const env = await createTestEnv(dialect);
  try {
    const user = await makeUser(env.ctx, { username: 'journal_owner' });
    const viewer = { id: user.id, username: user.username, email: user.email, role: user.role };
    let start = performance.now();
    const { entries } = parseLjXml(xml);
    const parseMs = performance.now() - start;
    start = performance.now();
    const report = await importJournal(env.ctx, viewer, entries, { journal: 'bench', mode: 'post' });
    const importMs = performance.now() - start;
    start = performance.now();
    const again = await importJournal(env.ctx, viewer, entries, { journal: 'bench', mode: 'post' });
    const againMs = performance.now() - start;
    if (report.failed.length || again.imported)
      throw new Error(`unexpected: ${JSON.stringify(report.failed[0])}`);
    const total = (parseMs + importMs) / 1000;
    rows.push(
      `| ${dialect} | ${ENTRIES.toLocaleString('en')} (${report.works.toLocaleString('en')} fics) | ${(xml.length / 1e6).toFixed(1)} MB | ${(parseMs / 1000).toFixed(2)} s | ${(importMs / 1000).toFixed(1)} s | **${total.toFixed(1)} s** | ${(againMs / 1000).toFixed(2)} s |`,
    );
  } finally {
    await env.close();
  }
}

const xml = exportXml();
const targets: Dialect[] =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!process.env.TEST_DATABASE_URL && process.env.BENCH_DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
for (const dialect of targets) await run(dialect, xml);
console.log(
  '\n| Database | Entries | Export | Read XML | Import | Total (target ≤ 20 s) | Second run (all already imported) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
