import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { keptTagName } from '../browse/tag-name-cache.ts';
import { tagsOfWorks } from '../tags/tags.repository.ts';
import { keep, keptOf } from './kept-by-version.ts';

/** A listed work, as the listing queries select it. */
export interface ListedWork {
  id: number;
  title: string;
  summary: string;
  revised_at: string | null;
  word_count: number;
  posted_chapters: number;
  expected_chapters: number | null;
  complete: number;
  language: string;
  hits: number;
  kudos_count: number;
  comment_count: number;
  bookmark_count: number;
  restricted: number;
  posted?: number;
}

/** What a listing shows of a work (AO3's blurb): its tags by type and its shown creators. */
export interface Blurb extends ListedWork {
  tags: Record<TagType, string[]>;
  /** Each tag's id, beside its name in `tags`, to link it to its page. */
  tagIds: Record<TagType, number[]>;
  creators: { pseud: string; username: string }[];
}

/** A list per tag type, each empty (a work's tag names, their ids…). */
export const emptyTagLists = <T = string>(): Record<TagType, T[]> => ({
  rating: [],
  warning: [],
  category: [],
  fandom: [],
  relationship: [],
  character: [],
  freeform: [],
});

/** A work's tags by type, none yet. */
export const emptyTags = (): Record<TagType, string[]> => emptyTagLists<string>();

/** What a blurb adds to its works row: its tags by type and its accepted creators. */
export type Decoration = Pick<Blurb, 'tags' | 'tagIds' | 'creators'>;

/** Reads the decorations of these works: two queries for all of them. */
async function readDecorations(db: DB, ids: number[]): Promise<Map<number, Decoration>> {
  const [tags, creators] = await Promise.all([
    tagsOfWorks(db, ids),
    db
      .selectFrom('work_creators')
      .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
      .innerJoin('users', 'users.id', 'work_creators.user_id')
      .select(['work_creators.work_id', 'pseuds.name as pseud', 'users.username'])
      .where('work_creators.work_id', 'in', ids)
      .where('work_creators.accepted', '=', 1)
      .orderBy('work_creators.work_id')
      .orderBy('work_creators.position')
      .execute(),
  ]);
  const byWork = new Map<number, Decoration>(
    ids.map((id) => [id, { tags: emptyTags(), tagIds: emptyTagLists<number>(), creators: [] }]),
  );
  for (const tag of tags) {
    const found = byWork.get(tag.work_id);
    // One string per tag name for all the kept decorations, not one per row read.
    found?.tags[tag.type].push(keptTagName(db, tag.id, tag.name));
    found?.tagIds[tag.type].push(tag.id);
  }
  for (const c of creators) byWork.get(c.work_id)?.creators.push({ pseud: c.pseud, username: c.username });
  for (const decoration of byWork.values()) {
    for (const type of TAG_TYPES) {
      decoration.tags[type] = fitted(decoration.tags[type]);
      decoration.tagIds[type] = fitted(decoration.tagIds[type]);
    }
  }
  return byWork;
}

const TAG_TYPES = Object.keys(emptyTags()) as TagType[];

/**
 * The same list in an array of its own length: an array grown by `push` reserves room for
 * seventeen, and a kept decoration holds fourteen lists (most of its memory, before).
 */
const fitted = <T>(list: T[]): T[] => (list.length === 0 ? [] : list.slice());

/**
 * Adds tags and accepted creators to listed works: two queries for the whole page, or none for
 * works read with their `updated_at` (see `BLURB_VERSIONED_COLUMNS`) whose decoration is kept at
 * that version.
 */
export async function loadBlurbs(db: DB, works: (ListedWork & { updated_at?: string })[]): Promise<Blurb[]> {
  if (works.length === 0) return [];
  const found = new Map<number, Decoration>();
  const missing: number[] = [];
  for (const w of works) {
    const decoration = w.updated_at === undefined ? undefined : keptOf(db, w.id, w.updated_at)?.decoration;
    if (decoration) found.set(w.id, decoration);
    else missing.push(w.id);
  }
  if (missing.length > 0) {
    const read = await readDecorations(db, missing);
    for (const w of works) {
      const decoration = read.get(w.id);
      if (!decoration) continue;
      found.set(w.id, decoration);
      if (w.updated_at !== undefined) keep(db, w.id, w.updated_at, 'decoration', decoration);
    }
  }
  return works.map(({ updated_at: _, ...w }) => ({ ...w, ...found.get(w.id)! }));
}

/** The columns a listing selects for its blurbs. */
export const BLURB_COLUMNS = [
  'works.id',
  'works.title',
  'works.summary',
  'works.revised_at',
  'works.word_count',
  'works.posted_chapters',
  'works.expected_chapters',
  'works.complete',
  'works.language',
  'works.hits',
  'works.kudos_count',
  'works.comment_count',
  'works.bookmark_count',
  'works.restricted',
] as const;

/** The blurb's columns and the row's version, for `loadBlurbs` to reuse kept decorations. */
export const BLURB_VERSIONED_COLUMNS = [...BLURB_COLUMNS, 'works.updated_at'] as const;
