import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { migrationStatus, migrator } from '../db/migrate.ts';
import { MigrationError } from '../db/migrate.ts';
import { withRuntime } from './runtime.ts';

export function registerDbCommands(program: Command) {
  const db = program.command('db').description('Database schema');

  db.command('migrate')
    .description('Apply pending migrations (each in its own transaction)')
    .action(() =>
      withRuntime(
        async ({ ctx }) => {
          const pending = (await migrationStatus(ctx.db, ctx.dialect)).filter((m) => !m.executedAt);
          if (pending.length === 0) {
            process.stdout.write('Database is up to date.\n');
            return;
          }
          const bar = new cliProgress.SingleBar(
            { format: 'Migrating [{bar}] {value}/{total} {name}', hideCursor: true, noTTYOutput: false },
            cliProgress.Presets.shades_classic,
          );
          bar.start(pending.length, 0, { name: '' });
          const m = migrator(ctx.db, ctx.dialect);
          for (const migration of pending) {
            bar.update({ name: migration.name });
            const result = await m.migrateUp();
            if (result.error) {
              bar.stop();
              throw new MigrationError(
                `migration ${migration.name} failed: ${(result.error as Error).message}`,
              );
            }
            bar.increment();
          }
          bar.stop();
          process.stdout.write(
            `Applied ${pending.length} migration(s): ${pending.map((p) => p.name).join(', ')}\n`,
          );
        },
        { migrate: false },
      ),
    );

  db.command('status')
    .description('List migrations and whether each has been applied')
    .action(() =>
      withRuntime(
        async ({ ctx }) => {
          const list = await migrationStatus(ctx.db, ctx.dialect);
          for (const m of list)
            process.stdout.write(
              `${m.executedAt ? 'applied ' : 'PENDING '} ${m.name}${m.executedAt ? `  ${m.executedAt}` : ''}\n`,
            );
          const pending = list.filter((m) => !m.executedAt).length;
          process.stdout.write(`${ctx.dialect}: ${list.length - pending} applied, ${pending} pending\n`);
        },
        { migrate: false },
      ),
    );
}
