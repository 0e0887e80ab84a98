import fs from 'node:fs';
import type { Command } from 'commander';
import type { Scope } from '../features/export/export.service.ts';
import { CliError } from './errors.ts';
import { progressBar } from './progress.ts';
import { withRuntime } from './runtime.ts';

export function registerExportCommands(program: Command) {
  program
    .command('export')
    .description(
      "Write the archive's content to DIR as portable JSON and readable HTML: with --all EVERYTHING " +
        "(every account's works with drafts, entries of every security level, comments, forum posts, " +
        "accounts' e-mail addresses: an administrator's full export, keep it private); with --user NAME " +
        'only what that account owns',
    )
    .argument('<dir>', 'an empty or new folder')
    .option('--all', 'everything on the site (an administrator export)')
    .option('--user <name>', "only this account's own works, entries, comments and forum posts")
    .action(async (dir: string, options: { all?: boolean; user?: string }) => {
      if (Boolean(options.all) === Boolean(options.user))
        throw new CliError('say what to export: --all (everything) or --user NAME (one account)');
      if (fs.existsSync(dir)) {
        if (!fs.statSync(dir).isDirectory()) throw new CliError(`${dir} is a file, not a folder`);
        if (fs.readdirSync(dir).length > 0)
          throw new CliError(`${dir} is not empty; choose a new or empty folder`);
      }
      const { exportArchive } = await import('../features/export/export.service.ts');
      await withRuntime(async ({ ctx }) => {
        let scope: Scope = { kind: 'all' };
        if (options.user) {
          const user = await ctx.db
            .selectFrom('users')
            .select('id')
            .where('username_key', '=', options.user.toLowerCase())
            .executeTakeFirst();
          if (!user) throw new CliError(`--user: no account named "${options.user}"`);
          scope = { kind: 'user', userId: user.id };
        }
        const bar = progressBar('Exporting');
        const summary = await exportArchive(ctx, dir, scope, {
          start: (total) => bar.start(total, 'items'),
          tick: () => bar.increment(),
          stop: () => bar.stop(),
        });
        process.stdout.write(
          `Exported ${summary.works} works (${summary.chapters} chapters), ${summary.entries} entries, ` +
            `${summary.comments} comments, ${summary.posts} forum posts and ${summary.accounts} account(s) to ${dir}\n`,
        );
      });
    });
}
