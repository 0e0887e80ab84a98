import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';
import { ValidationError } from '../../lib/errors.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import { isBlockedByAny } from '../blocking/blocks.repository.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

const key = (name: string) => name.trim().toLowerCase();

/**
 * Replaces a work's gift recipients. Names that are accounts are linked; when the work is
 * posted, recipients newly given it are told by e-mail (through the job queue). Someone who blocked
 * the giver cannot be given a new gift (one given before the block stays, so old works still save).
 */
export async function saveGifts(
  db: DB,
  work: { id: number; title: string; posted: boolean; url: string },
  giver: Viewer,
  names: string[],
): Promise<void> {
  const before = await db
    .selectFrom('gifts')
    .select(['recipient_key'])
    .where('work_id', '=', work.id)
    .execute();
  const known = new Set(before.map((g) => g.recipient_key));
  await db.deleteFrom('gifts').where('work_id', '=', work.id).execute();
  const seen = new Set<string>();
  for (const [position, name] of names.entries()) {
    const recipientKey = key(name);
    if (seen.has(recipientKey)) continue;
    seen.add(recipientKey);
    const user = await findUserByUsername(db, name.trim());
    const account = user && !user.is_system && !user.disabled_at ? user : undefined;
    if (account && !known.has(recipientKey) && (await isBlockedByAny(db, [account.id], giver.id)))
      throw new ValidationError({ gifts: `You cannot give a gift to “${name.trim()}”.` });
    await db
      .insertInto('gifts')
      .values({
        work_id: work.id,
        recipient: name.trim(),
        recipient_key: recipientKey,
        user_id: account?.id ?? null,
        position,
      })
      .execute();
    if (account && work.posted && !known.has(recipientKey) && account.id !== giver.id) {
      await tellRecipient(db, work, giver, account);
    }
  }
}

/** On every work page: compiled once per database. */
export function giftsOfWork(db: DB, workId: number) {
  return giftsOfWorkQuery(db, { workId });
}

const giftsOfWorkQuery = prepared((db, p: Slots<{ workId: number }>) =>
  db
    .selectFrom('gifts')
    .leftJoin('users', 'users.id', 'gifts.user_id')
    .select(['gifts.recipient', 'users.username'])
    .where('gifts.work_id', '=', p.workId)
    .orderBy('gifts.position'),
);

type Recipient = { id: number; email: string; username: string };

async function tellRecipient(
  db: DB,
  work: { id: number; title: string; url: string },
  giver: Viewer,
  account: Recipient,
) {
  await notify(db, { kind: 'invitation', workId: work.id, userId: account.id, role: 'gift' });
  await enqueueEmail(db, {
    to: account.email,
    subject: `${giver.username} wrote you a gift: “${work.title}”`,
    text: `Hi ${account.username},\n\n${giver.username} gave you a work on Quire: “${work.title}”.\n\nRead it: ${work.url}\n`,
  });
}

/** A draft with gifts has just been posted: every recipient with an account is told. */
export async function announceGifts(db: DB, work: { id: number; title: string; url: string }, giver: Viewer) {
  const recipients = await db
    .selectFrom('gifts')
    .innerJoin('users', 'users.id', 'gifts.user_id')
    .select(['users.id', 'users.email', 'users.username'])
    .where('gifts.work_id', '=', work.id)
    .execute();
  for (const account of recipients)
    if (account.id !== giver.id) await tellRecipient(db, work, giver, account);
}
