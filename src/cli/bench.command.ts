import path from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { CliError } from './errors.ts';
import { withRuntime } from './runtime.ts';

function positiveInt(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

function anyInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

interface Common {
  data?: string;
  progress: boolean;
  json?: boolean;
}

/** `--data DIR` is QUIRE_DATA for this command (the SQLite file is DIR/quire.sqlite). */
function useDataDir(options: Common) {
  if (options.data) process.env.QUIRE_DATA = path.resolve(options.data);
}

/** A progress bar on stderr (nothing with --no-progress), and one-line steps. */
function progressReporter(enabled: boolean) {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total: number, what: string) {
      if (!enabled) return;
      bar = new cliProgress.SingleBar(
        {
          format: `${what.padEnd(9)} [{bar}] {percentage}% {value}/{total} · {duration_formatted} · {eta_formatted} left`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(done: number) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
    step(text: string) {
      if (enabled) process.stderr.write(`${text}\n`);
    },
  };
}

export function registerBenchCommands(program: Command) {
  const bench = program
    .command('bench')
    .description(
      'Benchmarks on a synthetic archive (bench/archive): seed one, then time listings and search',
    );

  bench
    .command('seed')
    .description('Fill the database with a seeded synthetic archive (refuses when it already has works)')
    .option('--works <n>', 'number of works', positiveInt, 100_000)
    .option('--data <dir>', 'data directory (QUIRE_DATA; SQLite file DIR/quire.sqlite)')
    .option('--seed <n>', 'random seed: the same seed gives the same archive', anyInt, 1)
    .option('--bodies <kind>', 'short (a paragraph per chapter) or full (~1,500 words a work)', 'short')
    .option('--accounts <n>', 'number of accounts (default 30% of the works)', positiveInt)
    .option('--force', 'replace an archive already in the database')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        options: Common & { works: number; seed: number; bodies: string; accounts?: number; force?: boolean },
      ) => {
        if (options.bodies !== 'short' && options.bodies !== 'full')
          throw new CliError('--bodies: short or full');
        useDataDir(options);
        const { seedArchive, SeedRefused } = await import('../../bench/archive/seed.ts');
        const { seedMarkdown } = await import('../../bench/archive/report.ts');
        await withRuntime(async ({ ctx }) => {
          try {
            const report = await seedArchive(
              ctx,
              {
                works: options.works,
                seed: options.seed,
                bodies: options.bodies as 'short' | 'full',
                accounts: options.accounts,
                force: options.force ?? false,
              },
              progressReporter(options.progress),
            );
            process.stdout.write(
              options.json ? `${JSON.stringify(report, null, 2)}\n` : seedMarkdown(report),
            );
          } catch (error) {
            if (error instanceof SeedRefused) throw new CliError(`bench seed: ${error.message}`);
            throw error;
          }
        });
      },
    );

  for (const kind of ['browse', 'search'] as const) {
    bench
      .command(kind)
      .description(
        kind === 'browse'
          ? 'Time a seeded mix of listings (browseWorks) and tag autocomplete on the seeded archive'
          : 'Time a seeded mix of text searches (browseWorks with q) on the seeded archive',
      )
      .option('--data <dir>', 'data directory (QUIRE_DATA)')
      .option('--runs <n>', 'queries per kind', positiveInt, 100)
      .option('--seed <n>', 'random seed of the query mix', anyInt, 1)
      .option('--no-progress', 'no progress bar')
      .option('--json', 'print the report as JSON')
      .action(async (options: Common & { runs: number; seed: number }) => {
        useDataDir(options);
        const { runBrowseBench, runSearchBench } = await import('../../bench/archive/run.ts');
        const { benchMarkdown } = await import('../../bench/archive/report.ts');
        await withRuntime(async ({ ctx }) => {
          const run = kind === 'browse' ? runBrowseBench : runSearchBench;
          const report = await run(
            ctx,
            { runs: options.runs, seed: options.seed },
            progressReporter(options.progress),
          );
          process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : benchMarkdown(report));
        });
      });
  }
}
