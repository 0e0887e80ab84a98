// The seeder's two writers. SQLite: its own better-sqlite3 connection to the app's file, multi-row
// prepared INSERTs, one transaction per batch, foreign-key checks off (the rows are written in
// dependency order), secondary indexes dropped for the load and created again from their stored
// definitions. PostgreSQL: `INSERT … SELECT * FROM unnest($1::int[], …)` per table and batch, one
// batch in flight while the next is generated, the same index treatment, sequences moved past the
// ids written. Search entries are written as search-index.ts's providers write them.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { tsvectorTexts } from '../../src/features/search/text/postgres-tsvector.ts';
import { searchWords } from '../../src/features/search/text/search-text.ts';
import { type Batch, type Rows, type SearchRow, type Sink, TABLE_ORDER, TABLES } from './tables.ts';

/** Tables the bulk load writes; their non-constraint indexes are dropped during it. */
const BULK_TABLES = [...TABLE_ORDER, 'work_search'];
/** Tables emptied by --force (children first), besides the accounts a previous seed made. */
export const ARCHIVE_TABLES = [
  'work_search',
  'serial_works',
  'series_creators',
  'series',
  'import_works',
  'gifts',
  'work_hits',
  'work_filter_tags',
  'work_tags',
  'work_creators',
  'chapters',
  'works',
  'tag_links',
  'tags',
];
export const BENCH_EMAIL_SUFFIX = '@bench.invalid';

const words = (text: string) => searchWords(text).join(' ');

/** A search row as the SQLite provider stores it (sqlite-search.ts upsert). */
export function ftsColumns(doc: SearchRow): string[] {
  return [
    words(doc.title),
    words(doc.summary),
    words(doc.notes),
    doc.tags.map(words).join(' '),
    doc.creators.map(words).join(' '),
    words(doc.body),
  ];
}

export class SqliteSink implements Sink {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private dropped: { name: string; sql: string }[] = [];
  private readonly writeBatch: (batch: Batch) => void;

