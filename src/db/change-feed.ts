import type { Logger } from 'pino';
import type { Config } from '../config.ts';

/**
 * Which works changed, as PostgreSQL announces it (LISTEN quire_works; the trigger is in migration
 * 0004), so a process can trust its cached pages of a work until told otherwise instead of asking
 * the database on every request. `version(workId)` changes whenever the work may have changed:
 * on each notification for it, and for every work when the listening connection was lost (a
 * notification may have been missed). While the connection is down, `live` is false and callers
 * go back to asking the database.
 */
export interface ChangeFeed {
  readonly live: boolean;
  version(workId: number): string;
  /**
   * This process has just answered a write: every version moves at once, so a reader's next page
   * here never comes from a cache older than the write (its notification may still be on the way).
   */
  wrote(): void;
  close(): Promise<void>;
}

/** SQLite, and processes that do not serve pages: nothing to listen to. */
export const NO_CHANGE_FEED: ChangeFeed = {
  live: false,
  version: () => '',
  wrote: () => {},
  close: async () => {},
};

const CHANNEL = 'quire_works';

export async function openChangeFeed(config: Config, log: Logger): Promise<ChangeFeed> {
  if (config.database.dialect !== 'postgres') return NO_CHANGE_FEED;
  const { default: pg } = await import('pg');
  const url = config.database.url;
  const generations = new Map<number, number>();
  let epoch = 0;
  let writes = 0;
  let live = false;
  let closed = false;
  let client: InstanceType<typeof pg.Client> | null = null;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;

  const lost = (reason: string) => {
    if (!live && client === null) return;
    live = false;
    epoch++;
    client?.removeAllListeners();
    client?.end().catch(() => {});
    client = null;
    if (closed) return;
    log.warn({ reason }, 'change feed lost; cached pages are checked against the database until it is back');
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 10_000);
  };

  async function connect() {
    const next = new pg.Client({ connectionString: url });
    next.on('error', (err) => lost(err.message));
    next.on('end', () => lost('connection ended'));
    next.on('notification', (message) => {
      const id = Number(message.payload);
      if (Number.isInteger(id)) generations.set(id, (generations.get(id) ?? 0) + 1);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      next.removeAllListeners();
      await next.end().catch(() => {});
      if (closed) return;
      log.warn({ err }, 'change feed could not connect; retrying');
      retry = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    // Anything may have changed while nobody was listening.
    epoch++;
    delay = 250;
    live = true;
  }

  await connect();
  return {
    get live() {
      return live;
    },
    version: (workId) => `${epoch}.${writes}.${generations.get(workId) ?? 0}`,
    wrote() {
      writes++;
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(retry);
      const open = client;
      client = null;
      open?.removeAllListeners();
      await open?.end().catch(() => {});
    },
  };
}
