import type { AppContext } from '../context.ts';
import { forgetOldVisits } from '../features/works/hits.ts';
import { DAY, HOUR } from '../lib/clock.ts';

export const MAINTENANCE_EVERY = HOUR;
/** Finished jobs are kept this long for inspection (failed ones until someone looks). */
export const KEEP_DONE_JOBS = 7 * DAY;

export interface MaintenanceReport {
  sessions: number;
  passwordResets: number;
  jobs: number;
  visits: number;
  rateLimits: number;
}

/** Deletes what has expired: sessions, spent or stale reset tokens, old finished jobs, ended rate-limit windows. */
export async function runMaintenance(
  ctx: Pick<AppContext, 'db'>,
  now = new Date(),
): Promise<MaintenanceReport> {
  const iso = now.toISOString();
  const sessions = await ctx.db.deleteFrom('sessions').where('expires_at', '<=', iso).executeTakeFirst();
  const resets = await ctx.db
    .deleteFrom('password_resets')
    .where((eb) => eb.or([eb('expires_at', '<=', iso), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  const jobs = await ctx.db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', new Date(now.getTime() - KEEP_DONE_JOBS).toISOString())
    .executeTakeFirst();
  const visits = await forgetOldVisits(ctx.db, now);
  const rateLimits = await ctx.db
    .deleteFrom('rate_limits')
    .where('reset_at', '<=', now.getTime())
    .executeTakeFirst();
  return {
    visits,
    sessions: Number(sessions.numDeletedRows),
    passwordResets: Number(resets.numDeletedRows),
    jobs: Number(jobs.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
  };
}
