import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';

/** The only SQL on `kudos` (migration 0015). */

/** Inserts one kudos; false when the account (or the guest, that day) already left kudos here. */
export async function insertKudos(
  db: DB,
  row: { work_id: number; user_id: number | null; guest_key: string | null; day: string; created_at: string },
): Promise<boolean> {
  const conflict =
    row.user_id !== null ? (['work_id', 'user_id'] as const) : (['work_id', 'guest_key', 'day'] as const);
  const result = await db
    .insertInto('kudos')
    .values(row)
    .onConflict((oc) => oc.columns([...conflict]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countKudos(db: DB, workId: number): Promise<number> {
  const row = await db
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same count, as a subquery (for `setWorkCounterFrom`). */
export function kudosCount(db: DB, workId: number) {
  return db
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId);
}

/** Accounts that left kudos on a work, first first, leaving out `exceptUserIds` (mutes). */
export function kudosGivers(db: DB, workId: number, exceptUserIds: readonly number[] = [], day?: string) {
  let query = db
    .selectFrom('kudos')
    .innerJoin('users', 'users.id', 'kudos.user_id')
    .select(['users.id', 'users.username'])
    .where('kudos.work_id', '=', workId)
    .where('users.disabled_at', 'is', null);
  if (exceptUserIds.length > 0) query = query.where('kudos.user_id', 'not in', [...exceptUserIds]);
  if (day) query = query.where('kudos.day', '=', day);
  return query.orderBy('kudos.id').execute();
}

/**
 * Every kudos of a work in one read, first first: accounts (with their names; a disabled account's
 * has a null username) and guests (null user_id). For the kudos panel, which shows both.
 */
export const kudosOfWork = prepared((db, p: Slots<{ workId: number }>) =>
  db
    .selectFrom('kudos')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'kudos.user_id').on('users.disabled_at', 'is', null),
    )
    .select(['kudos.user_id', 'users.username'])
    .where('kudos.work_id', '=', p.workId)
    .orderBy('kudos.id'),
);

/** How many guest kudos a work has (on `day`, when given). */
export async function guestKudos(db: DB, workId: number, day?: string): Promise<number> {
  let query = db
    .selectFrom('kudos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_id', '=', workId)
    .where('user_id', 'is', null);
  if (day) query = query.where('day', '=', day);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether this account, or this guest today, has left kudos on the work. */
export async function hasKudos(
  db: DB,
  workId: number,
  giver: { userId: number } | { guestKey: string; day: string },
): Promise<boolean> {
  let query = db.selectFrom('kudos').select('id').where('work_id', '=', workId);
  query =
    'userId' in giver
      ? query.where('user_id', '=', giver.userId)
      : query.where('guest_key', '=', giver.guestKey).where('day', '=', giver.day);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The most recent kudos by this account (or by any guest, for null) on the work. */
export function latestKudos(db: DB, workId: number, userId: number | null) {
  const query = db.selectFrom('kudos').select(['id', 'day']).where('work_id', '=', workId);
  return (userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The works an account left kudos on, and removes those kudos (account deletion). */
export async function removeKudosOf(db: DB, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('kudos').select('work_id').where('user_id', '=', userId).execute();
  await db.deleteFrom('kudos').where('user_id', '=', userId).execute();
  return rows.map((r) => r.work_id);
}
