import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { backupDialect, describeBytes } from './backup-file.ts';
import { backupPostgres, inspectPostgresBackup, restorePostgres } from './backup-postgres.ts';
import { backupSqlite, inspectSqliteBackup, restoreSqlite } from './backup-sqlite.ts';
import { CliError } from './errors.ts';
import { progressBar } from './progress.ts';
import { withRuntime } from './runtime.ts';

const NAME = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description(
      'Copy the whole database into FILE while the server keeps running (SQLite online backup, or pg_dump -Fc)',
    )
    .argument('<file>', 'where to write the backup (must not exist yet)')
    .action(async (file: string) => {
      const config = loadConfig(process.env, { logLevel: 'warn' });
      const dest = path.resolve(file);
      if (fs.existsSync(dest)) throw new CliError(`${file} already exists; choose a new name`);
      if (!fs.existsSync(path.dirname(dest)))
        throw new CliError(`${file}: folder ${path.dirname(dest)} does not exist`);
      const progress = progressBar('Backing up');
      const applied =
        config.database.dialect === 'sqlite'
          ? await backupSqlite(config.database.file, dest, progress)
          : await backupPostgres(config.database.url, dest, progress);
      const size = describeBytes(fs.statSync(dest).size);
      process.stdout.write(
        `Backed up the ${NAME[config.database.dialect]} database to ${file} (${size}, ${applied.length} migrations)\n`,
      );
    });

  program
    .command('restore')
    .description(
      'Replace the database with a backup made by `quire backup` (same database kind); stop the server first',
    )
    .argument('<file>', 'a file written by `quire backup`')
    .option('--force', 'replace a database that already holds accounts')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig(process.env, { logLevel: 'warn' });
      const source = file;
      const dialect = backupDialect(source);
      if (dialect !== config.database.dialect)
        throw new CliError(
          `${file} is a ${NAME[dialect]} backup but DATABASE_URL is ${NAME[config.database.dialect]}; use \`quire export\` to move between databases`,
        );
      const missing =
        config.database.dialect === 'sqlite'
          ? inspectSqliteBackup(source)
          : await inspectPostgresBackup(source);
      const progress = progressBar('Restoring');
      const force = Boolean(options.force);
      if (config.database.dialect === 'sqlite') {
        fs.mkdirSync(path.dirname(config.database.file), { recursive: true });
        await restoreSqlite(source, config.database.file, { force, progress });
      } else {
        await restorePostgres(source, config.database.url, { force, progress });
      }
      // Opening the runtime applies the migrations an older backup lacks.
      await withRuntime(async () => {});
      process.stdout.write(
        `Restored ${file} into the ${NAME[dialect]} database` +
          (missing > 0 ? `, then applied ${missing} newer migration(s)` : '') +
          (dialect === 'sqlite' ? '; integrity check passed\n' : ' in one transaction\n'),
      );
    });
}
