import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { TagType } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { byMuted } from '../blocking/mutes.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import { BLURB_VERSIONED_COLUMNS, type ListedWork } from '../works/blurbs.ts';
import { typedTagKey } from './tag-names.ts';

export type TagRow = {
  id: number;
  type: TagType;
  name: string;
  canonical: number;
  merger_id: number | null;
  media: string | null;
};

const TAG_COLUMNS = ['id', 'type', 'name', 'canonical', 'merger_id', 'media'] as const;

const tagById = prepared((db, p: Slots<{ id: number }>) =>
  db.selectFrom('tags').select(TAG_COLUMNS).where('id', '=', p.id),
);

export async function findTag(db: DB, id: number): Promise<TagRow | undefined> {
  return (await tagById(db, { id }))[0];
}

/** How a tag of the family is related: a synonym, a parent (fandom or metatag) or a child. */
type FamilyRow = TagRow & { relation: 'synonym' | 'parent' | 'child'; kind: 'fandom' | 'meta' | null };

/** The whole family in one statement, ordered by name. */
const familyRows = prepared((db, p: Slots<{ id: number }>) => {
  const columns = TAG_COLUMNS.map((c) => `tags.${c}` as const);
  return db
    .selectFrom('tags')
    .select([
      ...columns,
      sql<string>`'synonym'`.as('relation'),
      sql<'fandom' | 'meta' | null>`null`.as('kind'),
    ])
    .where('tags.merger_id', '=', p.id)
    .unionAll(
      db
        .selectFrom('tag_links')
        .innerJoin('tags', 'tags.id', 'tag_links.parent_id')
        .select([...columns, sql<string>`'parent'`.as('relation'), 'tag_links.kind'])
        .where('tag_links.child_id', '=', p.id),
    )
    .unionAll(
      db
        .selectFrom('tag_links')
        .innerJoin('tags', 'tags.id', 'tag_links.child_id')
        .select([...columns, sql<string>`'child'`.as('relation'), 'tag_links.kind'])
        .where('tag_links.parent_id', '=', p.id),
    )
    .orderBy('name');
});

/** A tag's place in the wrangled graph: its synonyms, parent fandoms, metatags and subtags. */
export async function tagFamily(db: DB, tagId: number) {
  const family = {
    synonyms: [] as TagRow[],
    fandoms: [] as TagRow[],
    metatags: [] as TagRow[],
    subtags: [] as TagRow[],
    members: [] as TagRow[],
  };
  for (const row of (await familyRows(db, { id: tagId })) as FamilyRow[]) {
    const { relation, kind, ...tag } = row;
    if (relation === 'synonym') family.synonyms.push(tag);
    else if (relation === 'parent') (kind === 'fandom' ? family.fandoms : family.metatags).push(tag);
    else (kind === 'fandom' ? family.members : family.subtags).push(tag);
  }
  return family;
}

/**
 * The works a filter finds for a tag (synonyms and subtags included), as this viewer may see them,
 * in SQL: for the viewers the listings engine does not answer alone (tag-works.ts).
 */
