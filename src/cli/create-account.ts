import type { Command } from 'commander';
import type { Role } from '../db/schema.ts';
import { ValidationError } from '../lib/errors.ts';
import { newAccountSchema } from '../features/accounts/accounts.schema.ts';
import { createAccount } from '../features/accounts/accounts.service.ts';
import { zodFieldErrors } from '../web/form-submit.ts';
import { readNewPassword } from './password-input.ts';
import { withRuntime } from './runtime.ts';

/** `admin create` and `user create`: the same options, a different role. */
export function accountCreateCommand(parent: Command, role: Role, description: string) {
  parent
    .command('create')
    .description(description)
    .requiredOption('--username <name>', 'the username (3–40 letters, numbers, underscores)')
    .requiredOption('--email <address>', 'the e-mail address')
    .option(
      '--password-file <file>',
      'read the password from the first line of this file instead of prompting',
    )
    .action(async (options: { username: string; email: string; passwordFile?: string }) => {
      const password = await readNewPassword(options.passwordFile);
      const parsed = newAccountSchema.safeParse({
        username: options.username,
        email: options.email,
        password,
      });
      if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
      await withRuntime(async ({ ctx }) => {
        const user = await createAccount(ctx, parsed.data, role);
        process.stdout.write(
          `Created ${role === 'admin' ? 'administrator' : 'account'} ${user.username} <${user.email}>\n`,
        );
      });
    });
}
