import { setImmediate as nextTurn } from 'node:timers/promises';
import { type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { listableAmong, listableIdsAfter } from '../../db/listable-works.ts';
import type { FacetType, WorkDoc } from './engine/index.ts';

const epoch = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : 0);

/**
 * Works as the filter engine sees them, read from the database: only works that are posted and
 * not hidden can ever be listed (registered-only ones carry `restricted`, so the engine hides
 * them from guests). Their filter tags come from `work_filter_tags` (synonyms and metatags
 * already applied). `ids` limits the read to some works; without it every listable work is read,
 * `chunk` works per round trip, for the first load.
 *
 * SQLite's driver is synchronous, so its "awaits" never return to the event loop: each chunk gives
 * the process a turn before the next, or loading a million works (minutes) would hold every other
 * request, and the shutdown signal, until it ended.
 */
export async function* readWorkDocs(db: DB, ids?: number[], chunk = 1000): AsyncGenerator<WorkDoc> {
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
    // Which works to read comes from the listable works' own index, then their rows by primary
    // key: asked for "listable works after this id" (or "among these 2,000") in one query, SQLite's
    // planner walked the index on `posted` through every posted work and sorted them, 0.66 s a
    // chunk at a million works.
    let listed: number[];
    if (wanted) {
      const part = wanted.slice(offset, offset + chunk);
      if (part.length === 0) return;
      listed = await listableAmong(db, part);
    } else {
      listed = await listableIdsAfter(db, after, chunk);
      if (listed.length === 0) return;
      after = listed[listed.length - 1]!;
    }
    if (listed.length === 0) continue;
    const works = await db
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
      .where('id', 'in', listed)
      .orderBy('id')
      .execute();
    if (works.length === 0) continue;
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
    await nextTurn();
  }
}

/**
 * The types of the tags numbered above `after`, for facets, in id order and `page` tags per round
 * trip: a million works carry ~770,000 tags, and reading them as one array of rows held ~110 MB
 * for a moment at start-up (the server's highest RSS).
 */
export async function* readTagTypes(db: DB, after = 0, page = 10_000): AsyncGenerator<[number, FacetType]> {
  for (;;) {
    const rows = await db
      .selectFrom('tags')
      .select(['id', 'type'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(page)
      .execute();
    for (const r of rows) yield [r.id, r.type];
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.id;
    await nextTurn();
  }
}
