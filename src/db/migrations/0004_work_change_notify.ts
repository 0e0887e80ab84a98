import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * PostgreSQL tells every Quire process when a work changes in a way its cached pages depend on
 * (the columns of `workVersion`: updated_at, posted, hidden_at, restricted; or deletion), whichever
 * process or tool wrote it, so guests' cached pages need no version query per request
 * (src/db/change-feed.ts). Hit counts alone do not notify. SQLite has no such channel: there the
 * version is looked up on each request, which costs microseconds in-process.
 */
export function workChangeNotify(dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`
        create or replace function quire_notify_work_change() returns trigger
        language plpgsql as $$
        begin
          perform pg_notify('quire_works', coalesce(new.id, old.id)::text);
          return null;
        end $$`.execute(db);
      await sql`
        create trigger works_notify_update after update on works for each row
        when (old.updated_at is distinct from new.updated_at
           or old.posted is distinct from new.posted
           or old.hidden_at is distinct from new.hidden_at
           or old.restricted is distinct from new.restricted)
        execute function quire_notify_work_change()`.execute(db);
      await sql`
        create trigger works_notify_delete after delete on works for each row
        execute function quire_notify_work_change()`.execute(db);
    },
    async down(db: MigrationDb) {
      if (dialect !== 'postgres') return;
      await sql`drop trigger if exists works_notify_update on works`.execute(db);
      await sql`drop trigger if exists works_notify_delete on works`.execute(db);
      await sql`drop function if exists quire_notify_work_change()`.execute(db);
    },
  };
}
