import type { DB } from '../../db/connect.ts';

/** What a reader's blocklist hides, as the filter engine needs it: canonical tag ids and account ids. */
export interface BlocklistIds {
  tags: number[];
  creators: number[];
}

/**
 * A reader's blocked tags as filter tags (a tag merged as a synonym since it was blocked leads to
 * its canonical tag) and blocked creators.
 */
export async function blocklistIds(db: DB, userId: number): Promise<BlocklistIds> {
  const [tags, creators] = await Promise.all([
    db
      .selectFrom('blocked_tags')
      .innerJoin('tags', 'tags.id', 'blocked_tags.tag_id')
      .select((eb) => eb.fn.coalesce('tags.merger_id', 'tags.id').as('id'))
      .where('blocked_tags.user_id', '=', userId)
      .execute(),
    db.selectFrom('blocked_creators').select('creator_id').where('user_id', '=', userId).execute(),
  ]);
  return {
    tags: [...new Set(tags.map((t) => Number(t.id)))],
    creators: creators.map((c) => c.creator_id),
  };
}

/** A reader's blocklist with names, for their page: tags by type then name, creators by name. */
export async function blocklistEntries(db: DB, userId: number) {
  const [tags, creators] = await Promise.all([
    db
      .selectFrom('blocked_tags')
      .innerJoin('tags', 'tags.id', 'blocked_tags.tag_id')
      .select(['tags.id', 'tags.name', 'tags.type', 'blocked_tags.created_at'])
      .where('blocked_tags.user_id', '=', userId)
      .orderBy('tags.type')
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('blocked_creators')
      .innerJoin('users', 'users.id', 'blocked_creators.creator_id')
      .select(['users.id', 'users.username', 'blocked_creators.created_at'])
      .where('blocked_creators.user_id', '=', userId)
      .orderBy('users.username')
      .execute(),
  ]);
  return { tags, creators };
}

export async function countBlocked(db: DB, userId: number) {
  const [tags, creators] = await Promise.all([
    db
      .selectFrom('blocked_tags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('blocked_creators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { tags: Number(tags.n), creators: Number(creators.n) };
}

export async function insertBlockedTags(db: DB, userId: number, tagIds: number[], at: string) {
  if (tagIds.length === 0) return;
  await db
    .insertInto('blocked_tags')
    .values(tagIds.map((tag_id) => ({ user_id: userId, tag_id, created_at: at })))
    .onConflict((oc) => oc.columns(['user_id', 'tag_id']).doNothing())
    .execute();
}

export async function deleteBlockedTag(db: DB, userId: number, tagId: number) {
  const result = await db
    .deleteFrom('blocked_tags')
    .where('user_id', '=', userId)
    .where('tag_id', '=', tagId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertBlockedCreator(db: DB, userId: number, creatorId: number, at: string) {
  await db
    .insertInto('blocked_creators')
    .values({ user_id: userId, creator_id: creatorId, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'creator_id']).doNothing())
    .execute();
}

export async function deleteBlockedCreator(db: DB, userId: number, creatorId: number) {
  const result = await db
    .deleteFrom('blocked_creators')
    .where('user_id', '=', userId)
    .where('creator_id', '=', creatorId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function savedFiltersOf(db: DB, userId: number) {
  return db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'query', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
}

export async function upsertSavedFilter(db: DB, userId: number, name: string, query: string, at: string) {
  await db
    .insertInto('saved_filters')
    .values({ user_id: userId, name, query, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ query, created_at: at }))
    .execute();
}

export async function deleteSavedFilter(db: DB, userId: number, id: number) {
  const result = await db
    .deleteFrom('saved_filters')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
