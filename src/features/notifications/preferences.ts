import type { DB } from '../../db/connect.ts';
import type { NoticeDelivery } from '../../db/schema.ts';
import { idBatches } from '../../db/id-batches.ts';
import type { NotificationEvent } from './notify.ts';

export type NoticeKind = NotificationEvent['kind'];

/** Every event kind, in the order the preferences page lists them, with its label and default. */
export const NOTICE_KINDS: readonly { kind: NoticeKind; label: string; fallback: NoticeDelivery }[] = [
  { kind: 'chapter.posted', label: 'A new chapter of a work I subscribe to', fallback: 'immediate' },
  {
    kind: 'work.posted',
    label: 'A new work in a series or by a creator I subscribe to',
    fallback: 'immediate',
  },
  {
    kind: 'comment.posted',
    label: 'Comments on my works and entries, replies to my comments',
    fallback: 'immediate',
  },
  { kind: 'kudos.left', label: 'Kudos on my works', fallback: 'digest' },
  // The works feature already e-mails invitations and gifts itself (works.service.ts, gifts.ts).
  { kind: 'invitation', label: 'Co-creator invitations and gifts', fallback: 'inbox' },
  { kind: 'forum.posted', label: 'New posts in forum threads and boards I subscribe to', fallback: 'inbox' },
  { kind: 'entry.posted', label: 'New entries in journals I subscribe to', fallback: 'inbox' },
];

export const DELIVERIES: readonly { value: NoticeDelivery; label: string }[] = [
  { value: 'inbox', label: 'Inbox only' },
  { value: 'immediate', label: 'Inbox and an e-mail at once' },
  { value: 'digest', label: 'Inbox and a daily digest e-mail' },
];

export const isNoticeKind = (value: string): value is NoticeKind =>
  NOTICE_KINDS.some((k) => k.kind === value);

/** How this account hears of each kind: its choices over the defaults. */
export async function preferencesOf(db: DB, userId: number): Promise<Record<NoticeKind, NoticeDelivery>> {
  return (await preferencesOfMany(db, [userId])).get(userId)!;
}

/** How each of these accounts hears of each kind: one look-up for a whole fan-out. */
export async function preferencesOfMany(
  db: DB,
  userIds: readonly number[],
): Promise<Map<number, Record<NoticeKind, NoticeDelivery>>> {
  const users = [...new Set(userIds)];
  const chosen = new Map(users.map((id) => [id, new Map<string, NoticeDelivery>()]));
  for (const batch of idBatches(users)) {
    const rows = await db
      .selectFrom('notification_preferences')
      .select(['user_id', 'kind', 'delivery'])
      .where('user_id', 'in', batch)
      .execute();
    for (const row of rows) chosen.get(row.user_id)?.set(row.kind, row.delivery);
  }
  return new Map(
    users.map((id) => [
      id,
      Object.fromEntries(
        NOTICE_KINDS.map(({ kind, fallback }) => [kind, chosen.get(id)!.get(kind) ?? fallback]),
      ) as Record<NoticeKind, NoticeDelivery>,
    ]),
  );
}

/** The delivery of one kind for one account. */
export async function deliveryOf(db: DB, userId: number, kind: NoticeKind): Promise<NoticeDelivery> {
  return (await preferencesOf(db, userId))[kind];
}

/** Saves the choices (a row per kind, so a later change of default does not change a choice made). */
export async function savePreferences(
  db: DB,
  userId: number,
  choices: Partial<Record<NoticeKind, NoticeDelivery>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [kind, delivery] of Object.entries(choices)) {
      if (!delivery) continue;
      await trx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind, delivery })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery }))
        .execute();
    }
  });
}
