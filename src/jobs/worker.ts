import os from 'node:os';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { randomToken } from '../lib/tokens.ts';
import { MAINTENANCE_EVERY, runMaintenance } from './maintenance.ts';
import type { Job } from '../db/schema.ts';
import { claimNext, markDone, markFailed } from './queue.ts';
import { releaseOrphans } from './recovery.ts';

/** `job` is the claimed row: a handler that must not repeat a side effect keys it by `job.id`. */
export type JobHandler = (payload: unknown, ctx: AppContext, job: Job) => Promise<void>;

/**
 * The worker loop: claims due jobs one at a time and runs their handler. Runs inside
 * the server process by default; `stop()` lets the running job finish.
 */
export class Worker {
  readonly id = `${os.hostname()}:${process.pid}:${randomToken(4)}`;
  private running = false;
  private current: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeResolve: (() => void) | null = null;
  private readonly log: Logger;
  private lastMaintenance = 0;
  /** The database cannot take writes (disk full, read-only): logged once, not on every poll. */
  private outage = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly handlers: Record<string, JobHandler>,
    private readonly pollMs = 1000,
  ) {
    this.log = ctx.log.child({ worker: this.id });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = this.loop();
  }

  /** Checks for work now instead of at the next poll. */
  wake(): void {
    this.wakeResolve?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.current;
  }

  /** Runs every due job, then returns how many ran (tests and the CLI use this). */
  async drain(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran++;
    return ran;
  }

  private async loop(): Promise<void> {
    try {
      const released = await releaseOrphans(this.ctx.db);
      if (released > 0) this.log.warn({ released }, 'jobs of crashed workers released');
    } catch (error) {
      this.log.error({ err: error }, 'could not release the jobs of crashed workers');
    }
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOne();
        if (!worked) await this.maintain();
        if (this.outage) this.log.warn('job queue available again');
        this.outage = false;
      } catch (error) {
        const unavailable = isDatabaseUnavailable(error);
        if (!unavailable || !this.outage)
          this.log.error(
            { err: error },
            unavailable
              ? 'job queue unavailable: the database cannot take writes (logged once)'
              : 'job queue unavailable',
          );
        this.outage = unavailable;
      }
      if (!worked && this.running) await this.sleep();
    }
  }

  /** When idle, at most hourly: clear expired sessions, spent reset tokens and old jobs. */
  private async maintain(): Promise<void> {
    if (Date.now() - this.lastMaintenance < MAINTENANCE_EVERY) return;
    this.lastMaintenance = Date.now();
    const report = await runMaintenance(this.ctx);
    this.log.info(report, 'maintenance done');
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeResolve = () => {
        if (this.timer) clearTimeout(this.timer);
        this.wakeResolve = null;
        resolve();
      };
      this.timer = setTimeout(() => this.wakeResolve?.(), this.pollMs);
    });
  }

  private async runOne(): Promise<boolean> {
    const job = await claimNext(this.ctx.db, this.ctx.dialect, this.id);
    if (!job) return false;
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(JSON.parse(job.payload), this.ctx, job);
      await markDone(this.ctx.db, job.id);
      this.log.info({ job: job.id, kind: job.kind }, 'job done');
    } catch (error) {
      const outcome = await markFailed(this.ctx.db, job, error);
      this.log.warn(
        { job: job.id, kind: job.kind, attempt: job.attempts, outcome, err: error },
        'job failed',
      );
    }
    return true;
  }
}
