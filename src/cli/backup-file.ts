import fs from 'node:fs';
import type { Dialect } from '../db/connect.ts';
import { migrationNames } from '../db/migrate.ts';
import { CliError } from './errors.ts';

/**
 * A Quire backup is the database's own format, so the database's own tools read it too: a SQLite
 * file (from the online backup API) or a pg_dump custom-format archive. Which one a file is comes
 * from its first bytes; that it is Quire's comes from the migration table inside it.
 */
export function backupDialect(file: string): Dialect {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  throw new CliError(`${file}: not a Quire backup (neither a SQLite file nor a pg_dump archive)`);
}

/**
 * Checks a backup's migrations against this Quire's: each must be one this version knows, in order
 * (a backup from a newer Quire is refused). Returns how many migrations will run after the restore.
 */
export function checkMigrationLevel(file: string, dialect: Dialect, applied: string[]): number {
  const known = migrationNames(dialect);
  if (applied.length === 0) throw new CliError(`${file}: not a Quire backup (it has no Quire migrations)`);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new CliError(
      `${file}: made by a newer Quire (migration ${unknown[0]} is unknown here); upgrade Quire first`,
    );
  const sorted = [...applied].sort();
  if (sorted.some((name, i) => name !== known[i]))
    throw new CliError(`${file}: its migrations are not a prefix of this Quire's (${sorted.join(', ')})`);
  return known.length - applied.length;
}

export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
