import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { likeContains, likePrefix } from '../../db/like.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import { tagKey } from './tags.repository.ts';

/** The tag types people type freely on the posting form (the fixed vocabularies are choices). */
export const AUTOCOMPLETE_TYPES = ['fandom', 'relationship', 'character', 'freeform'] as const;
export type AutocompleteType = (typeof AUTOCOMPLETE_TYPES)[number];

/**
 * The lookup key (case-folded, NFKC), and the name as shown lower-cased: a relationship's key
 * may list its people in a fixed order ("lana/lex"), but people type them as written ("Lex/La").
 */
const COMPARED = [sql.ref<string>('tags.name_key'), sql<string>`lower(${sql.ref('tags.name')})`];

export interface TagSuggestion {
  name: string;
  /** Works using the tag that this viewer may see (never a count that includes hidden ones). */
  uses: number;
  /** Wrangled as canonical: what filters use, so it is offered first. */
  canonical: boolean;
}

/**
 * Tags of one type matching what is being typed: names starting with it first, then names
 * containing it, each by uses (most first) then name. Only tags on posted works the viewer may
 * see are suggested (visibility.ts), so a tag that exists only on a draft, or only on a work
 * for registered users, never reaches a guest; tags only on drafts are never suggested at all.
 */
export async function suggestTags(
  db: DB,
  viewer: Viewer | null,
  type: AutocompleteType,
  query: string,
  limit = 10,
): Promise<TagSuggestion[]> {
  const key = tagKey(query);
  if (!key) return [];
  const rows = await db
    .selectFrom('tags')
    .innerJoin('work_tags', 'work_tags.tag_id', 'tags.id')
    .innerJoin('works', 'works.id', 'work_tags.work_id')
    .select((eb) => ['tags.name', 'tags.canonical', eb.fn.countAll<number>().as('uses')])
    .where('tags.type', '=', type)
    .where((eb) => eb.or(COMPARED.map((column) => likeContains(column, key))))
    .where('works.posted', '=', 1)
    .where((eb) => visibleWorks(eb, viewer))
    .groupBy(['tags.id', 'tags.name', 'tags.name_key', 'tags.canonical'])
    .orderBy((eb) =>
      eb
        .case()
        .when(eb.or(COMPARED.map((column) => likePrefix(column, key))))
        .then(0)
        .else(1)
        .end(),
    )
    .orderBy('tags.canonical', 'desc')
    .orderBy('uses', 'desc')
    .orderBy('tags.name_key')
    .orderBy('tags.name')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ name: row.name, uses: Number(row.uses), canonical: row.canonical === 1 }));
}
