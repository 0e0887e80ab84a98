import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { checkMigrationLevel } from './backup-file.ts';
import { CliError } from './errors.ts';
import type { Progress } from './progress.ts';

/**
 * PostgreSQL's own client tools: the newest /usr/lib/postgresql/N/bin first (pg_dump must be at
 * least the server's version), then PATH. `QUIRE_PG_BIN` names the folder explicitly.
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const dirs: string[] = [];
  if (process.env.QUIRE_PG_BIN) dirs.push(process.env.QUIRE_PG_BIN);
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+(\.\d+)?$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  } catch {
    // none installed there
  }
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  for (const dir of dirs) {
    const file = path.join(dir, tool);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  throw new CliError(
    `${tool} not found (install the PostgreSQL client tools, e.g. apt install postgresql-client, or set QUIRE_PG_BIN)`,
  );
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool; `onLine` sees each stderr line as it comes (pg_dump -v reports progress there). */
function run(
  tool: string,
  args: string[],
  options: { onLine?: (line: string) => void; stdout?: NodeJS.WritableStream } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    if (options.stdout) child.stdout.pipe(options.stdout);
    else child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The first line of a tool's complaint that says something (not its verbose chatter). */
function complaint(result: Run): string {
  const lines = result.stderr.split('\n').filter((l) => /error|fatal|could not|invalid/i.test(l));
  return (lines[0] ?? result.stderr.trim().split('\n').pop() ?? `exit status ${result.code}`).trim();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError(`cannot connect to PostgreSQL at ${where.hostname}:${where.port || 5432} (${reason})`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The migrations recorded in a pg_dump archive (its kysely_migration rows); [] if it has none. */
async function archiveMigrations(file: string): Promise<string[]> {
  const listing = await run(findPgTool('pg_restore'), ['-l', file]);
  if (listing.code !== 0)
    throw new CliError(`${file}: not a readable pg_dump archive (${complaint(listing)})`);
  if (!/TABLE DATA public kysely_migration /.test(listing.stdout)) return [];
  const data = await run(findPgTool('pg_restore'), ['-a', '-t', 'kysely_migration', '-f', '-', file]);
  if (data.code !== 0) throw new CliError(`${file}: cannot read its migrations (${complaint(data)})`);
  const copy = /^COPY public\.kysely_migration [^\n]*\n([\s\S]*?)^\\\.$/m.exec(data.stdout);
  return (copy?.[1] ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0] ?? '')
    .sort();
}

function tableDataEntries(listing: string): number {
  return listing.split('\n').filter((l) => / TABLE DATA /.test(l) && !l.startsWith(';')).length;
}

/** pg_dump -Fc: one consistent snapshot (a repeatable-read transaction) while the server runs. */
export async function backupPostgres(url: string, dest: string, progress: Progress): Promise<string[]> {
  const pgDump = findPgTool('pg_dump');
  const tables = await withClient(url, async (client) => {
    const result = await client.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
    return Number(result.rows[0].n);
  });
  const partial = `${dest}.partial`;
  progress.start(tables, 'tables');
  let done = 0;
  const result = await run(
    pgDump,
    ['-Fc', '--no-owner', '--no-privileges', '-v', '-f', partial, `--dbname=${url}`],
    {
      onLine: (line) => {
        if (/dumping contents of table/.test(line)) progress.update(++done);
      },
    },
  );
  progress.stop();
  if (result.code !== 0) {
    fs.rmSync(partial, { force: true });
    throw new CliError(`pg_dump failed: ${complaint(result)}`);
  }
  const applied = await archiveMigrations(partial);
  fs.renameSync(partial, dest);
  return applied;
}

/** Checks a pg_dump archive before anything is touched; returns how many migrations it lacks. */
export async function inspectPostgresBackup(file: string): Promise<number> {
  return checkMigrationLevel(file, 'postgres', await archiveMigrations(file));
}

/**
 * Replays the archive through psql in ONE transaction, after dropping the public schema in that same
 * transaction: a restore that fails half-way leaves the database exactly as it was.
 */
export async function restorePostgres(
  file: string,
  url: string,
  options: { force: boolean; progress: Progress },
): Promise<void> {
  const pgRestore = findPgTool('pg_restore');
  const psql = findPgTool('psql');
  const hasContent = await withClient(url, async (client) => {
    const users = await client.query("select to_regclass('public.users') is not null as present");
    if (!users.rows[0].present) return false;
    return (await client.query('select 1 from public.users limit 1')).rowCount !== 0;
  });
  if (hasContent && !options.force)
    throw new CliError('the database is not empty; restore over it with --force (it will be replaced)');
  const listing = await run(pgRestore, ['-l', file]);
  options.progress.start(tableDataEntries(listing.stdout), 'tables');
  const replay = spawn(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', url], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let psqlErr = '';
  replay.stderr.on('data', (d) => (psqlErr += d));
  const replayed = new Promise<number | null>((resolve, reject) => {
    replay.on('error', reject);
    replay.on('close', resolve);
  });
  replay.stdin.on('error', () => {}); // psql stopping early is reported by its exit status
  replay.stdin.write('drop schema if exists public cascade;\ncreate schema public;\n');
  let done = 0;
  const dumped = await run(pgRestore, ['--no-owner', '--no-privileges', '-v', '-f', '-', file], {
    stdout: replay.stdin,
    onLine: (line) => {
      if (/processing data for table/.test(line)) options.progress.update(++done);
    },
  });
  const code = await replayed;
  options.progress.stop();
  if (dumped.code !== 0) throw new CliError(`pg_restore failed: ${complaint(dumped)}`);
  if (code !== 0)
    throw new CliError(`restore failed, database left unchanged: ${psqlErr.trim().split('\n')[0] ?? code}`);
}
