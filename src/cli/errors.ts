import { ConfigError } from '../config.ts';
import { MigrationError } from '../db/migrate.ts';
import { QuireError, ValidationError } from '../lib/errors.ts';

/** Maps a service field to the CLI option a person typed. */
const OPTION_OF: Record<string, string> = {
  username: '--username',
  email: '--email',
  password: 'password',
  password_confirmation: 'password',
  name: '--name',
};

/** One line saying what is wrong and where; never a stack trace for expected errors. */
export function describeCliError(error: unknown): string {
  if (error instanceof ValidationError) {
    return Object.entries(error.fields)
      .map(([field, message]) => `${OPTION_OF[field] ?? field}: ${message}`)
      .join('; ');
  }
  if (error instanceof ConfigError || error instanceof QuireError || error instanceof MigrationError)
    return error.message;
  if (error instanceof CliError) return error.message;
  return `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
}

export class CliError extends Error {}
