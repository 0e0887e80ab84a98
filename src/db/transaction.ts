import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `fn` in a transaction, or in the caller's when `db` already is one, so a service that
 * writes atomically (posting a work) can also be one step of a larger atomic write (an import
 * that posts the work and records where it came from). Kysely cannot nest transactions.
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
