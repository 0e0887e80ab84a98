import type { Command } from 'commander';
import { registerAdminCommand } from './admin.command.ts';
import { registerTokenCommand } from './token.command.ts';
import { registerUserCommand } from './user.command.ts';

export function registerAccountCommands(program: Command) {
  registerAdminCommand(program);
  registerUserCommand(program);
  registerTokenCommand(program);
}
