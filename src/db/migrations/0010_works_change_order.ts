import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * Listings read changed works in (updated_at, id) order (features/browse/browse-index.ts), so a
 * bulk change that stamps many works with one instant is paged through, none skipped: the index
 * covers both columns (on SQLite the rowid already followed; on PostgreSQL it did not).
 */
export function worksChangeOrder(_dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      await db.schema.createIndex('works_updated_id_idx').on('works').columns(['updated_at', 'id']).execute();
      await db.schema.dropIndex('works_updated_idx').execute();
    },
    async down(db: MigrationDb) {
      await db.schema.createIndex('works_updated_idx').on('works').column('updated_at').execute();
      await db.schema.dropIndex('works_updated_id_idx').execute();
    },
  };
}
