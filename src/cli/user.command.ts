import type { Command } from 'commander';
import { ROLES, type Role } from '../db/schema.ts';
import { listUsers } from '../features/accounts/accounts.repository.ts';
import { setDisabled, setRole } from '../features/accounts/accounts.service.ts';
import { accountCreateCommand } from './create-account.ts';
import { CliError } from './errors.ts';
import { withRuntime } from './runtime.ts';

export function registerUserCommand(program: Command) {
  const user = program.command('user').description('Accounts');
  accountCreateCommand(user, 'user', 'Create an ordinary account (prompts for the password)');

  user
    .command('list')
    .description('List accounts')
    .option('--role <role>', `only this role (${ROLES.join(', ')})`)
    .option('--search <text>', 'only usernames containing this')
    .action(async (options: { role?: string; search?: string }) => {
      if (options.role && !ROLES.includes(options.role as Role)) {
        throw new CliError(`--role: must be one of ${ROLES.join(', ')} (got "${options.role}")`);
      }
      await withRuntime(async ({ ctx }) => {
        const rows = await listUsers(ctx.db, {
          role: options.role as Role | undefined,
          query: options.search,
          limit: 100_000,
          offset: 0,
        });
        for (const row of rows) {
          process.stdout.write(
            `${row.username}\t${row.email}\t${row.role}\t${row.disabled_at ? 'disabled' : 'active'}\t${row.created_at}\n`,
          );
        }
        process.stdout.write(`${rows.length} account(s)\n`);
      });
    });

  user
    .command('role')
    .description(`Set an account's role (${ROLES.join(', ')})`)
    .argument('<username>')
    .argument('<role>')
    .action(async (username: string, role: string) => {
      if (!ROLES.includes(role as Role))
        throw new CliError(`role: must be one of ${ROLES.join(', ')} (got "${role}")`);
      await withRuntime(async ({ ctx }) => {
        const updated = await setRole(ctx, username, role as Role);
        process.stdout.write(`${updated.username} is now ${role}\n`);
      });
    });

  user
    .command('disable')
    .description('Disable an account (it cannot log in; its sessions end)')
    .argument('<username>')
    .option('--enable', 'enable the account again instead')
    .action(async (username: string, options: { enable?: boolean }) => {
      await withRuntime(async ({ ctx }) => {
        const updated = await setDisabled(ctx, username, !options.enable);
        process.stdout.write(`${updated.username} is ${options.enable ? 'enabled' : 'disabled'}\n`);
      });
    });
}
