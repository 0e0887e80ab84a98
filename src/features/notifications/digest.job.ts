import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { enqueue } from '../../jobs/queue.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';

export const DIGEST = 'notifications.digest';
/** The hour (UTC) at which the daily digest goes out. */
export const DIGEST_HOUR = 7;

/** The next digest time after `now`: today's DIGEST_HOUR if still ahead, else tomorrow's. */
export function nextDigestAt(now = new Date()): string {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/**
 * The digest recurs while someone waits for one: storing a notice meant for a digest makes sure a
 * digest run is pending (in the same transaction), at the next digest hour. No notices, no runs.
 */
export async function ensureDigestScheduled(db: DB, now = new Date()): Promise<void> {
  const pending = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', DIGEST)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!pending) await enqueue(db, DIGEST, {}, { runAt: nextDigestAt(now) });
}

function digestText(baseUrl: string, rows: { title: string; excerpt: string; url: string }[]): string {
  const items = rows.map((r) =>
    [`* ${r.title}`, ...(r.excerpt ? [`  ${r.excerpt}`] : []), `  ${baseUrl}${r.url}`].join('\n'),
  );
  return [
    `Here is what happened on Quire since your last digest (${rows.length}):`,
    '',
    items.join('\n\n'),
    '',
    '--',
    `Your inbox: ${baseUrl}/inbox`,
    `Choose which e-mails you get: ${baseUrl}/inbox/preferences`,
    '',
  ].join('\n');
}

/**
 * Sends one e-mail per account with its notices waiting for the digest (still in its inbox: a deleted
 * notice is not mailed), and marks them sent in the same transaction as enqueueing the mail: each
 * account's rows are claimed by the update itself, so two runs never mail a notice twice.
 */
export async function sendDigests(ctx: Pick<AppContext, 'db' | 'config'>): Promise<number> {
  const users = await ctx.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select('users.id')
    .where('notifications.mail', '=', 'digest')
    .distinct()
    .execute();
  let sent = 0;
  for (const { id } of users) {
    const mailed = await ctx.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .select(['email', 'disabled_at', 'is_system'])
        .where('id', '=', id)
        .executeTakeFirst();
      const rows = await trx
        .updateTable('notifications')
        .set({ mail: 'sent' })
        .where('user_id', '=', id)
        .where('mail', '=', 'digest')
        .returning(['id', 'title', 'excerpt', 'url', 'notified_at'])
        .execute();
      if (rows.length === 0 || !user || user.disabled_at || user.is_system) return false;
      rows.sort((a, b) => b.notified_at.localeCompare(a.notified_at) || b.id - a.id);
      await enqueueEmail(trx, {
        to: user.email,
        subject: `Your Quire digest: ${rows.length} ${rows.length === 1 ? 'notification' : 'notifications'}`,
        text: digestText(ctx.config.baseUrl, rows),
      });
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

export const digestJob: JobHandler = async (_payload, ctx) => {
  if ((await sendDigests(ctx)) > 0) ctx.wakeWorker();
};
