import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { typedTagKey } from './tag-names.ts';

export { tagKey } from './tag-names.ts';

const FIXED_TYPES: readonly TagType[] = ['rating', 'warning', 'category'];

/**
 * The ids of tags of several types, created on first use (new tags arrive unwrangled; the fixed
 * vocabularies — ratings, warnings, categories — are canonical), in the order given. Tags that
 * exist already (the usual case) cost one query for all types together.
 */
export async function findOrCreateTagGroups(
  db: DB,
  groups: [TagType, string[]][],
  now: string,
): Promise<number[]> {
  const wanted = new Map<string, { type: TagType; key: string; name: string }>();
  for (const [type, names] of groups) {
    for (const name of names) {
      const clean = name.trim().replace(/\s+/g, ' ');
      const key = clean && typedTagKey(type, clean);
      if (key && !wanted.has(`${type}\n${key}`)) wanted.set(`${type}\n${key}`, { type, key, name: clean });
    }
  }
  if (wanted.size === 0) return [];
  const ids = new Map<string, number>();
  const find = async (list: { type: TagType; key: string }[]) => {
    const byType = new Map<TagType, string[]>();
    for (const { type, key } of list) byType.set(type, [...(byType.get(type) ?? []), key]);
    const rows = await db
      .selectFrom('tags')
      .select(['id', 'type', 'name_key'])
      .where((eb) =>
        eb.or([...byType].map(([type, keys]) => eb.and([eb('type', '=', type), eb('name_key', 'in', keys)]))),
      )
      .execute();
    for (const row of rows) ids.set(`${row.type}\n${row.name_key}`, row.id);
  };
  await find([...wanted.values()]);
  const missing = [...wanted].filter(([k]) => !ids.has(k)).map(([, tag]) => tag);
  if (missing.length > 0) {
    await db
      .insertInto('tags')
      .values(
        missing.map(({ type, key, name }) => ({
          type,
          name,
          name_key: key,
          canonical: FIXED_TYPES.includes(type) ? 1 : 0,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['type', 'name_key']).doNothing())
      .execute();
    await find(missing);
  }
  return [...wanted.keys()].map((k) => ids.get(k)!);
}

/** The ids of tags of one type, created on first use; order follows `names`. */
export function findOrCreateTags(db: DB, type: TagType, names: string[], now: string): Promise<number[]> {
  return findOrCreateTagGroups(db, [[type, names]], now);
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
