import { sql } from 'kysely';
import type { DB, Dialect } from '../../db/connect.ts';

/** An icon without its bytes: what pages show and link to (`/icons/:id`). */
export interface IconSummary {
  id: number;
  user_id: number;
  keyword: string;
  alt: string;
  width: number;
  height: number;
  is_default: number;
  created_at: string;
}

const SUMMARY = ['id', 'user_id', 'keyword', 'alt', 'width', 'height', 'is_default', 'created_at'] as const;

/** One account's icons, oldest first (the order they were uploaded in). */
export function listIcons(db: DB, userId: number): Promise<IconSummary[]> {
  return db
    .selectFrom('user_icons')
    .select(SUMMARY)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The icons with these ids (an entry page's icons), by id; ids with no icon are left out. */
export async function iconsFor(db: DB, ids: readonly number[]): Promise<Map<number, IconSummary>> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('user_icons').select(SUMMARY).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The account's default icon, if it has chosen (or been given) one. */
export function defaultIconFor(db: DB, userId: number): Promise<IconSummary | undefined> {
  return db
    .selectFrom('user_icons')
    .select(SUMMARY)
    .where('user_id', '=', userId)
    .where('is_default', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
}

/** The default icons of several accounts, by account. */
export async function defaultIconsOf(db: DB, userIds: readonly number[]): Promise<Map<number, IconSummary>> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('user_icons')
    .select(SUMMARY)
    .where('user_id', 'in', wanted)
    .where('is_default', '=', 1)
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, row]));
}

export function findOwnIcon(db: DB, userId: number, id: number): Promise<IconSummary | undefined> {
  return db
    .selectFrom('user_icons')
    .select(SUMMARY)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Another of the account's icons with this keyword in any case (`except`: the icon being edited). */
export function findKeywordClash(
  db: DB,
  userId: number,
  keyword: string,
  except?: number,
): Promise<{ id: number; keyword: string } | undefined> {
  let query = db
    .selectFrom('user_icons')
    .select(['id', 'keyword'])
    .where('user_id', '=', userId)
    .where(sql<string>`lower(keyword)`, '=', keyword.toLowerCase());
  if (except !== undefined) query = query.where('id', '!=', except);
  return query.executeTakeFirst();
}

export async function countIcons(db: DB, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('user_icons')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Serialises icon writes for one account inside a transaction, so two uploads at once cannot
 * both pass the count and keyword checks. PostgreSQL: a row lock on the account. SQLite: one
 * writer at a time already.
 */
export async function lockAccount(trx: DB, dialect: Dialect, userId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

export function insertIcon(
  db: DB,
  row: {
    user_id: number;
    keyword: string;
    alt: string;
    mime: string;
    width: number;
    height: number;
    data: Uint8Array;
    created_at: string;
  },
): Promise<IconSummary> {
  return db
    .insertInto('user_icons')
    .values({ ...row, is_default: 0 })
    .returning(SUMMARY)
    .executeTakeFirstOrThrow();
}

export async function updateIconText(
  db: DB,
  userId: number,
  id: number,
  text: { keyword: string; alt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('user_icons')
    .set(text)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Makes one icon the account's only default. */
export async function setDefaultIcon(db: DB, userId: number, id: number): Promise<void> {
  await db
    .updateTable('user_icons')
    .set({ is_default: 0 })
    .where('user_id', '=', userId)
    .where('id', '!=', id)
    .where('is_default', '=', 1)
    .execute();
  await db
    .updateTable('user_icons')
    .set({ is_default: 1 })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .execute();
}

/** Deletes an icon; entries that used it keep no icon (the foreign key sets `icon_id` to null). */
export async function deleteIcon(db: DB, userId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('user_icons')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The stored image, for `GET /icons/:id`. */
export function findIconImage(db: DB, id: number): Promise<{ mime: string; data: Uint8Array } | undefined> {
  return db.selectFrom('user_icons').select(['mime', 'data']).where('id', '=', id).executeTakeFirst();
}
