import { type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { listableWorks } from '../visibility/visibility.ts';
import type { FacetType, WorkDoc } from './engine/index.ts';

const epoch = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

/**
 * Works as the filter engine sees them, read from the database: only works that are posted and
 * not hidden can ever be listed (registered-only ones carry `restricted`, so the engine hides
 * them from guests). Their filter tags come from `work_filter_tags` (synonyms and metatags
 * already applied). `ids` limits the read to some works; without it every listable work is read,
 * `chunk` works per round trip, for the first load.
 */
export async function* readWorkDocs(db: DB, ids?: number[], chunk = 5000): AsyncGenerator<WorkDoc> {
  let after = 0;
  const wanted = ids ? [...new Set(ids)].sort((a, b) => a - b) : null;
  // The first load reads work_tags by id range without a join (a join lets a planner start from the
  // tags and probe every fandom); fandom tags and their canonical tag are read once for it.
  const fandomOf = wanted
    ? null
    : new Map(
        (
          await db
            .selectFrom('tags')
            .select(['id', (eb) => eb.fn.coalesce('merger_id', 'id').as('canonical')])
            .where('type', '=', 'fandom')
            .execute()
        ).map((t) => [t.id, Number(t.canonical)]),
      );
  for (let offset = 0; ; offset += chunk) {
    let query = db
      .selectFrom('works')
      .select([
        'id',
        'title',
        'complete',
        'restricted',
        'word_count',
        'revised_at',
        'published_at',
        'language',
        'hits',
        'kudos_count',
        'comment_count',
        'bookmark_count',
      ])
      .where(listableWorks)
      .orderBy('id')
      .limit(chunk);
    if (wanted) {
      const slice = wanted.slice(offset, offset + chunk);
      if (slice.length === 0) return;
      query = query.where('id', 'in', slice);
    } else query = query.where('id', '>', after);
    const works = await query.execute();
    if (works.length === 0) {
      if (wanted) continue;
      return;
    }
    const workIds = works.map((w) => w.id);
    // The first load reads id ranges (an index range each, in key order); a refresh reads its ids.
    const first = works[0]!.id;
    const last = works[works.length - 1]!.id;
    const within = (column: string) =>
      wanted
        ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(workIds)})`
        : sql<SqlBool>`${sql.ref(column)} between ${first} and ${last}`;
    const [tags, creators, fandoms] = await Promise.all([
      db
        .selectFrom('work_filter_tags')
        .select(['work_id', 'tag_id'])
        .where(within('work_filter_tags.work_id'))
        .execute(),
      db
        .selectFrom('work_creators')
        .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
        .select(['work_creators.work_id', 'work_creators.user_id', 'pseuds.name'])
        .where(within('work_creators.work_id'))
        .where('work_creators.accepted', '=', 1)
        .orderBy('work_creators.work_id')
        .orderBy('work_creators.position')
        .execute(),
      fandomOf
        ? db
            .selectFrom('work_tags')
            .select(['work_id', 'tag_id'])
            .where(within('work_tags.work_id'))
            .execute()
            .then((rows) =>
              rows.flatMap((r) => {
                const fandom = fandomOf.get(r.tag_id);
                return fandom === undefined ? [] : [{ work_id: r.work_id, fandom }];
              }),
            )
        : db
            .selectFrom('work_tags')
            .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
            .select(['work_tags.work_id', (eb) => eb.fn.coalesce('tags.merger_id', 'tags.id').as('fandom')])
            .where(within('work_tags.work_id'))
            .where('tags.type', '=', 'fandom')
            .execute(),
    ]);
    const byWork = new Map(
      works.map((w) => [
        w.id,
        { tags: [] as number[], creators: [] as number[], name: '', fandoms: new Set<number>() },
      ]),
    );
    for (const t of tags) byWork.get(t.work_id)?.tags.push(t.tag_id);
    for (const c of creators) {
      const entry = byWork.get(c.work_id);
      if (!entry) continue; // a draft or hidden work inside the id range
      if (!entry.name) entry.name = c.name;
      if (!entry.creators.includes(c.user_id)) entry.creators.push(c.user_id);
    }
    for (const f of fandoms) byWork.get(f.work_id)?.fandoms.add(Number(f.fandom));
    for (const w of works) {
      const extra = byWork.get(w.id)!;
      yield {
        id: w.id,
        tags: extra.tags,
        fandomCount: extra.fandoms.size,
        creators: extra.creators,
        complete: w.complete === 1,
        restricted: w.restricted === 1,
        words: w.word_count,
        revisedAt: epoch(w.revised_at),
        publishedAt: epoch(w.published_at),
        language: w.language,
        hits: w.hits,
        kudos: w.kudos_count,
        comments: w.comment_count,
        bookmarks: w.bookmark_count,
        title: w.title,
        creatorName: extra.name,
      };
    }
    after = works[works.length - 1]!.id;
    if (!wanted) offset = 0;
  }
}

/** The types of the tags numbered above `after`, for facets. */
export async function readTagTypes(db: DB, after = 0): Promise<[number, FacetType][]> {
  const rows = await db.selectFrom('tags').select(['id', 'type']).where('id', '>', after).execute();
  return rows.map((r) => [r.id, r.type]);
}
