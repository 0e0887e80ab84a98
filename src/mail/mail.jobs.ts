import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import type { Job } from '../db/schema.ts';
import { enqueue } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { nowIso } from '../lib/clock.ts';
import type { MailMessage } from './mailer.ts';

export const SEND_EMAIL = 'email.send';

const messageSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });

/** E-mail is a side effect: enqueue it in the transaction of the write that causes it. */
export function enqueueEmail(db: DB, message: MailMessage): Promise<number> {
  return enqueue(db, SEND_EMAIL, message);
}

/** The same job always sends the same Message-ID, so a re-send is recognisably one message. */
export function messageIdFor(job: Pick<Job, 'id' | 'created_at'>, baseUrl: string): string {
  return `<quire.job-${job.id}.${Date.parse(job.created_at).toString(36)}@${new URL(baseUrl).hostname}>`;
}

/**
 * At most one e-mail per job, short of one narrow window: the delivery row is written before the
 * SMTP send and stamped `sent_at` right after the server accepts the message. A job that runs again
 * (its worker crashed before marking it done) finds `sent_at` and sends nothing; one that finds the
 * row unstamped cannot know whether the server took the message, and sends again with the same
 * Message-ID rather than risk losing it (docs/decisions.md).
 */
export const sendEmailJob: JobHandler = async (payload, ctx, job) => {
  const message = messageSchema.parse(payload);
  const messageId = messageIdFor(job, ctx.config.baseUrl);
  const previous = await ctx.db
    .selectFrom('mail_deliveries')
    .select(['sent_at', 'attempts'])
    .where('job_id', '=', job.id)
    .executeTakeFirst();
  if (previous?.sent_at) return;
  if (previous)
    await ctx.db
      .updateTable('mail_deliveries')
      .set({ attempts: previous.attempts + 1, started_at: nowIso() })
      .where('job_id', '=', job.id)
      .execute();
  else
    await ctx.db
      .insertInto('mail_deliveries')
      .values({ job_id: job.id, message_id: messageId, attempts: 1, started_at: nowIso() })
      .execute();
  await ctx.mailer.send({ ...message, messageId });
  await ctx.db
    .updateTable('mail_deliveries')
    .set({ sent_at: nowIso() })
    .where('job_id', '=', job.id)
    .execute();
};
