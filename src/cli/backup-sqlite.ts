import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { checkMigrationLevel } from './backup-file.ts';
import { CliError } from './errors.ts';
import type { Progress } from './progress.ts';

type Handle = InstanceType<typeof SQLite>;

function open(file: string, readonly: boolean): Handle {
  try {
    const db = new SQLite(file, { readonly, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new CliError(`${file}: cannot open as SQLite (${(error as Error).message})`);
  }
}

/** `PRAGMA integrity_check`: the first problem it reports, or null when the file is sound. */
export function integrityProblem(db: Handle): string | null {
  let rows: { integrity_check: string }[];
  try {
    rows = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (error) {
    return (error as Error).message;
  }
  const first = rows[0]?.integrity_check;
  if (first === 'ok') return null;
  // One line: SQLite's report can run to many lines.
  const lines = (first ?? 'no answer').split('\n').filter((l) => l && !l.startsWith('***'));
  return `${lines[0] ?? 'no answer'}${lines.length > 1 ? ` and ${lines.length - 1} more problem(s)` : ''}`;
}

function appliedMigrations(db: Handle): string[] {
  const exists = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'");
  if (!exists.get()) return [];
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Accounts own everything else, so a database with none holds nothing to lose. */
function hasContent(db: Handle): boolean {
  const users = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'users'").get();
  return Boolean(users && db.prepare('select 1 from users limit 1').get());
}

/**
 * Copies `db` into `dest` with SQLite's online backup API, in steps of a twentieth of the file so the
 * progress bar moves. A write by another connection between steps restarts the copy; once that has
 * happened, the rest goes in one step (a read transaction, which WAL lets writers work beside), so a
 * busy server cannot keep a backup from finishing.
 */
async function copy(db: Handle, dest: string, progress: Progress): Promise<void> {
  let started = false;
  let lastRemaining = Infinity;
  let allAtOnce = false;
  await db.backup(dest, {
    progress({ totalPages, remainingPages }) {
      if (!started) progress.start(totalPages, 'pages');
      started = true;
      if (remainingPages > lastRemaining) allAtOnce = true;
      lastRemaining = remainingPages;
      progress.update(totalPages - remainingPages, totalPages);
      return allAtOnce ? 0x7fffffff : Math.max(100, Math.ceil(totalPages / 20));
    },
  });
  progress.stop();
}

/** Online backup of the live database: consistent while the server keeps writing (WAL). */
export async function backupSqlite(source: string, dest: string, progress: Progress): Promise<string[]> {
  if (!fs.existsSync(source)) throw new CliError(`no SQLite database at ${source} (check QUIRE_DATA)`);
  const partial = `${dest}.partial`;
  const db = open(source, true);
  try {
    fs.rmSync(partial, { force: true });
    await copy(db, partial, progress);
  } finally {
    db.close();
  }
  const copyDb = open(partial, false);
  try {
    // One self-contained file: no -wal beside it to forget when the backup is moved.
    copyDb.pragma('journal_mode = DELETE');
    const problem = integrityProblem(copyDb);
    if (problem) throw new CliError(`${dest}: the copy failed its integrity check (${problem})`);
    const applied = appliedMigrations(copyDb);
    copyDb.close();
    fs.renameSync(partial, dest);
    return applied;
  } catch (error) {
    if (copyDb.open) copyDb.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** Checks a SQLite backup before anything is overwritten; returns how many migrations it lacks. */
export function inspectSqliteBackup(file: string): number {
  const db = open(file, true);
  try {
    const problem = integrityProblem(db);
    if (problem) throw new CliError(`${file}: the backup fails its integrity check (${problem})`);
    return checkMigrationLevel(file, 'sqlite', appliedMigrations(db));
  } finally {
    db.close();
  }
}

/**
 * Restores with the backup API the other way round (what the sqlite3 shell's `.restore` does), so
 * the target's WAL and locks are respected. Refuses a target holding accounts unless `force`.
 */
export async function restoreSqlite(
  file: string,
  target: string,
  options: { force: boolean; progress: Progress },
): Promise<void> {
  if (fs.existsSync(target) && !options.force) {
    const existing = open(target, true);
    try {
      if (hasContent(existing))
        throw new CliError(`${target} is not empty; restore over it with --force (it will be replaced)`);
    } finally {
      existing.close();
    }
  }
  const source = open(file, true);
  try {
    await copy(source, target, options.progress);
  } finally {
    source.close();
  }
  const restored = open(target, false);
  try {
    const problem = integrityProblem(restored);
    if (problem)
      throw new CliError(`${target}: the restored database fails its integrity check (${problem})`);
  } finally {
    restored.close();
  }
}
