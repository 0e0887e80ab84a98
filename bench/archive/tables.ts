// Column-wise row batches for the seeder, and the tables it writes (column order and the
// PostgreSQL array type each column is sent as).

export type ColumnType = 'int' | 'text' | 'ts';
export type Value = string | number | null;

export interface TableSpec {
  name: string;
  columns: readonly (readonly [string, ColumnType])[];
}

const t = (name: string, columns: [string, ColumnType][]): TableSpec => ({ name, columns });

/** In the order they are written: every foreign key points at a table earlier in this list. */
export const TABLES = {
  users: t('users', [
    ['id', 'int'],
    ['username', 'text'],
    ['username_key', 'text'],
    ['email', 'text'],
    ['email_key', 'text'],
    ['password_hash', 'text'],
    ['role', 'text'],
    ['is_system', 'int'],
    ['view_adult', 'int'],
    ['created_at', 'ts'],
    ['updated_at', 'ts'],
  ]),
  pseuds: t('pseuds', [
    ['id', 'int'],
    ['user_id', 'int'],
    ['name', 'text'],
    ['name_key', 'text'],
    ['description', 'text'],
    ['is_default', 'int'],
    ['created_at', 'ts'],
  ]),
  tags: t('tags', [
    ['id', 'int'],
    ['type', 'text'],
    ['name', 'text'],
    ['name_key', 'text'],
    ['canonical', 'int'],
    ['merger_id', 'int'],
    ['media', 'text'],
    ['wrangled_at', 'ts'],
    ['created_at', 'ts'],
  ]),
  tag_links: t('tag_links', [
    ['parent_id', 'int'],
    ['child_id', 'int'],
    ['kind', 'text'],
  ]),
  series: t('series', [
    ['id', 'int'],
    ['title', 'text'],
    ['summary', 'text'],
    ['notes', 'text'],
    ['complete', 'int'],
    ['created_at', 'ts'],
    ['updated_at', 'ts'],
  ]),
  works: t('works', [
    ['id', 'int'],
    ['title', 'text'],
    ['summary', 'text'],
    ['notes', 'text'],
    ['end_notes', 'text'],
    ['language', 'text'],
    ['restricted', 'int'],
    ['comment_permission', 'text'],
    ['moderated_comments', 'int'],
    ['expected_chapters', 'int'],
    ['posted', 'int'],
    ['hidden_at', 'ts'],
    ['published_at', 'ts'],
    ['revised_at', 'ts'],
    ['word_count', 'int'],
    ['posted_chapters', 'int'],
    ['complete', 'int'],
    ['major_version', 'int'],
    ['minor_version', 'int'],
    ['hits', 'int'],
    ['created_at', 'ts'],
    ['updated_at', 'ts'],
  ]),
  chapters: t('chapters', [
    ['id', 'int'],
    ['work_id', 'int'],
    ['position', 'int'],
    ['title', 'text'],
    ['summary', 'text'],
    ['notes', 'text'],
    ['end_notes', 'text'],
    ['body', 'text'],
    ['word_count', 'int'],
    ['posted', 'int'],
    ['published_at', 'ts'],
    ['created_at', 'ts'],
    ['updated_at', 'ts'],
  ]),
  work_creators: t('work_creators', [
    ['work_id', 'int'],
    ['pseud_id', 'int'],
    ['user_id', 'int'],
    ['position', 'int'],
    ['accepted', 'int'],
    ['created_at', 'ts'],
  ]),
  work_tags: t('work_tags', [
    ['work_id', 'int'],
    ['tag_id', 'int'],
    ['position', 'int'],
  ]),
  work_filter_tags: t('work_filter_tags', [
    ['work_id', 'int'],
    ['tag_id', 'int'],
  ]),
  series_creators: t('series_creators', [
    ['series_id', 'int'],
    ['pseud_id', 'int'],
    ['user_id', 'int'],
  ]),
  serial_works: t('serial_works', [
    ['series_id', 'int'],
    ['work_id', 'int'],
    ['part', 'int'],
  ]),
} as const;
export type TableName = keyof typeof TABLES;
export const TABLE_ORDER = Object.keys(TABLES) as TableName[];

/** Rows of one table, column by column. */
export class Rows {
  readonly columns: Value[][];
  length = 0;
  constructor(readonly spec: TableSpec) {
    this.columns = spec.columns.map(() => []);
  }
  push(...values: Value[]): void {
    for (let c = 0; c < values.length; c++) this.columns[c]!.push(values[c]!);
    this.length++;
  }
  clear(): void {
    for (const column of this.columns) column.length = 0;
    this.length = 0;
  }
}

/**
 * One work's search-index entry in both shapes the providers store: SQLite's FTS5 columns (search
 * words joined by spaces) and the SearchDoc PostgreSQL's tsvectors are computed from.
 */
export interface SearchRow {
  workId: number;
  title: string;
  summary: string;
  notes: string;
  tags: string[];
  creators: string[];
  body: string;
}

/** A batch of rows of every table, written together. */
export class Batch {
  readonly rows = Object.fromEntries(TABLE_ORDER.map((name) => [name, new Rows(TABLES[name])])) as Record<
    TableName,
    Rows
  >;
  search: SearchRow[] = [];
  get size(): number {
    return TABLE_ORDER.reduce((n, name) => n + this.rows[name].length, 0) + this.search.length;
  }
}

/** Where the seeder writes: one implementation per database. */
export interface Sink {
  readonly dialect: 'sqlite' | 'postgres';
  /** Writes a batch (may return before it is durable; `finish` waits for everything). */
  write(batch: Batch): Promise<void>;
  /** Runs a statement (after the bulk writes: links, derived rows). */
  exec(sql: string): Promise<void>;
  /** Puts back the indexes taken away for the bulk load, and brings statistics and sequences up to date. */
  finish(onStep: (step: string) => void): Promise<void>;
  close(): Promise<void>;
}
