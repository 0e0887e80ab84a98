import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { quire } from '../../test/cli.ts';
import { createPostgresDatabase, dialects } from '../../test/harness.ts';
import { ftsColumns } from '../../bench/archive/sinks.ts';
import { loadConfig } from '../config.ts';
import { browseQuerySchema } from '../features/browse/browse.schema.ts';
import { browseWorks } from '../features/browse/browse.service.ts';
import { tsvectorTexts } from '../features/search/text/postgres-tsvector.ts';
import { loadSearchDoc } from '../features/search/text/search-index.ts';
import { expandFilterTags } from '../features/tags/filter-tags.ts';
import { findOrCreateTags } from '../features/tags/tags.repository.ts';
import { countWords } from '../lib/word-count.ts';
import { openRuntime, type Runtime } from '../runtime.ts';

const count = async (runtime: Runtime, query: string) => {
  const { rows } = await sql<{ n: number | string }>`${sql.raw(query)}`.execute(runtime.ctx.db);
  return Number(rows[0]!.n);
};

for (const dialect of ['sqlite', 'postgres'] as const) {
  const skip = dialects.includes(dialect) ? false : 'PostgreSQL not available (TEST_DATABASE_URL unset)';
  describe(`quire bench [${dialect}]`, { skip }, () => {
    const dirs = {
      short: fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-')),
      full: fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-')),
    };
    const env = { short: { QUIRE_DATA: dirs.short }, full: { QUIRE_DATA: dirs.full } } as Record<
      'short' | 'full',
      Record<string, string>
    >;
    const drops: (() => Promise<void>)[] = [];
    const runtimes: Runtime[] = [];
    const open = async (which: 'short' | 'full') => {
      const config = loadConfig({ ...env[which], LOG_LEVEL: 'silent' });
      const runtime = await openRuntime({ config, migrate: false });
      runtimes.push(runtime);
      return runtime;
    };
    before(async () => {
      if (dialect === 'postgres') {
        for (const which of ['short', 'full'] as const) {
          const database = await createPostgresDatabase();
          env[which] = { ...env[which], DATABASE_URL: database.url };
          drops.push(database.drop);
        }
      }
    });
    after(async () => {
      for (const runtime of runtimes) await runtime.close();
      for (const drop of drops) await drop();
      for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('seeds a consistent archive, and refuses to seed over one', async () => {
      const seeded = await quire(
        ['bench', 'seed', '--works', '300', '--data', dirs.short, '--seed', '7', '--no-progress', '--json'],
        env.short,
      );
      assert.equal(seeded.code, 0, seeded.stderr);
      const report = JSON.parse(seeded.stdout);
      assert.equal(report.works, 300);
      assert.equal(report.dialect, dialect);

      const again = await quire(['bench', 'seed', '--works', '10', '--data', dirs.short], env.short);
      assert.equal(again.code, 1);
      assert.match(
        again.stderr,
        /^quire: bench seed: the database already has 300 work\(s\).*--force[^\n]*\n$/,
      );

      const runtime = await open('short');
      const { db } = runtime.ctx;
      assert.equal(await count(runtime, 'select count(*) as n from works'), 300);
      for (const table of ['chapters', 'work_tags', 'work_filter_tags', 'work_creators']) {
        const missing = await count(
          runtime,
          `select count(*) as n from works w where not exists (select 1 from ${table} x where x.work_id = w.id)`,
        );
        assert.equal(missing, 0, `works without ${table}`);
      }
      // The revision rule's columns follow from the posted chapters (works/revision.ts).
      const wrong = await count(
        runtime,
        `select count(*) as n from works w where word_count <> (select coalesce(sum(word_count), 0)
           from chapters c where c.work_id = w.id and c.posted = 1)
         or posted_chapters <> (select count(*) from chapters c where c.work_id = w.id and c.posted = 1)
         or complete <> (case when posted = 1 and expected_chapters is not null
           and posted_chapters >= expected_chapters then 1 else 0 end)
         or (posted = 1 and (published_at is null or revised_at is null or major_version <> posted_chapters))`,
      );
      assert.equal(wrong, 0);
      // Filter tags are exactly what filter-tags.ts computes from the work's tags.
      const works = await db.selectFrom('works').select('id').orderBy('id').execute();
      for (const { id } of works) {
        const tags = await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', id).execute();
        const filters = await db
          .selectFrom('work_filter_tags')
          .select('tag_id')
          .where('work_id', '=', id)
          .orderBy('tag_id')
          .execute();
        assert.deepEqual(
          filters.map((f) => f.tag_id),
          await expandFilterTags(
            db,
            tags.map((t) => t.tag_id),
          ),
          `filter tags of work ${id}`,
        );
      }
      // Tags: only used ones; synonyms point at canonical tags; wrangled characters have their fandom.
      assert.equal(
        await count(
          runtime,
          'select count(*) as n from tags t where not exists (select 1 from work_tags w where w.tag_id = t.id)',
        ),
        0,
      );
      assert.equal(
        await count(
          runtime,
          `select count(*) as n from tags s join tags c on c.id = s.merger_id where c.canonical <> 1 or s.canonical <> 0`,
        ),
        0,
      );
      assert.equal(
        await count(
          runtime,
          `select count(*) as n from tags t where t.type in ('character', 'relationship') and t.canonical = 1
           and not exists (select 1 from tag_links l where l.child_id = t.id and l.kind = 'fandom')`,
        ),
        0,
      );
      const listable = await count(
        runtime,
        'select count(*) as n from works where posted = 1 and hidden_at is null',
      );
      const forGuests = await count(
        runtime,
        'select count(*) as n from works where posted = 1 and hidden_at is null and restricted = 0',
      );
      assert.equal(await count(runtime, 'select count(*) as n from work_search'), listable);
      const guest = await browseWorks(runtime.ctx, null, browseQuerySchema.parse({}));
      assert.equal(guest.total, forGuests);
      const user = await db
        .selectFrom('users')
        .select(['id', 'username', 'email', 'role'])
        .where('is_system', '=', 0)
        .executeTakeFirstOrThrow();
      const registered = await browseWorks(runtime.ctx, user, browseQuerySchema.parse({}));
      assert.equal(registered.total, listable);
      // Ids continue after the seeded ones (PostgreSQL sequences moved past them).
      await findOrCreateTags(db, 'freeform', ['A tag written after the seed'], new Date().toISOString());
    });

    it('writes full bodies counted and indexed as the app does, and runs the benchmarks', async () => {
      const seeded = await quire(
        ['bench', 'seed', '--works', '60', '--bodies', 'full', '--data', dirs.full, '--no-progress'],
        env.full,
      );
      assert.equal(seeded.code, 0, seeded.stderr);
      assert.match(seeded.stdout, /### Seeded 60 works/);
      const runtime = await open('full');
      const { db } = runtime.ctx;
      const chapters = await db.selectFrom('chapters').select(['body', 'word_count']).execute();
      for (const chapter of chapters) assert.equal(countWords(chapter.body), chapter.word_count);
      const average = await count(runtime, 'select avg(word_count) as n from works where posted = 1');
      assert.ok(average > 800 && average < 3000, `average ${average} words`);
      // Search entries equal what search-index.ts would write for each work.
      const indexed = await db.selectFrom('works').select('id').where('posted', '=', 1).limit(25).execute();
      for (const { id } of indexed) {
        const doc = await loadSearchDoc(db, id);
        if (!doc) continue;
        if (dialect === 'sqlite') {
          const { rows } = await sql<Record<string, string>>`
            select title, summary, notes, tags, creators, body from work_search where rowid = ${id}`.execute(
            db,
          );
          assert.deepEqual(Object.values(rows[0]!), ftsColumns(doc), `search entry of work ${id}`);
        } else {
          const text = tsvectorTexts(doc);
          const { rows } = await sql<{ same: boolean }>`
            select document = setweight(to_tsvector('simple', ${text.title}), 'A')
                || setweight(to_tsvector('simple', ${text.tagsAndCreators}), 'B')
                || setweight(to_tsvector('simple', ${text.summaryAndNotes}), 'C')
                || setweight(to_tsvector('simple', ${text.body}), 'D')
              and tags = to_tsvector('simple', ${text.tags})
              and creators = to_tsvector('simple', ${text.creators})
              and head = ts_filter(document, '{a,b,c}') as same
            from work_search where work_id = ${id}`.execute(db);
          assert.equal(rows[0]?.same, true, `search entry of work ${id}`);
        }
      }

      const browse = await quire(
        ['bench', 'browse', '--data', dirs.short, '--runs', '2', '--json'],
        env.short,
      );
      assert.equal(browse.code, 0, browse.stderr);
      const report = JSON.parse(browse.stdout);
      assert.equal(report.bench, 'browse');
      assert.ok(report.timings.length >= 8);
      assert.ok(report.autocomplete.length >= 4);
      assert.ok(report.indexedWorks > 250);
      assert.ok(report.timings.every((t: { p95: number }) => t.p95 >= 0));

      const search = await quire(['bench', 'search', '--data', dirs.full, '--runs', '2'], env.full);
      assert.equal(search.code, 0, search.stderr);
      assert.match(search.stdout, /### quire bench search: 5\d listable works/);
      assert.match(search.stdout, /\| quoted phrase \| guest \| 2 \|/);
    });
  });
}
