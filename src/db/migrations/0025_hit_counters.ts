import { sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import type { MigrationDb } from './helpers.ts';

/**
 * A counted visit (a new `work_hits` row: one per visitor per work per day, works/hits.ts) adds
 * itself to the work's `hits` and to the day's `work_daily_stats` in the database, in the insert's
 * own statement: a guest's page view writes once instead of three times (three commits outside a
 * transaction). `on conflict do nothing` inserts no row for a repeat visit, so the trigger does not
 * fire and nothing is counted twice, in both dialects.
 */
export function hitCounters(dialect: Dialect) {
  return {
    async up(db: MigrationDb) {
      if (dialect === 'postgres') {
        await sql`create function work_hits_counted() returns trigger language plpgsql as $$
          begin
            update works set hits = hits + 1 where id = new.work_id;
            insert into work_daily_stats (work_id, day, hits, kudos) values (new.work_id, new.day, 1, 0)
              on conflict (work_id, day) do update set hits = work_daily_stats.hits + 1;
            return null;
          end $$`.execute(db);
        await sql`create trigger work_hits_counted after insert on work_hits
          for each row execute function work_hits_counted()`.execute(db);
        return;
      }
      await sql`create trigger work_hits_counted after insert on work_hits
        begin
          update works set hits = hits + 1 where id = new.work_id;
          insert into work_daily_stats (work_id, day, hits, kudos) values (new.work_id, new.day, 1, 0)
            on conflict (work_id, day) do update set hits = work_daily_stats.hits + 1;
        end`.execute(db);
    },
    async down(db: MigrationDb) {
      await sql`drop trigger work_hits_counted${sql.raw(dialect === 'postgres' ? ' on work_hits' : '')}`.execute(
        db,
      );
      if (dialect === 'postgres') await sql`drop function work_hits_counted()`.execute(db);
    },
  };
}
