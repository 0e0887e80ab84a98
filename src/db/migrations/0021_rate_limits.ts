import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * Rate limits shared by every app process on one database (web/security/rate-limit-store.ts): one
 * row per (route, client) with the hits in the current window and when the window ends, in epoch
 * milliseconds (a bigint on PostgreSQL, an integer on SQLite). The maintenance job deletes rows whose
 * window has ended; `rate_limits_reset_idx` makes that a range scan.
 */
export function rateLimits(dialect: Dialect) {
  const millis = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: MigrationDb) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('reset_at', millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_reset_idx').on('rate_limits').column('reset_at').execute();
    },
    async down(db: MigrationDb) {
      await db.schema.dropTable('rate_limits').execute();
    },
  };
}
