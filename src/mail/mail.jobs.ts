import { z } from 'zod';
import type { DB } from '../db/connect.ts';
import { enqueue } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { MailMessage } from './mailer.ts';

export const SEND_EMAIL = 'email.send';

const messageSchema = z.object({ to: z.string(), subject: z.string(), text: z.string() });

/** E-mail is a side effect: enqueue it in the transaction of the write that causes it. */
export function enqueueEmail(db: DB, message: MailMessage): Promise<number> {
  return enqueue(db, SEND_EMAIL, message);
}

export const sendEmailJob: JobHandler = async (payload, ctx) => {
  await ctx.mailer.send(messageSchema.parse(payload));
};
