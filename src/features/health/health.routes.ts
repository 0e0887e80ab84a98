import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { hasPendingMigrations } from '../../db/migrate.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext) {
  /** Liveness: the process answers. */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /** Readiness: the database answers and its schema is current. */
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', database: 'unreachable', error: (error as Error).message });
    }
    if (await hasPendingMigrations(ctx.db, ctx.dialect)) {
      return reply.code(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending' });
    }
    return { status: 'ok', database: 'ok', migrations: 'current', dialect: ctx.dialect };
  });
}
