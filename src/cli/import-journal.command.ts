import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { JOURNAL_LIMIT } from '../features/importer/import-file.ts';
import type { ImportMode } from '../features/importer/import.service.ts';
import type { LjEntry } from '../features/importer/lj-xml/lj-xml.ts';
import { CliError } from './errors.ts';
import { importer, readFileForImport } from './import-input.ts';
import { withRuntime } from './runtime.ts';

interface JournalOptions {
  as: string;
  journal?: string;
  draft?: boolean;
  progress: boolean;
}

/** Every file read and parsed before anything is written: malformed XML anywhere writes nothing. */
async function readExports(files: string[]) {
  const { parseLjXml, LjXmlError } = await import('../features/importer/lj-xml/lj-xml.ts');
  const exports: { file: string; journal: string | null; entries: LjEntry[] }[] = [];
  for (const file of files) {
    const xml = readFileForImport(file, JOURNAL_LIMIT);
    try {
      const parsed = parseLjXml(xml);
      for (const warning of parsed.warnings) process.stderr.write(`${path.basename(file)}: ${warning}\n`);
      exports.push({ file, journal: parsed.journal, entries: parsed.entries });
    } catch (err) {
      if (err instanceof LjXmlError) throw new CliError(`${file}: ${err.message}`);
      throw err;
    }
  }
  return exports;
}

export function registerJournalImportCommand(command: Command) {
  command
    .command('lj-xml')
    .description(
      'Import LiveJournal/Dreamwidth XML exports: every fic becomes a work (idempotent, resumable)',
    )
    .argument('<files...>')
    .requiredOption('--as <username>', 'the account the works belong to')
    .option('--journal <name>', 'the journal’s name, when the export does not say')
    .option('--draft', 'save every fic as a draft (fics in locked entries always are)')
    .option('--no-progress', 'no progress bar')
    .action(async (files: string[], options: JournalOptions) => {
      const exports = await readExports(files);
      const { importJournal } = await import('../features/importer/journal-import.service.ts');
      const mode: ImportMode = options.draft ? 'draft' : 'post';
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      try {
        await withRuntime(async ({ ctx }) => {
          const viewer = await importer(ctx, options.as);
          const failures: string[] = [];
          for (const { file, journal, entries } of exports) {
            const name = options.journal ?? journal;
            const bar = options.progress
              ? new cliProgress.SingleBar(
                  {
                    format: `${path.basename(file)} [{bar}] {value}/{total} entries · {eta_formatted} left`,
                    hideCursor: true,
                  },
                  cliProgress.Presets.shades_classic,
                )
              : null;
            bar?.start(entries.length, 0);
            const report = await importJournal(ctx, viewer, entries, {
              journal: name,
              mode,
              signal: stop.signal,
              onProgress: ({ done }) => bar?.update(done),
            });
            bar?.stop();
            process.stdout.write(
              `${path.basename(file)}: ${report.total} entries · ${report.imported} imported (${report.works} works or chapters, ${report.withoutFic} without a fic) · ${report.already} already imported · ${report.failed.length} failed\n`,
            );
            for (const f of report.failed) {
              failures.push(
                `${file}:${f.line}: entry ${f.itemid}${f.subject ? ` (“${f.subject}”)` : ''}: ${f.message}`,
              );
            }
            if (report.interrupted)
              throw new CliError('interrupted: what finished is kept; run the same command again to resume');
          }
          if (failures.length > 0) {
            for (const failure of failures) process.stderr.write(`${failure}\n`);
            throw new CliError(
              `${failures.length} entr${failures.length === 1 ? 'y' : 'ies'} not imported (listed above); the rest were`,
            );
          }
        });
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
