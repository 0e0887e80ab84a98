import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withRuntime } from './runtime.ts';

export function registerSearchCommands(program: Command) {
  const search = program.command('search').description('The full-text search index');
  search
    .command('reindex')
    .description('Rebuild the search index from every work (after an upgrade, or to repair it)')
    .option('--no-progress', 'no progress bar')
    .action(async (options: { progress: boolean }) => {
      const { reindexAll } = await import('../features/search/text/search-index.ts');
      await withRuntime(async ({ ctx }) => {
        const bar = options.progress
          ? new cliProgress.SingleBar(
              { format: 'Indexing [{bar}] {value}/{total} works · {eta_formatted} left', hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
        let started = false;
        const result = await reindexAll(ctx.db, ctx.dialect, (done, total) => {
          if (!started) bar?.start(total, 0);
          started = true;
          bar?.update(done);
        });
        bar?.stop();
        process.stdout.write(
          `Indexed ${result.indexed} work(s); removed ${result.removed} that may not be found.\n`,
        );
      });
    });
}
