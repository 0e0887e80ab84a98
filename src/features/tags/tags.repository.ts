import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { typedTagKey } from './tag-names.ts';

export { tagKey } from './tag-names.ts';

/**
 * The ids of tags of one type, created on first use (new tags arrive unwrangled; the fixed
 * vocabularies — ratings, warnings, categories — are canonical). Order follows `names`.
 */
export async function findOrCreateTags(
  db: DB,
  type: TagType,
  names: string[],
  now: string,
): Promise<number[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean) wanted.set(typedTagKey(type, clean), clean);
  }
  if (wanted.size === 0) return [];
  const keys = [...wanted.keys()];
  const canonical = type === 'rating' || type === 'warning' || type === 'category' ? 1 : 0;
  await db
    .insertInto('tags')
    .values(keys.map((key) => ({ type, name: wanted.get(key)!, name_key: key, canonical, created_at: now })))
    .onConflict((oc) => oc.columns(['type', 'name_key']).doNothing())
    .execute();
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name_key'])
    .where('type', '=', type)
    .where('name_key', 'in', keys)
    .execute();
  const idByKey = new Map(rows.map((r) => [r.name_key, r.id]));
  return keys.map((key) => idByKey.get(key)!);
}

export interface WorkTag {
  work_id: number;
  id: number;
  type: TagType;
  name: string;
}

/** Replaces a work's tags with these ids (in order). */
export async function setWorkTags(db: DB, workId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('work_tags')
    .values(tagIds.map((tag_id, position) => ({ work_id: workId, tag_id, position })))
    .execute();
}

export function tagsOfWorks(db: DB, workIds: number[]): Promise<WorkTag[]> {
  if (workIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['work_tags.work_id', 'tags.id', 'tags.type', 'tags.name'])
    .where('work_tags.work_id', 'in', workIds)
    .orderBy('work_tags.work_id')
    .orderBy('work_tags.position')
    .execute();
}
