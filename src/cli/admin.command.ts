import type { Command } from 'commander';
import { accountCreateCommand } from './create-account.ts';

export function registerAdminCommand(program: Command) {
  const admin = program.command('admin').description('Administrator accounts');
  accountCreateCommand(admin, 'admin', 'Create an administrator account (prompts for the password)');
}
