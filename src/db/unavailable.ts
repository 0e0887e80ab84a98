/**
 * Errors that mean "the database cannot take writes (or cannot be reached) right now", as opposed to
 * a bug: the disk is full, the file or the server is read-only (a standby after a fail-over, a
 * maintenance window), or the connection is gone. Pages answer them with 503 and `Retry-After`
 * (web/errors.tsx); nothing was half-written, since every write that fails rolls back.
 */
export type UnavailableKind = 'full' | 'read_only' | 'unreachable';

const SQLITE: [RegExp, UnavailableKind][] = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_IOERR/, 'unreachable'],
  [/^SQLITE_CANTOPEN/, 'unreachable'],
  [/^SQLITE_BUSY/, 'unreachable'],
];

/** PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function postgresKind(code: string): UnavailableKind | null {
  if (code === '53100') return 'full'; // disk_full
  if (code.startsWith('53')) return 'unreachable'; // insufficient resources: memory, connections
  if (code === '25006') return 'read_only'; // read_only_sql_transaction
  if (code === '57P01' || code === '57P02' || code === '57P03') return 'unreachable'; // shutdown, cannot connect now
  if (code.startsWith('08')) return 'unreachable'; // connection exception
  return null;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const PG_CLIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

/** What kind of unavailability this error is, or null when it is anything else. */
export function unavailableKind(error: unknown): UnavailableKind | null {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  const code = typeof e.code === 'string' ? e.code : '';
  for (const [pattern, kind] of SQLITE) if (pattern.test(code)) return kind;
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const kind = postgresKind(code);
    if (kind) return kind;
  }
  if (NETWORK.has(code)) return 'unreachable';
  const message = typeof e.message === 'string' ? e.message : '';
  if (PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return 'unreachable';
  return e.cause && e.cause !== error ? unavailableKind(e.cause) : null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableKind(error) !== null;
}

/**
 * Runs a write that a read merely causes (a hit, a reading-history visit, a thread's view count, a
 * session's sliding expiry): when the database cannot take it, the page is still shown and the write
 * is skipped (silently: the outage is logged once by the request that could not save). Any other
 * error is a bug and still fails the request.
 */
export async function bestEffortWrite(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
  }
}
