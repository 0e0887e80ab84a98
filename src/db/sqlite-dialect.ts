import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

/**
 * How long a statement waits for another process's write lock before it fails with SQLITE_BUSY,
 * as SQLite's own busy_timeout did before.
 */
export const WRITE_LOCK_WAIT_MS = 5000;

/** Waits between tries for the write lock: short at first (most writes take a millisecond), then steady. */
const backoff = (attempt: number) => Math.min(25, 2 ** attempt);

/**
 * Kysely's SQLite dialect, with two things of Quire's own for several processes on one file
 * (QUIRE_PROCESSES, the worker beside a `quire import`…):
 *
 * - Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write:
 *   a deferred transaction that read and then wrote would fail at once with SQLITE_BUSY if another
 *   process had written in between, where an immediate one waits its turn.
 * - The wait does not stop the process. SQLite's busy_timeout sleeps inside the call, and
 *   better-sqlite3's calls are synchronous, so a process waiting for another's write lock answered
 *   nothing meanwhile: every request in flight waited with it. The connection's busy_timeout is 0
 *   (`connect.ts`), and a statement refused with SQLITE_BUSY outside a transaction (an autocommit
 *   write, or the BEGIN IMMEDIATE itself: either way nothing was done) hands the connection to this
 *   process's other queries, waits without blocking, and tries again, up to WRITE_LOCK_WAIT_MS.
 *   Inside a transaction the write lock is already held, so SQLITE_BUSY cannot happen there.
 */
export class QuireSqliteDialect extends SqliteDialect {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #database: ReturnType<typeof withStatementCache>;

  constructor(sqlite: BetterSqlite3.Database) {
    const database = withStatementCache(sqlite);
    super({ database });
    this.#sqlite = sqlite;
    this.#database = database;
  }

  override createDriver(): Driver {
    return new QuireSqliteDriver({ database: this.#database }, this.#sqlite);
  }
}

class QuireSqliteDriver extends SqliteDriver {
  #patient: PatientConnection | undefined;

  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#patient ??= new PatientConnection(connection, this.sqlite, (ms) => this.stepAside(ms));
    return this.#patient;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /** Lets the process's other queries have the connection for `ms`, then takes it back. */
  private async stepAside(ms: number): Promise<void> {
    await super.releaseConnection();
    await sleep(ms);
    await super.acquireConnection();
  }
}

class PatientConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly stepAside: (ms: number) => Promise<void>,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
        if (!busy || this.sqlite.inTransaction || Date.now() - started >= WRITE_LOCK_WAIT_MS) throw error;
      }
      await this.stepAside(backoff(attempt));
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * better-sqlite3 compiles a statement on every `prepare`, and Kysely prepares every query it runs:
 * keeping the compiled statements (by SQL text; Kysely's SQL has placeholders, so the set is small)
 * saves that work on every query. Statements run synchronously, so one is never in use twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const statements = new LRUCache<string, ReturnType<typeof sqlite.prepare>>({ max: 2000 });
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
