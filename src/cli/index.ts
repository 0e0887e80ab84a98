import cluster from 'node:cluster';
import { Command } from 'commander';
import { registerAccountCommands } from './accounts.command.ts';
import { registerBackupCommands } from './backup.command.ts';
import { registerBenchCommands } from './bench.command.ts';
import { registerDbCommands } from './db.command.ts';
import { registerImportCommands } from './import.command.ts';
import { registerSearchCommands } from './search.command.ts';
import { describeCliError } from './errors.ts';
import { registerExportCommands } from './export.command.ts';
import { registerServeCommands } from './serve.command.ts';

export function buildCli(): Command {
  const program = new Command('quire')
    .description('Quire: a self-hostable home for fan fiction (archive, journals, forums).')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      outputError: (text, write) => write(text.startsWith('error:') ? `quire: ${text}` : text),
    });
  registerServeCommands(program);
  registerDbCommands(program);
  registerAccountCommands(program);
  registerImportCommands(program);
  registerSearchCommands(program);
  registerBackupCommands(program);
  registerExportCommands(program);
  registerBenchCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`quire: ${describeCliError(error)}\n`);
    process.exitCode = 1;
    // A server process of `quire serve` with QUIRE_PROCESSES would live on, on its channel to the primary.
    if (cluster.isWorker) process.exit(1);
  }
}
