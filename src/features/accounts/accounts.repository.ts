import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { likeContains } from '../../db/like.ts';
import type { NewUser, Role, User, UserUpdate } from '../../db/schema.ts';

export async function insertUser(db: DB, user: NewUser): Promise<User> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export function findUserById(db: DB, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An enabled account as a viewer (what a job acting for a user checks first), or undefined. */
export function findActiveViewer(
  db: DB,
  id: number,
): Promise<Pick<User, 'id' | 'username' | 'email' | 'role'> | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export function findUserByUsername(db: DB, username: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username_key', '=', username.toLowerCase())
    .executeTakeFirst();
}

export function findUserByEmail(db: DB, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email_key', '=', email.toLowerCase()).executeTakeFirst();
}

/** A log-in name is a username or an e-mail address. */
export function findUserByLogin(db: DB, login: string): Promise<User | undefined> {
  return login.includes('@') ? findUserByEmail(db, login) : findUserByUsername(db, login);
}

export async function updateUser(db: DB, id: number, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function deleteUser(db: DB, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Whether anyone (not a built-in account) has signed up: stops at the first row. */
export async function hasAnyPerson(db: DB): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('is_system', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countActiveAdmins(db: DB): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('is_system', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserListFilter {
  role?: Role;
  query?: string;
  limit: number;
  offset: number;
}

export function listUsers(db: DB, filter: UserListFilter) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role', 'disabled_at', 'created_at'])
    .where('is_system', '=', 0);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.query) query = query.where(likeContains(sql.ref('username_key'), filter.query.toLowerCase()));
  return query.orderBy('username_key').limit(filter.limit).offset(filter.offset).execute();
}

export async function insertPasswordReset(
  db: DB,
  row: { token_hash: string; user_id: number; created_at: string; expires_at: string },
): Promise<void> {
  await db
    .deleteFrom('password_resets')
    .where('user_id', '=', row.user_id)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('password_resets')
    .values({ ...row, used_at: null })
    .execute();
}

/** Marks an unused, unexpired token used and returns its account: at most one caller ever wins. */
export async function consumePasswordReset(
  db: DB,
  tokenHash: string,
  now: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

export function findLivePasswordReset(db: DB, tokenHash: string, now: string) {
  return db
    .selectFrom('password_resets')
    .select(['user_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** A community already has this name (case-insensitively): usernames and community names share one space. */
export async function isCommunityName(db: DB, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('journals')
    .select('id')
    .where('name_key', '=', name.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}
