import pino, { type Logger } from 'pino';
import { type Config, loadConfig, prepareDataDir } from './config.ts';
import type { AppContext } from './context.ts';
import { NO_CHANGE_FEED, openChangeFeed } from './db/change-feed.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { Worker } from './jobs/worker.ts';
import { createMailer } from './mail/mailer.ts';

export interface Runtime {
  ctx: AppContext;
  worker: Worker;
  close(): Promise<void>;
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    destination,
  );
}

/**
 * Opens everything a Quire process needs: configuration, data directory, database
 * (migrated unless told not to), mailer, job worker (not started) and, with `listen`, the
 * change feed that lets cached pages skip the database.
 */
export async function openRuntime(
  options: { config?: Config; log?: Logger; migrate?: boolean; listen?: boolean } = {},
): Promise<Runtime> {
  const config = prepareDataDir(options.config ?? loadConfig());
  const log = options.log ?? createLogger(config);
  const connection = await connect(config.database);
  if (options.migrate !== false) await migrateToLatest(connection.db, connection.dialect);
  const mailer = createMailer(config, log);
  // Only processes that serve pages listen for changes (one more PostgreSQL connection each).
  const changes = options.listen ? await openChangeFeed(config, log) : NO_CHANGE_FEED;
  const wake = { worker: undefined as Worker | undefined };
  const ctx: AppContext = {
    config,
    db: connection.db,
    dialect: connection.dialect,
    log,
    mailer,
    changes,
    wakeWorker: () => wake.worker?.wake(),
  };
  const worker = new Worker(ctx, jobHandlers);
  wake.worker = worker;
  return {
    ctx,
    worker,
    async close() {
      await worker.stop();
      await changes.close();
      mailer.close();
      await connection.close();
    },
  };
}