export async function worksWithTagInSql(
  db: DB,
  viewer: Viewer | null,
  tagId: number,
  page: number,
  perPage: number,
): Promise<{ total: number; works: (ListedWork & { updated_at: string })[] }> {
  const base = db
    .selectFrom('works')
    .innerJoin('work_filter_tags', 'work_filter_tags.work_id', 'works.id')
    .where('work_filter_tags.tag_id', '=', tagId)
    .where('works.posted', '=', 1)
    .where((eb) => visibleWorks(eb, viewer));
  const [count, works] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(BLURB_VERSIONED_COLUMNS)
      .orderBy('works.revised_at', 'desc')
      .orderBy('works.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { total: Number(count.total), works };
}

/**
 * How many of a reader's own posted works under a tag the listings engine leaves out although the
 * reader may see them on the tag page (visibility.ts, visibleWorks: a creator sees their own
 * works): hidden by a moderator, or with a co-creator the reader muted. Almost always none.
 */
const ownWorksOffIndex = prepared((db, p: Slots<{ tag: number; user: number }>) =>
  db
    .selectFrom('work_creators')
    .innerJoin('works', 'works.id', 'work_creators.work_id')
    .innerJoin('work_filter_tags', (join) =>
      join.onRef('work_filter_tags.work_id', '=', 'works.id').on('work_filter_tags.tag_id', '=', p.tag),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('work_creators.user_id', '=', p.user)
    .where('work_creators.accepted', '=', 1)
    .where('works.posted', '=', 1)
    .where((eb) => eb.or([eb('works.hidden_at', 'is not', null), byMuted(eb, p.user)])),
);

export async function countOwnWorksOffIndex(db: DB, tagId: number, userId: number): Promise<number> {
  const [row] = await ownWorksOffIndex(db, { tag: tagId, user: userId });
  return Number(row?.n ?? 0);
}

/** What the wrangling queue shows: one type (or all), and tags of one fandom (or all). */
export interface QueueFilter {
  type: TagType | null;
  /** The fandom's filter tag (itself, or the canonical tag it is a synonym of). */
  fandomId: number | null;
}

export type QueueTag = {
  id: number;
  type: TagType;
  name: string;
  uses: number;
  /** Parent fandoms already set (characters, relationships, additional tags). */
  fandoms: string[];
};

/** The fandom tag a name leads to (through its canonical tag), whether or not it is wrangled yet. */
export async function fandomNamed(db: DB, name: string): Promise<{ id: number; name: string } | undefined> {
  const tag = await db
    .selectFrom('tags')
    .select(['id', 'name', 'merger_id'])
    .where('type', '=', 'fandom')
    .where('name_key', '=', typedTagKey('fandom', name))
    .executeTakeFirst();
  if (!tag?.merger_id) return tag;
  return db.selectFrom('tags').select(['id', 'name']).where('id', '=', tag.merger_id).executeTakeFirst();
}

/**
 * Tags waiting for a wrangler: neither canonical nor a synonym, most used first. With a fandom,
 * the tags on works filed under it (its synonyms and subtags included) or already given it as a
 * parent fandom, as AO3's per-fandom wrangling pages show them.
 */
export async function unwrangledTags(db: DB, filter: QueueFilter, limit: number): Promise<QueueTag[]> {
  let query = db
    .selectFrom('tags')
    .leftJoin('work_tags', 'work_tags.tag_id', 'tags.id')
    .select([
      'tags.id',
      'tags.type',
      'tags.name',
      (eb) => eb.fn.count<number>('work_tags.work_id').as('uses'),
    ])
    .where('tags.canonical', '=', 0)
    .where('tags.merger_id', 'is', null)
    .where('tags.type', 'in', ['fandom', 'relationship', 'character', 'freeform'])
    .groupBy(['tags.id', 'tags.type', 'tags.name'])
    .orderBy('uses', 'desc')
    .orderBy('tags.name')
    .limit(limit);
  if (filter.type) query = query.where('tags.type', '=', filter.type);
  const { fandomId } = filter;
  if (fandomId !== null) {
    query = query.where((eb) =>
      eb.or([
        // From each unwrangled tag (few, and mostly little used) to its works, not the other way.
        eb.exists(
          eb
            .selectFrom('work_tags as in_fandom')
            .innerJoin('work_filter_tags', 'work_filter_tags.work_id', 'in_fandom.work_id')
            .select('in_fandom.work_id')
            .whereRef('in_fandom.tag_id', '=', 'tags.id')
            .where('work_filter_tags.tag_id', '=', fandomId),
        ),
        eb(
          'tags.id',
          'in',
          eb
            .selectFrom('tag_links')
            .select('tag_links.child_id')
            .where('tag_links.kind', '=', 'fandom')
            .where('tag_links.parent_id', '=', fandomId),
        ),
      ]),
    );
  }
  const rows = await query.execute();
  const links = rows.length
    ? await db
        .selectFrom('tag_links')
        .innerJoin('tags', 'tags.id', 'tag_links.parent_id')
        .select(['tag_links.child_id', 'tags.name'])
        .where('tag_links.kind', '=', 'fandom')
        .where(
          'tag_links.child_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('tags.name')
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    uses: Number(r.uses),
    fandoms: links.filter((l) => l.child_id === r.id).map((l) => l.name),
  }));
}

/** Canonical fandoms with a medium, and how many works this viewer may see in each. */
export async function fandomsByMedia(db: DB, viewer: Viewer | null) {
  return db
    .selectFrom('tags')
    .leftJoin('work_filter_tags', 'work_filter_tags.tag_id', 'tags.id')
    .leftJoin('works', (join) =>
      join
        .onRef('works.id', '=', 'work_filter_tags.work_id')
        .on('works.posted', '=', 1)
        .on((eb) => visibleWorks(eb, viewer)),
    )
    .select(['tags.id', 'tags.name', 'tags.media', (eb) => eb.fn.count<number>('works.id').as('works')])
    .where('tags.type', '=', 'fandom')
    .where('tags.canonical', '=', 1)
    .groupBy(['tags.id', 'tags.name', 'tags.media'])
    .orderBy('tags.name')
    .execute();
}
