// Crash safety of a bulk import: the real `quire import lj-xml` on a LiveJournal export, killed
// with SIGKILL at seeded moments while it writes, run again until it finishes. After every kill the
// database is sound and nothing is half-written (each imported fic has its work, its chapter and its
// text; no work without its import); at the end every entry is imported exactly once, locked
// entries' fics are drafts, and another run finds everything already there. Both databases.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { connect, type Dialect } from '../../src/db/connect.ts';
import { escapeHtml } from '../../src/lib/safe-html.ts';
import { openRuntime } from '../../src/runtime.ts';
import { BIN, quire } from '../cli.ts';
import { makeUser } from '../factories.ts';
import { createPostgresDatabase, dialects } from '../harness.ts';
import { killHard, seededRandom } from './server-process.ts';

const SEED = Number(process.env.CRASH_SEED ?? 20261124);
const ENTRIES = 900;
const KILLS = 3;
/** Every third entry is a fic; every tenth entry is friends-locked. */
const isFic = (i: number) => i % 3 === 0;
const isLocked = (i: number) => i % 10 === 0;
const FICS = Array.from({ length: ENTRIES }, (_, i) => i + 1).filter(isFic);

function exportXml(): string {
  const story = 'The lamps went out one by one along the pier, and she counted them.\n\n'.repeat(30);
  const parts = ['<?xml version="1.0" encoding="utf-8"?>', '<livejournal>'];
  for (let i = 1; i <= ENTRIES; i++) {
    const time = new Date(Date.UTC(2004, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const event = isFic(i)
      ? `Title: Lantern ${i}\nSummary: The ${i}th night.\nFandom: Smallville\nRating: PG\nPairing: Lex/Lana\n\n${story}`
      : `Day ${i}: the cat knocked the plant over again.`;
    parts.push(
      `<entry><itemid>${i}</itemid><eventtime>${time}</eventtime><logtime>${time}</logtime>` +
        `<subject>${isFic(i) ? `Fic: Lantern ${i}` : `Entry ${i}`}</subject>` +
        `<event>${escapeHtml(event)}</event>` +
        `<security>${isLocked(i) ? 'usemask' : 'public'}</security><allowmask>1</allowmask>` +
        `<taglist>${isFic(i) ? 'fic' : 'life'}</taglist></entry>`,
    );
  }
  parts.push('</livejournal>');
  return parts.join('\n');
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  const skip = dialects.includes(dialect) ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';
  describe(
    `crash safety: kill -9 during a bulk import [${dialect}] (seed ${SEED})`,
    { skip, timeout: 240_000 },
    () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-import-crash-'));
      const file = path.join(dataDir, 'journal.xml');
      let env: Record<string, string>;
      let userId = 0;
      let drop: (() => Promise<void>) | undefined;

      before(async () => {
        let databaseUrl = '';
        if (dialect === 'postgres') {
          const database = await createPostgresDatabase();
          databaseUrl = database.url;
          drop = database.drop;
        }
        env = { QUIRE_DATA: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
        const runtime = await openRuntime({ config: loadConfig(env), log: pino({ level: 'silent' }) });
        userId = (await makeUser(runtime.ctx, { username: 'lantern_keeper' })).id;
        await runtime.close();
        fs.writeFileSync(file, exportXml());
      });

      after(async () => {
        await drop?.();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });

      it('keeps every finished entry whole through each kill, and ends with each entry once', async (t) => {
        const connection = await connect(loadConfig(env).database);
        const db = connection.db;
        const imported = async () =>
          Number(
            (
              await db
                .selectFrom('imports')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('user_id', '=', userId)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const assertWhole = async (when: string) => {
          if (dialect === 'sqlite') {
            const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
            assert.deepEqual(
              rows.rows.map((r) => r.integrity_check),
              ['ok'],
              `${when}: integrity`,
            );
          }
          // Every fic imported so far has its work, with a chapter that has its text.
          const fics = await db
            .selectFrom('imports')
            .leftJoin('import_works', 'import_works.import_id', 'imports.id')
            .leftJoin('chapters', 'chapters.work_id', 'import_works.work_id')
            .select(['imports.source_key', 'import_works.work_id', 'chapters.body'])
            .where('imports.user_id', '=', userId)
            .where('imports.entry', 'like', '%Lantern%')
            .execute();
          for (const fic of fics) {
            assert.ok(fic.work_id, `${when}: ${fic.source_key} was recorded without its work`);
            assert.match(
              fic.body ?? '',
              /lamps went out/,
              `${when}: ${fic.source_key}'s chapter has no text`,
            );
          }
          // And no work of the importer exists without its import (a work written, its record lost).
          const orphans = await db
            .selectFrom('works')
            .innerJoin('work_creators', 'work_creators.work_id', 'works.id')
            .leftJoin('import_works', 'import_works.work_id', 'works.id')
            .select('works.id')
            .where('work_creators.user_id', '=', userId)
            .where('import_works.work_id', 'is', null)
            .execute();
          assert.deepEqual(orphans, [], `${when}: works without their import`);
        };

        const random = seededRandom(SEED);
        const args = ['import', 'lj-xml', file, '--as', 'lantern_keeper', '--no-progress'];
        const counts: number[] = [];
        for (let round = 1; round <= KILLS; round++) {
          const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
            env: { ...process.env, ...env },
            stdio: 'ignore',
          });
          const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
          // Kill it once it is writing (more entries than before), a seeded moment later.
          const before = await imported();
          while (child.exitCode === null && (await imported()) <= before)
            await new Promise((resolve) => setTimeout(resolve, 20));
          await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400)));
          await killHard(child);
          await exited;
          counts.push(await imported());
          await assertWhole(`after kill ${round}`);
        }
        assert.ok(
          counts.some((n) => n > 0 && n < ENTRIES),
          `a kill landed mid-import (entries imported after each kill: ${counts.join(', ')})`,
        );

        const finished = await quire(args, env);
        assert.equal(finished.code, 0, finished.stderr);
        await assertWhole('after the last run');
        assert.equal(await imported(), ENTRIES, 'every entry imported once');
        const works = await db
          .selectFrom('works')
          .innerJoin('work_creators', 'work_creators.work_id', 'works.id')
          .select(['works.title', 'works.posted'])
          .where('work_creators.user_id', '=', userId)
          .execute();
        assert.deepEqual(
          works.map((w) => w.title).sort(),
          FICS.map((i) => `Lantern ${i}`).sort(),
          'one work per fic, none twice',
        );
        const drafts = works.filter((w) => !w.posted).map((w) => Number(w.title.split(' ')[1]));
        assert.deepEqual(
          drafts.sort((a, b) => a - b),
          FICS.filter(isLocked),
          'locked entries’ fics are drafts',
        );

        const again = await quire(args, env);
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, new RegExp(`0 imported .* ${ENTRIES} already imported`));
        t.diagnostic(`entries imported after each kill: ${counts.join(', ')} of ${ENTRIES}`);
        await connection.close();
      });
    },
  );
}
