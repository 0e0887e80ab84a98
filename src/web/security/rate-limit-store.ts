import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Counts one hit of `key` in a fixed window of `windowMs` and returns the hits so far and the
 * milliseconds left in the window. One upsert, atomic in both dialects (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING), so app processes sharing the database share the count: two processes behind
 * one proxy cannot each grant the full allowance.
 */
export async function countHit(
  db: DB,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<{ current: number; ttl: number }> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, hits: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.reset_at) - now) };
}

/**
 * A store for @fastify/rate-limit (its `store` option) that keeps the counts in the database, in
 * `rate_limits` (migration 0021). The plugin makes one child per limited route; the child prefixes
 * its keys with the route, so each route has its own allowance. Expired rows are deleted by the
 * maintenance job (jobs/maintenance.ts).
 */
export function databaseRateLimitStore(db: DB) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: Callback, timeWindow?: number): void {
      countHit(db, `${this.prefix}${key}`, timeWindow ?? 60_000).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: FastifyRateLimitOptions & { routeInfo?: { method?: unknown; url?: unknown } }) {
      const info = routeOptions.routeInfo ?? {};
      return new DatabaseRateLimitStore(
        routeOptions,
        `${[info.method].flat().join(',')} ${String(info.url)}|`,
      );
    }
  };
}
