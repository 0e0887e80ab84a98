import path from 'node:path';
import { type Command, Option } from 'commander';
import type { AppContext } from '../context.ts';
import type { ImportMode, ImportResult } from '../features/importer/import.service.ts';
import { QuireError } from '../lib/errors.ts';
import { CliError, describeCliError } from './errors.ts';
import { importer, readFileForImport } from './import-input.ts';
import { registerJournalImportCommand } from './import-journal.command.ts';
import { withRuntime } from './runtime.ts';

export function describeResult(ctx: AppContext, result: ImportResult): string {
  if (result.status === 'no-fic') return 'no fic header: kept as a journal entry only';
  const works = result.works
    .map((w) => `“${w.title}” (${ctx.config.baseUrl}/works/${w.id}${w.chapterId ? `, a new chapter` : ''})`)
    .join(', ');
  return result.status === 'already' ? `already imported as ${works}` : `imported ${works}`;
}

const formatOption = () =>
  new Option('--format <format>', 'how to read the file').choices(['auto', 'text', 'html']).default('auto');

export function registerImportCommands(program: Command) {
  const command = program
    .command('import')
    .description('Import fic: journal posts, AO3 downloads, LiveJournal/Dreamwidth exports');

  command
    .command('parse')
    .description('Read one post and print what Quire understood (writes nothing)')
    .argument('<file>')
    .addOption(formatOption())
    .option('--json', 'print the parse as JSON')
    .action(async (file: string, options: { format: 'auto' | 'text' | 'html'; json?: boolean }) => {
      const { parsePost } = await import('../features/importer/header-parser.ts');
      const parsed = parsePost(readFileForImport(file), { format: options.format });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
        return;
      }
      const { describeParse } = await import('./import-parse-summary.ts');
      process.stdout.write(describeParse(parsed));
    });

  command
    .command('files', { isDefault: true, hidden: true })
    .description('Import posts (plain text or HTML) and AO3 HTML downloads as works')
    .argument('<files...>')
    .requiredOption('--as <username>', 'the account the works belong to')
    .addOption(formatOption())
    .addOption(new Option('--post', 'post the works (the default)').conflicts('draft'))
    .option('--draft', 'save the works as drafts')
    .action(
      async (files: string[], options: { as: string; format: 'auto' | 'text' | 'html'; draft?: boolean }) => {
        const mode: ImportMode = options.draft ? 'draft' : 'post';
        const { importFileText } = await import('../features/importer/import-files.service.ts');
        await withRuntime(async ({ ctx }) => {
          const viewer = await importer(ctx, options.as);
          const failed: string[] = [];
          for (const file of files) {
            try {
              const text = readFileForImport(file);
              const results = await importFileText(ctx, viewer, text, { mode, format: options.format });
              for (const result of results)
                process.stdout.write(`${path.basename(file)}: ${describeResult(ctx, result)}\n`);
            } catch (err) {
              if (!(err instanceof CliError || err instanceof QuireError)) throw err;
              const message = describeCliError(err);
              failed.push(message.startsWith(file) ? message : `${file}: ${message}`);
            }
          }
          if (failed.length > 0) {
            const done = files.length - failed.length;
            throw new CliError(
              `${failed.length} of ${files.length} file(s) not imported${done ? ` (${done} imported)` : ''}: ${failed.join('; ')}`,
            );
          }
        });
      },
    );

  registerJournalImportCommand(command);
}
