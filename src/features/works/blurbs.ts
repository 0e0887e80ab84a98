import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { keptTagName } from '../browse/tag-name-cache.ts';
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
type Decoration = Pick<Blurb, 'tags' | 'tagIds' | 'creators'>;

/**
 * Decorations of recently listed works, per database, each with the work's `updated_at` when it
 * was read. Every change that shows on a work's pages stamps `updated_at` (its tags, its creators,
 * a pseud's rename: the rule the page cache relies on, works.repository.ts `workVersion`), and a
 * tag's name and type never change, so a decoration whose version matches the row read for this
 * page is exactly what reading it again would give. The row is read first, so a decoration is never
 * older than the version it is kept under. Counters (hits, kudos…) are not kept: they come from the
 * row read for each page.
 */
const decorations = new WeakMap<DB, Map<number, { version: string; decoration: Decoration }>>();
/** Decorations kept per database (~1.7 KB each, ~2 KB more with the rendered blurb); the oldest go first. */
const KEPT = 2000;

function keptFor(db: DB) {
  let kept = decorations.get(db);
  if (!kept) decorations.set(db, (kept = new Map()));
  return kept;
}

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
  const kept = keptFor(db);
  const found = new Map<number, Decoration>();
  const missing: number[] = [];
  for (const w of works) {
    const entry = w.updated_at === undefined ? undefined : kept.get(w.id);
    if (entry && entry.version === String(w.updated_at)) found.set(w.id, entry.decoration);
    else missing.push(w.id);
  }
  if (missing.length > 0) {
    const read = await readDecorations(db, missing);
    for (const w of works) {
      const decoration = read.get(w.id);
      if (!decoration) continue;
      found.set(w.id, decoration);
      if (w.updated_at === undefined) continue;
      kept.delete(w.id);
      kept.set(w.id, { version: String(w.updated_at), decoration });
    }
    for (const id of kept.keys()) {
      if (kept.size <= KEPT) break;
      kept.delete(id);
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
