import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { ChangeFeed } from './db/change-feed.ts';
import type { DB, Dialect } from './db/connect.ts';
import type { Mailer } from './mail/mailer.ts';

/** What services need from the outside world; built once at start (server.ts, the CLI, tests). */
export interface AppContext {
  config: Config;
  db: DB;
  dialect: Dialect;
  log: Logger;
  mailer: Mailer;
  /** Which works changed (PostgreSQL's notifications), for trusting cached pages; see db/change-feed.ts. */
  changes: ChangeFeed;
  /** Nudges the in-process worker after a job was enqueued (a no-op when none runs here). */
  wakeWorker: () => void;
}
