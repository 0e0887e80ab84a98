import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { tagsOfWorks } from '../tags/tags.repository.ts';

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
  /** Tag name → id, to link each tag to its page. */
  tagIds: Map<string, number>;
  creators: { pseud: string; username: string }[];
}

/** A work's tags by type, none yet. */
export const emptyTags = (): Record<TagType, string[]> => ({
  rating: [],
  warning: [],
  category: [],
  fandom: [],
  relationship: [],
  character: [],
  freeform: [],
});

/** Adds tags and accepted creators to listed works: two queries for the whole page. */
export async function loadBlurbs(db: DB, works: ListedWork[]): Promise<Blurb[]> {
  const ids = works.map((w) => w.id);
  if (ids.length === 0) return [];
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
  const byWork = new Map(
    works.map((w) => [w.id, { ...w, tags: emptyTags(), tagIds: new Map(), creators: [] } as Blurb]),
  );
  for (const tag of tags) {
    const blurb = byWork.get(tag.work_id);
    blurb?.tags[tag.type].push(tag.name);
    blurb?.tagIds.set(`${tag.type}:${tag.name}`, tag.id);
  }
  for (const c of creators) byWork.get(c.work_id)?.creators.push({ pseud: c.pseud, username: c.username });
  return works.map((w) => byWork.get(w.id)!);
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
