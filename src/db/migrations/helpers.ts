import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../connect.ts';

// Migrations receive Kysely<any>: they describe past schemas, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema a migration sees is not the current one
export type MigrationDb = Kysely<any>;

/** The few column types that differ between the dialects live here and nowhere else. */
export function columns(dialect: Dialect) {
  return {
    /** Adds an auto-increment integer primary key named `id`. */
    id<T extends string>(table: CreateTableBuilder<T, never>) {
      return dialect === 'postgres'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
    },
    /** An instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
    instant: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
  };
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