  constructor(private readonly db: BetterSqlite3.Database) {
    db.pragma('foreign_keys = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -400000');
    db.pragma('temp_store = MEMORY');
    this.writeBatch = db.transaction((batch: Batch) => {
      for (const name of TABLE_ORDER) this.insertRows(batch.rows[name]);
      const fts = this.statement(
        'insert into work_search (rowid, title, summary, notes, tags, creators, body) values (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const doc of batch.search) fts.run(doc.workId, ...ftsColumns(doc));
    });
  }

  static async open(file: string): Promise<SqliteSink> {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(file);
    db.pragma('busy_timeout = 5000');
    return new SqliteSink(db);
  }

  /** Empties the archive and the accounts of a previous seed. */
  wipe(): void {
    this.db.transaction(() => {
      for (const table of ARCHIVE_TABLES) if (this.hasTable(table)) this.db.exec(`delete from ${table}`);
      const bench = `(select id from users where email_key like '%${BENCH_EMAIL_SUFFIX}')`;
      for (const table of ['sessions', 'api_tokens', 'password_resets', 'imports', 'pseuds'])
        this.db.exec(`delete from ${table} where user_id in ${bench}`);
      this.db.exec(`delete from users where email_key like '%${BENCH_EMAIL_SUFFIX}'`);
    })();
  }

  private hasTable(name: string): boolean {
    return !!this.db.prepare(`select 1 from sqlite_master where name = ?`).get(name);
  }

  dropIndexes(): void {
    const marks = BULK_TABLES.map(() => '?').join(', ');
    this.dropped = this.db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${marks})`,
      )
      .all(...BULK_TABLES) as { name: string; sql: string }[];
    for (const index of this.dropped) this.db.exec(`drop index ${index.name}`);
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private insertRows(rows: Rows): void {
    if (rows.length === 0) return;
    const { name, columns } = rows.spec;
    const width = columns.length;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `insert into ${name} (${columns.map(([c]) => c).join(', ')}) values `;
    const per = Math.max(1, Math.min(100, Math.floor(30_000 / width)));
    const values: (string | number | null)[] = new Array(per * width);
    let row = 0;
    for (; row + per <= rows.length; row += per) {
      for (let k = 0; k < per; k++)
        for (let c = 0; c < width; c++) values[k * width + c] = rows.columns[c]![row + k]!;
      this.statement(head + Array(per).fill(tuple).join(', ')).run(values);
    }
    const single = this.statement(head + tuple);
    for (; row < rows.length; row++) single.run(rows.columns.map((column) => column[row]!));
  }

  async write(batch: Batch): Promise<void> {
    this.writeBatch(batch);
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async finish(onStep: (step: string) => void): Promise<void> {
    for (const index of this.dropped) {
      onStep(`index ${index.name}`);
      this.db.exec(index.sql);
    }
    this.dropped = [];
    onStep('checkpoint');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.dropped.length) await this.finish(() => {});
    this.db.close();
  }
}

const PG_TYPES = { int: 'int4', text: 'text', ts: 'timestamptz' } as const;

export class PostgresSink implements Sink {
  readonly dialect = 'postgres';
  private dropped: { name: string; sql: string }[] = [];
  private inFlight: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresSink> {
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: url });
    await client.connect();
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    return new PostgresSink(client);
  }

  /** Skips foreign-key triggers for the load when allowed (superuser); rows are in dependency order anyway. */
  async relaxChecks(): Promise<void> {
    await this.client.query(`set session_replication_role = replica`).catch(() => {});
  }

  async wipe(): Promise<void> {
    const existing = await this.client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema()`,
    );
    const names = new Set(existing.rows.map((r) => r.name));
    await this.client.query(`truncate ${ARCHIVE_TABLES.filter((t) => names.has(t)).join(', ')} cascade`);
    await this.client.query(`delete from users where email_key like '%${BENCH_EMAIL_SUFFIX}'`);
  }

  async dropIndexes(): Promise<void> {
    const result = await this.client.query<{ name: string; sql: string }>(
      `select indexname as name, indexdef as sql from pg_indexes
       where schemaname = current_schema() and tablename = any($1)
         and indexname not in (select conname from pg_constraint)`,
      [BULK_TABLES],
    );
    this.dropped = result.rows;
    for (const index of this.dropped) await this.client.query(`drop index ${index.name}`);
  }

  async write(batch: Batch): Promise<void> {
    // Arrays are built now (the batch is reused); the queries run while the caller generates more.
    const queries: [string, unknown[]][] = [];
    for (const name of TABLE_ORDER) {
      const rows = batch.rows[name];
      if (rows.length === 0) continue;
      const { columns } = TABLES[name];
      const params = columns.map((_, c) => rows.columns[c]!.slice());
      const unnest = columns.map(([, type], c) => `$${c + 1}::${PG_TYPES[type]}[]`).join(', ');
      queries.push([
        `insert into ${name} (${columns.map(([c]) => c).join(', ')}) select * from unnest(${unnest})`,
        params,
      ]);
    }
    if (batch.search.length) {
      const cols: unknown[][] = [[], [], [], [], [], [], []];
      for (const doc of batch.search) {
        const text = tsvectorTexts(doc);
        const values = [
          doc.workId,
          text.title,
          text.tagsAndCreators,
          text.summaryAndNotes,
          text.body,
          text.tags,
          text.creators,
        ];
        values.forEach((v, k) => cols[k]!.push(v));
      }
      queries.push([
        `insert into work_search (work_id, document, tags, creators, head)
         select id, head || setweight(to_tsvector('simple', body), 'D'),
           to_tsvector('simple', tags), to_tsvector('simple', creators), head
         from unnest($1::int4[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           as u(id, title, tags_creators, summary_notes, body, tags, creators),
         lateral (select setweight(to_tsvector('simple', title), 'A')
             || setweight(to_tsvector('simple', tags_creators), 'B')
             || setweight(to_tsvector('simple', summary_notes), 'C') as head) as parts`,
        cols,
      ]);
    }
    await this.inFlight;
    const client = this.client;
    this.inFlight = (async () => {
      await client.query('begin');
      for (const [sql, params] of queries) await client.query(sql, params);
      await client.query('commit');
    })();
    // Surface a failure at the next write or at finish, whichever comes first.
    this.inFlight.catch(() => {});
  }

  async exec(sql: string): Promise<void> {
    await this.inFlight;
    await this.client.query(sql);
  }

  async finish(onStep: (step: string) => void): Promise<void> {
    await this.inFlight;
    for (const index of this.dropped) {
      onStep(`index ${index.name}`);
      await this.client.query(index.sql);
    }
    this.dropped = [];
    onStep('sequences');
    for (const table of ['users', 'pseuds', 'tags', 'works', 'chapters', 'series']) {
      await this.client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (select max(id) from ${table})))`,
      );
    }
    onStep('analyze');
    await this.client.query('set session_replication_role = default').catch(() => {});
    await this.client.query('analyze');
  }

  async close(): Promise<void> {
    await this.inFlight.catch(() => {});
    if (this.dropped.length) await this.finish(() => {});
    await this.client.end();
  }
}
