import fs from 'node:fs';
import type { AppContext } from '../context.ts';
import { findUserByUsername } from '../features/accounts/accounts.repository.ts';
import { readImportBytes } from '../features/importer/import-file.ts';
import type { Viewer } from '../features/sessions/sessions.service.ts';
import { CliError } from './errors.ts';

/** A file's text, or a CliError naming the file and what is wrong with it. */
export function readFileForImport(file: string, limit?: number): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
    throw new CliError(`${file}: cannot read it (${why})`);
  }
  try {
    return readImportBytes(bytes, limit);
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
}

/** The account `--as` names, as the viewer imports run as. */
export async function importer(ctx: AppContext, username: string): Promise<Viewer> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.is_system) throw new CliError(`--as: there is no account named "${username}"`);
  if (user.disabled_at) throw new CliError(`--as: the account "${username}" is disabled`);
  return { id: user.id, username: user.username, email: user.email, role: user.role };
}
