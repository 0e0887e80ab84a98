import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import { type Config, ConfigError } from '../config.ts';
import type { Database } from './schema.ts';
import { QuireSqliteDialect } from './sqlite-dialect.ts';

export type Dialect = 'sqlite' | 'postgres';
export type DB = Kysely<Database>;

export interface Connection {
  db: DB;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Opens the configured database. Throws ConfigError with one line when it cannot. */
export async function connect(database: Config['database']): Promise<Connection> {
  if (database.dialect === 'sqlite') return connectSqlite(database.file);
  return connectPostgres(database.url);
}

// Each driver is loaded only when its database is used.
async function connectSqlite(file: string): Promise<Connection> {
  const { default: SQLite } = await import('better-sqlite3');
  let sqlite: InstanceType<typeof SQLite>;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new SQLite(file);
  } catch (error) {
    throw new ConfigError(
      'DATABASE_URL',
      `cannot open SQLite database ${file} (${(error as Error).message})`,
    );
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Planner statistics: without them SQLite may read a million works through the wrong index.
  // Cheap on open (analysis_limit bounds it); ANALYZE runs only where the tables changed enough.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  // Waits for another process's write lock are the dialect's, without blocking (sqlite-dialect.ts).
  sqlite.pragma('busy_timeout = 0');
  const db = new Kysely<Database>({ dialect: new QuireSqliteDialect(sqlite) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

async function connectPostgres(url: string): Promise<Connection> {
  const { default: pg } = await import('pg');
  // timestamptz comes back as an ISO string, the same shape SQLite stores (docs/decisions.md).
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle connection the server ends (a restart, a fail-over, pg_terminate_backend) is reported
  // here; the pool drops it and opens a new one on the next query. Without a listener the 'error'
  // event would be thrown and take the whole process down.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withoutNul(pool) }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const where = new URL(url);
    throw new ConfigError(
      'DATABASE_URL',
      `cannot connect to PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname} (${reason})`,
    );
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** U+0000 (and any string holding it, in arrays too) without the character. */
function dropNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  return Array.isArray(value) ? value.map(dropNul) : value;
}

/**
 * PostgreSQL's text cannot hold U+0000: a parameter with one fails the whole statement ("invalid
 * byte sequence"), so a pasted NUL in a title, a comment or a search turned into a 500. The
 * character means nothing in text (browsers show it as U+FFFD), so it is dropped from every
 * parameter on its way to PostgreSQL. SQLite stores it as it is.
 */
function withoutNul(pool: PostgresPool): PostgresPool {
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return {
        release: () => client.release(),
        query: ((first: unknown, parameters?: readonly unknown[]) =>
          parameters ? query(first, parameters.map(dropNul)) : query(first)) as PostgresPoolClient['query'],
      };
    },
  };
}

/** Is this error a unique-constraint violation (either dialect)? */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
