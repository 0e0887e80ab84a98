import type { FastifyBaseLogger } from 'fastify';
import type { UnavailableKind } from '../../db/unavailable.ts';

/** Seconds a client is asked to wait (`Retry-After`) when the database cannot take writes. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * The database's current outage, if any, so it is logged once rather than on every refused
 * request: the first refusal logs an error, the rest are counted, and the first successful write
 * afterwards logs the recovery with the count.
 */
export class Outage {
  private since: number | null = null;
  private refused = 0;

  failed(log: FastifyBaseLogger, error: unknown, kind: UnavailableKind): void {
    this.refused += 1;
    if (this.since !== null) return;
    this.since = Date.now();
    log.error(
      { err: error, kind },
      'the database cannot take writes; answering 503 until it can (logged once per outage)',
    );
  }

  succeeded(log: FastifyBaseLogger): void {
    if (this.since === null) return;
    log.warn(
      { refused: this.refused, seconds: Math.round((Date.now() - this.since) / 1000) },
      'the database takes writes again',
    );
    this.since = null;
    this.refused = 0;
  }

  get active(): boolean {
    return this.since !== null;
  }
}
