import type { Command } from 'commander';
import { QuireError } from '../lib/errors.ts';
import { findUserByUsername } from '../features/accounts/accounts.repository.ts';
import { createToken } from '../features/tokens/tokens.service.ts';
import { withRuntime } from './runtime.ts';

export function registerTokenCommand(program: Command) {
  const token = program.command('token').description('Personal access tokens for the API');
  token
    .command('create')
    .description('Create an API token for an account and print it (shown once)')
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'command line')
    .action(async (username: string, options: { name: string }) => {
      await withRuntime(async ({ ctx }) => {
        const user = await findUserByUsername(ctx.db, username);
        if (!user || user.is_system)
          throw new QuireError('not_found', 404, `username: no account named "${username}"`);
        const { token: secret } = await createToken(ctx, user.id, options.name.trim() || 'command line');
        process.stdout.write(`${secret}\n`);
      });
    });
}
