import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * Tag autocomplete reads every tag whose key starts with the typed text as a range of the
 * `(type, name_key)` index. SQLite compares text bytewise, so its unique index already serves; a
 * PostgreSQL database made with a locale compares by that locale, where a prefix is not a range,
 * so PostgreSQL gets the same index in the "C" collation (features/browse/tag-suggestions.ts).
 */
export function tagPrefixIndex(dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`create index tags_type_key_prefix_idx on tags (type, name_key collate "C")`.execute(db);
    },
    async down(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`drop index tags_type_key_prefix_idx`.execute(db);
    },
  };
}
