import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { likeContains, likePrefix } from '../../db/like.ts';
import type { Pseud } from '../../db/schema.ts';

export async function insertPseud(
  db: DB,
  pseud: { user_id: number; name: string; description: string; is_default: number; created_at: string },
): Promise<Pseud> {
  return db
    .insertInto('pseuds')
    .values({ ...pseud, name_key: pseud.name.toLowerCase() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listPseudsOfUser(db: DB, userId: number): Promise<Pseud[]> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('name_key')
    .execute();
}

export function findPseudById(db: DB, id: number): Promise<Pseud | undefined> {
  return db.selectFrom('pseuds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPseudByName(db: DB, userId: number, name: string): Promise<Pseud | undefined> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .where('name_key', '=', name.toLowerCase())
    .executeTakeFirst();
}

export function findDefaultPseud(db: DB, userId: number): Promise<Pseud | undefined> {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .where('is_default', '=', 1)
    .executeTakeFirst();
}

export async function updatePseud(db: DB, id: number, changes: { name?: string; description?: string }) {
  await db
    .updateTable('pseuds')
    .set({ ...changes, ...(changes.name ? { name_key: changes.name.toLowerCase() } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function setDefaultPseud(db: DB, userId: number, pseudId: number): Promise<void> {
  await db.updateTable('pseuds').set({ is_default: 0 }).where('user_id', '=', userId).execute();
  await db.updateTable('pseuds').set({ is_default: 1 }).where('id', '=', pseudId).execute();
}

export async function deletePseud(db: DB, id: number): Promise<void> {
  await db.deleteFrom('pseuds').where('id', '=', id).execute();
}

/** Pseuds whose name starts with (or contains) the query, with their account's username. */
export function searchPseuds(db: DB, query: string, limit: number) {
  const key = query.toLowerCase();
  return db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.name', 'pseuds.is_default', 'users.username', 'users.created_at'])
    .where('users.is_system', '=', 0)
    .where('users.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        likeContains(sql.ref('pseuds.name_key'), key),
        likeContains(sql.ref('users.username_key'), key),
      ]),
    )
    .orderBy((eb) =>
      eb
        .case()
        .when(likePrefix(sql.ref('pseuds.name_key'), key))
        .then(0)
        .else(1)
        .end(),
    )
    .orderBy('pseuds.name_key')
    .limit(limit)
    .execute();
}
