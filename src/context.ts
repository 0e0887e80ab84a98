import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { DB, Dialect } from './db/connect.ts';
import type { Mailer } from './mail/mailer.ts';

/** What services need from the outside world; built once at start (server.ts, the CLI, tests). */
export interface AppContext {
  config: Config;
  db: DB;
  dialect: Dialect;
  log: Logger;
  mailer: Mailer;
  /** Nudges the in-process worker after a job was enqueued (a no-op when none runs here). */
  wakeWorker: () => void;
}
