import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

export interface LimitedRoute {
  method: string;
  url: string;
  /** Requests allowed per client per window. */
  max: number;
  /** Why this route is abuse-prone (shown to nobody; it documents the list). */
  why: string;
}

const MINUTE = 60_000;
export const RATE_WINDOW_MS = MINUTE;

/**
 * Every abuse-prone write, with its allowance per client (the account when signed in, else the IP
 * address) per minute, in one list so a new route is one line and a test checks every line
 * (test/security/rate-limits.test.ts). Routes that pass their own `config.rateLimit` keep it.
 */
export const LIMITED_ROUTES: LimitedRoute[] = [
  { method: 'POST', url: '/login', max: 10, why: 'password guessing' },
  { method: 'POST', url: '/signup', max: 10, why: 'mass account creation' },
  { method: 'POST', url: '/setup', max: 10, why: 'the first administrator: a password form' },
  { method: 'POST', url: '/password/forgot', max: 10, why: 'mail bombing an address' },
  { method: 'POST', url: '/password/reset', max: 10, why: 'guessing reset tokens' },
  { method: 'POST', url: '/works/:id/comments', max: 10, why: 'comment spam, guests included' },
  { method: 'POST', url: '/entries/:id/comments', max: 10, why: 'comment spam, guests included' },
  { method: 'POST', url: '/works/:id/kudos', max: 30, why: 'kudos flooding, guests included' },
  { method: 'POST', url: '/reports', max: 10, why: 'report flooding of moderators' },
  { method: 'POST', url: '/forums/posts/:id/report', max: 10, why: 'report flooding of board moderators' },
  { method: 'POST', url: '/works/:id/threads', max: 10, why: 'forum spam on a work' },
  { method: 'POST', url: '/forums/boards/:id/threads', max: 10, why: 'forum spam' },
  { method: 'POST', url: '/forums/threads/:id/posts/new', max: 10, why: 'forum spam' },
  { method: 'POST', url: '/api/v1/works/:id/comments', max: 10, why: 'comment spam through the API' },
  { method: 'POST', url: '/api/v1/entries/:id/comments', max: 10, why: 'comment spam through the API' },
  { method: 'POST', url: '/api/v1/works/:id/kudos', max: 30, why: 'kudos flooding through the API' },
  { method: 'POST', url: '/api/v1/reports', max: 10, why: 'report flooding through the API' },
];

/** Signed-in clients are counted by account (many readers share one NAT); guests by address. */
export function rateLimitKey(request: FastifyRequest): string {
  return request.viewer ? `user:${request.viewer.id}` : `ip:${request.ip}`;
}

/**
 * Registers @fastify/rate-limit with counts in the database, and gives every route in
 * LIMITED_ROUTES its limit as the route is added. Call before any route is registered.
 * `maxOverride` lets tests of other things raise every limit.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext, maxOverride?: number) {
  const byRoute = new Map(LIMITED_ROUTES.map((r) => [`${r.method} ${r.url}`, r]));
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const limited = byRoute.get(`${method} ${route.url}`);
      if (!limited) continue;
      route.config ??= {};
      const config = route.config as { rateLimit?: unknown };
      config.rateLimit ??= { max: maxOverride ?? limited.max, timeWindow: RATE_WINDOW_MS };
    }
  });
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(ctx.db),
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      new QuireError(
        'rate_limited',
        429,
        `Too many attempts. Please wait ${Math.ceil(context.ttl / 1000)} seconds and try again.`,
      ),
  });
}
