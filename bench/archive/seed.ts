// `quire bench seed`: fills the configured database with the synthetic archive (generator.ts)
// through a bulk writer (sinks.ts), then adds what wrangling would have added afterwards
// (metatag links and the filter tags they imply) and puts the indexes back.
import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../../src/context.ts';
import { hashPassword } from '../../src/lib/passwords.ts';
import { ArchiveGenerator } from './generator.ts';
import { PostgresSink, SqliteSink } from './sinks.ts';
import { Batch, type Sink } from './tables.ts';

export interface SeedOptions {
  works: number;
  seed: number;
  bodies: 'short' | 'full';
  accounts?: number;
  force: boolean;
}

export interface SeedProgress {
  start(total: number, what: string): void;
  update(done: number): void;
  stop(): void;
  step(text: string): void;
}

export interface SeedReport {
  dialect: string;
  works: number;
  listable: number;
  chapters: number;
  tags: number;
  accounts: number;
  series: number;
  bodies: string;
  seed: number;
  seconds: { accounts: number; works: number; links: number; indexes: number; total: number };
  loadAverage: { before: number[]; after: number[] };
}

export class SeedRefused extends Error {}

const WORKS_PER_BATCH = 5000;
const ACCOUNTS_PER_BATCH = 10_000;

async function scalar(ctx: Pick<AppContext, 'db'>, query: string): Promise<number> {
  const { rows } = await sql<{ n: number | string | null }>`${sql.raw(query)}`.execute(ctx.db);
  return Number(rows[0]?.n ?? 0);
}

/** Seeds the archive into the database `ctx` is connected to (already migrated). */
export async function seedArchive(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config'>,
  options: SeedOptions,
  progress: SeedProgress,
): Promise<SeedReport> {
  const loadBefore = os.loadavg();
  const t0 = performance.now();
  const existing = await scalar(ctx, 'select count(*) as n from works');
  const existingTags = await scalar(ctx, 'select count(*) as n from tags');
  if ((existing > 0 || existingTags > 0) && !options.force) {
    throw new SeedRefused(
      `the database already has ${existing.toLocaleString('en')} work(s) and ${existingTags.toLocaleString('en')} tag(s); use --force to replace the archive`,
    );
  }
  const { database } = ctx.config;
  const sink: Sink & { wipe(): unknown; dropIndexes(): unknown } =
    database.dialect === 'sqlite'
      ? await SqliteSink.open(database.file)
      : await PostgresSink.open(database.url);
  try {
    if (existing > 0 || existingTags > 0) {
      progress.step('removing the existing archive (--force)');
      await sink.wipe();
    }
    if (sink instanceof PostgresSink) await sink.relaxChecks();
    await sink.dropIndexes();
    const next = async (table: string) => 1 + (await scalar(ctx, `select max(id) as n from ${table}`));
    const generator = new ArchiveGenerator(
      {
        works: options.works,
        seed: options.seed,
        bodies: options.bodies,
        accounts: options.accounts,
        passwordHash: await hashPassword('bench-password-not-secret', ctx.config.passwordHashCost),
        firstUserId: await next('users'),
        firstPseudId: await next('pseuds'),
      },
      {
        workId: await next('works'),
        tagId: await next('tags'),
        chapterId: await next('chapters'),
        seriesId: await next('series'),
      },
    );
    const batch = new Batch();
    const flush = async () => {
      await sink.write(batch);
      for (const rows of Object.values(batch.rows)) rows.clear();
      batch.search = [];
    };

    const tAccounts = performance.now();
    progress.start(generator.accounts, 'accounts');
    for (let from = 0; from < generator.accounts; from += ACCOUNTS_PER_BATCH) {
      const to = Math.min(generator.accounts, from + ACCOUNTS_PER_BATCH);
      generator.accountRows(batch, from, to);
      await flush();
      progress.update(to);
    }
    progress.stop();

    const tWorks = performance.now();
    progress.start(options.works, 'works');
    for (let i = 0; i < options.works; i++) {
      generator.work(batch, i);
      if ((i + 1) % WORKS_PER_BATCH === 0 || i + 1 === options.works) {
        await flush();
        progress.update(i + 1);
      }
    }
    progress.stop();

    const tLinks = performance.now();
    progress.step('metatag links and the filter tags they add');
    generator.metaLinks(batch);
    await flush();
    // expandFilterTags: a work's filter tags include the metatags of its tags (chains are one deep here).
    await sink.exec(`
      insert into work_filter_tags (work_id, tag_id)
      select distinct f.work_id, l.parent_id
      from work_filter_tags f join tag_links l on l.child_id = f.tag_id and l.kind = 'meta'
      where not exists (
        select 1 from work_filter_tags g where g.work_id = f.work_id and g.tag_id = l.parent_id)`);

    const tIndexes = performance.now();
    await sink.finish((step) => progress.step(`rebuilding: ${step}`));
    const tEnd = performance.now();
    const s = (ms: number) => Math.round(ms / 100) / 10;
    return {
      dialect: sink.dialect,
      works: generator.counts.works,
      listable: generator.counts.listable,
      chapters: generator.counts.chapters,
      tags: generator.counts.tags,
      accounts: generator.accounts,
      series: generator.counts.series,
      bodies: options.bodies,
      seed: options.seed,
      seconds: {
        accounts: s(tWorks - tAccounts),
        works: s(tLinks - tWorks),
        links: s(tIndexes - tLinks),
        indexes: s(tEnd - tIndexes),
        total: s(tEnd - t0),
      },
      loadAverage: { before: loadBefore, after: os.loadavg() },
    };
  } finally {
    await sink.close();
  }
}
