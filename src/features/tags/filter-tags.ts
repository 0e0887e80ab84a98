import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { typedTagKey } from './tag-names.ts';

/** Metatag chains are short; a cap keeps a mistaken cycle from looping. */
const MAX_META_DEPTH = 8;

/**
 * The filter tags of a set of tags: each synonym replaced by its canonical tag, then every
 * metatag above them added ("Lex Luthor/Lana Lang" finds works tagged "Lex/Lana" once that is a
 * synonym; a metatag "Smallville Universe" finds works of its subtag fandoms). The one owner of
 * what `work_filter_tags` holds.
 */
export async function expandFilterTags(db: DB, tagIds: number[]): Promise<number[]> {
  if (tagIds.length === 0) return [];
  const tags = await db.selectFrom('tags').select(['id', 'merger_id']).where('id', 'in', tagIds).execute();
  const result = new Set(tags.map((t) => t.merger_id ?? t.id));
  let frontier = [...result];
  for (let depth = 0; depth < MAX_META_DEPTH && frontier.length > 0; depth++) {
    const parents = await db
      .selectFrom('tag_links')
      .select('parent_id')
      .where('kind', '=', 'meta')
      .where('child_id', 'in', frontier)
      .execute();
    frontier = parents.map((p) => p.parent_id).filter((id) => !result.has(id));
    for (const id of frontier) result.add(id);
  }
  return [...result].sort((a, b) => a - b);
}

/** Recomputes the filter tags of these works from their tags (after a post, an edit or wrangling). */
export async function refreshFilterTags(db: DB, workIds: number[]): Promise<void> {
  for (const workId of new Set(workIds)) {
    const tagged = await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', workId).execute();
    const filters = await expandFilterTags(
      db,
      tagged.map((t) => t.tag_id),
    );
    await db.deleteFrom('work_filter_tags').where('work_id', '=', workId).execute();
    if (filters.length > 0) {
      await db
        .insertInto('work_filter_tags')
        .values(filters.map((tag_id) => ({ work_id: workId, tag_id })))
        .execute();
    }
  }
}

/**
 * Works whose filter tags depend on these tags: tagged with them, with their synonyms, or with
 * any tag below them (subtags), so wrangling one tag re-indexes exactly the works it affects.
 */
export async function worksAffectedBy(db: DB, tagIds: number[]): Promise<number[]> {
  const tags = new Set(tagIds);
  let frontier = [...tags];
  for (let depth = 0; depth < MAX_META_DEPTH && frontier.length > 0; depth++) {
    const [subtags, synonyms] = await Promise.all([
      db
        .selectFrom('tag_links')
        .select('child_id as id')
        .where('kind', '=', 'meta')
        .where('parent_id', 'in', frontier)
        .execute(),
      db.selectFrom('tags').select('id').where('merger_id', 'in', frontier).execute(),
    ]);
    frontier = [...subtags, ...synonyms].map((r) => r.id).filter((id) => !tags.has(id));
    for (const id of frontier) tags.add(id);
  }
  const works = await db
    .selectFrom('work_tags')
    .select('work_id')
    .distinct()
    .where('tag_id', 'in', [...tags])
    .execute();
  return works.map((w) => w.work_id);
}

/**
 * Tag names → the filter tags they lead to. A name may exist in several types; the canonical tag
 * it leads to (itself, or the tag it is a synonym of) is used, in the order of `types`. Unknown
 * names come back apart, as typed.
 */
export async function resolveFilterTags(
  db: DB,
  names: string[],
  types: readonly TagType[],
): Promise<{ ids: number[]; unknown: string[] }> {
  const found = new Map<string, number>();
  if (names.length === 0) return { ids: [], unknown: [] };
  const keys = new Set(names.flatMap((n) => types.map((t) => typedTagKey(t, n))));
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name_key', 'merger_id'])
    .where('type', 'in', [...types])
    .where('name_key', 'in', [...keys])
    .execute();
  for (const name of names) {
    const match = types
      .map((t) => rows.find((r) => r.type === t && r.name_key === typedTagKey(t, name)))
      .find(Boolean);
    if (match) found.set(name, match.merger_id ?? match.id);
  }
  return { ids: [...new Set(found.values())], unknown: names.filter((n) => !found.has(n)) };
}
