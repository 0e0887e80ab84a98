import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { NoticeDelivery, NoticeMail } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import { nowIso } from '../../lib/clock.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';
import { idBatches } from '../../db/id-batches.ts';
import { shunPairs } from '../blocking/blocks.repository.ts';
import { ensureDigestScheduled } from './digest.job.ts';
import { storeNotice } from './inbox.repository.ts';
import type { Notice, NotificationEvent } from './notify.ts';
import { preferencesOfMany } from './preferences.ts';
import { sourceFor } from './sources.ts';

const id = z.number().int().positive();
/** The events as enqueued by notify(): checked again here, since a job's payload is stored text. */
export const eventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chapter.posted'), workId: id, chapterId: id }),
  z.object({ kind: z.literal('work.posted'), workId: id }),
  z.object({ kind: z.literal('comment.posted'), commentId: id }),
  z.object({ kind: z.literal('kudos.left'), workId: id, userId: id.nullable() }),
  z.object({ kind: z.literal('invitation'), workId: id, userId: id, role: z.enum(['co-creator', 'gift']) }),
  z.object({ kind: z.literal('forum.posted'), postId: id }),
  z.object({ kind: z.literal('entry.posted'), entryId: id }),
]);

/** Nobody hears of their own doing, nor of someone they blocked or muted. */
async function dropShunned(db: DB, notices: Notice[]): Promise<Notice[]> {
  const actors = notices.flatMap((n) => (n.actorId === null ? [] : [n.actorId]));
  const shunned = await shunPairs(
    db,
    notices.map((n) => n.userId),
    actors,
  );
  return notices.filter(
    (n) => n.actorId === null || (n.actorId !== n.userId && !shunned.has(`${n.userId}:${n.actorId}`)),
  );
}

/** The e-mail addresses of these accounts. */
async function emailsOf(db: DB, userIds: readonly number[]): Promise<Map<number, string>> {
  const emails = new Map<number, string>();
  for (const batch of idBatches(userIds)) {
    const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', batch).execute();
    for (const row of rows) emails.set(row.id, row.email);
  }
  return emails;
}

const MAIL_FOR: Record<NoticeDelivery, NoticeMail> = { inbox: 'none', immediate: 'sent', digest: 'digest' };

/** The plain-text e-mail of one notice. */
export function noticeMail(baseUrl: string, notice: Pick<Notice, 'title' | 'excerpt' | 'url'>): string {
  return [
    notice.title,
    ...(notice.excerpt ? ['', notice.excerpt] : []),
    '',
    `${baseUrl}${notice.url}`,
    '',
    '--',
    `Your inbox: ${baseUrl}/inbox`,
    `Choose which e-mails you get: ${baseUrl}/inbox/preferences`,
    '',
  ].join('\n');
}

/**
 * Delivers one event: its source's notices (visibility applied per recipient), minus the shunned,
 * each stored once per (user, key) and e-mailed by the recipient's preference, all in one
 * transaction. Run twice, the second run finds every notice already there and does nothing.
 */
export async function deliverEvent(ctx: Pick<AppContext, 'db' | 'config'>, event: NotificationEvent) {
  const source = sourceFor(event.kind);
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const notices = await dropShunned(trx, await source(trx, event as never));
    const preferences = await preferencesOfMany(
      trx,
      notices.map((n) => n.userId),
    );
    const delivery = (notice: Notice) => preferences.get(notice.userId)![notice.kind];
    const emails = await emailsOf(
      trx,
      notices.filter((n) => delivery(n) === 'immediate').map((n) => n.userId),
    );
    const delivered: Notice[] = [];
    for (const notice of notices) {
      const stored = await storeNotice(trx, notice, MAIL_FOR[delivery(notice)], now);
      if (stored === 'same') continue;
      delivered.push(notice);
      if (delivery(notice) === 'digest') await ensureDigestScheduled(trx);
      const to = emails.get(notice.userId);
      // No address: the account was deleted while this ran, and its notice with it.
      if (delivery(notice) !== 'immediate' || to === undefined) continue;
      await enqueueEmail(trx, {
        to,
        subject: notice.title,
        text: noticeMail(ctx.config.baseUrl, notice),
      });
    }
    return delivered;
  });
}

export const notifyJob: JobHandler = async (payload, ctx) => {
  await deliverEvent(ctx, eventSchema.parse(payload));
  ctx.wakeWorker();
};
