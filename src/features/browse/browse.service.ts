import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema.ts';
import { parseSearchQuery } from '../search/text/query-syntax.ts';
import { hasTextCriteria, searchProvider } from '../search/text/search-provider.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { hidesRestricted } from '../visibility/visibility.ts';
import { resolveFilterTags } from '../tags/filter-tags.ts';
import { type Blurb, BLURB_VERSIONED_COLUMNS, loadBlurbs } from '../works/blurbs.ts';
import type { BrowseQuery } from './browse.schema.ts';
import { browseIndexFor } from './browse-index.ts';
import { FACET_TYPES, type FacetType, type WorkQuery } from './engine/index.ts';
import { type ReaderSettings, readerSettings } from './reader-settings.ts';
import { tagNames } from './tag-name-cache.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

const PER_PAGE = 20;
const FREE_TYPES: TagType[] = ['fandom', 'relationship', 'character', 'freeform'];

export interface BrowseResult {
  total: number;
  page: number;
  pages: number;
  works: Blurb[];
  facets: Record<FacetType, { id: number; name: string; count: number }[]>;
  /** What could not be used as asked (an unknown tag, search syntax), in plain words. */
  notes: string[];
  /** The reader's blocklist: its size, and whether this listing applied it (null: nothing kept). */
  blocklist: { tags: number; creators: number; applied: boolean } | null;
}

/** What a listing is of, before the reader's filters: a tag's works, a creator's works, or all. */
export interface BrowseScope {
  /** A canonical tag id (its synonyms and subtags are found through filter tags). */
  tag?: number;
  /** An account id. */
  creator?: number;
  /**
   * Only these works (a user's bookmarks, features/bookmarks): every filter, the text search, the
   * sorting, the totals and the facet counts apply within them, exactly as on other listings.
   */
  within?: readonly number[];
}

/** Facets of every type, none counted yet. */
export function noFacets(): BrowseResult['facets'] {
  return Object.fromEntries(FACET_TYPES.map((type) => [type, []])) as unknown as BrowseResult['facets'];
}

const epochDay = (day: string | undefined, end = false) =>
  day ? Math.floor(Date.parse(`${day}T${end ? '23:59:59' : '00:00:00'}Z`) / 1000) : undefined;

/**
 * A filtered listing, as this viewer may see it: the text search (if any) narrows the works, the
 * filter engine applies every filter, sorts, pages and counts facets over all matches, and the
 * page's works are read for their blurbs. Unknown tags to include match nothing (and say so);
 * unknown tags to exclude are ignored.
 */
export async function browseWorks(
  ctx: Ctx,
  viewer: Viewer | null,
  query: BrowseQuery,
  scope: BrowseScope = {},
  /** The reader's settings, when the caller has read them already. */
  reader?: ReaderSettings,
): Promise<BrowseResult> {
  const notes: string[] = [];
  const settings = reader ?? (await readerSettings(ctx.db, viewer));
  const blocked = { tags: settings.blockedTags, creators: settings.blockedCreators };
  const muted = settings.muted;
  const [include, exclude, fixed, notWarned] = await Promise.all([
    resolveFilterTags(ctx.db, query.tags, FREE_TYPES),
    resolveFilterTags(ctx.db, query.excludeTags, FREE_TYPES),
    resolveFilterTags(
      ctx.db,
      [...query.rating, ...query.warnings, ...query.categories],
      ['rating', 'warning', 'category'],
    ),
    resolveFilterTags(ctx.db, query.excludeWarnings, ['warning']),
  ]);
  const kept = blocked.tags.length + blocked.creators.length > 0;
  const applyBlocklist = kept && query.blocklist !== 'off';
  for (const name of [...include.unknown, ...fixed.unknown]) notes.push(`No tag is called “${name}”.`);
  const engineQuery: WorkQuery = {
    include: [...include.ids, ...fixed.ids, ...(scope.tag ? [scope.tag] : [])],
    exclude: [...exclude.ids, ...notWarned.ids, ...(applyBlocklist ? blocked.tags : [])],
    // Muted accounts are always left out (a mute is not a per-listing switch); the blocklist may be off.
    excludeCreators: excludedCreators(applyBlocklist ? blocked.creators : [], muted),
    creators: scope.creator ? [scope.creator] : undefined,
    crossover: query.crossover,
    complete: query.complete === 'true' ? true : query.complete === 'false' ? false : undefined,
    wordsFrom: query.wordsFrom,
    wordsTo: query.wordsTo,
    updatedFrom: epochDay(query.updatedFrom),
    updatedTo: epochDay(query.updatedTo, true),
    language: query.language || undefined,
    guest: hidesRestricted(viewer),
    sort: query.sort ?? (query.q ? 'relevance' : 'updated'),
    page: query.page,
    perPage: PER_PAGE,
    facetLimit: 10,
  };
  if (query.q) {
    const parsed = parseSearchQuery(query.q);
    notes.push(...parsed.problems);
    const { fields } = parsed;
    if (fields.complete !== undefined) engineQuery.complete = fields.complete;
    if (fields.lang) engineQuery.language = fields.lang;
    if (fields.words?.from !== undefined) engineQuery.wordsFrom = fields.words.from;
    if (fields.words?.to !== undefined) engineQuery.wordsTo = fields.words.to;
    if (fields.rating.length) {
      const ratings = await resolveFilterTags(ctx.db, fields.rating, ['rating']);
      engineQuery.include!.push(...ratings.ids);
    }
    if (hasTextCriteria(parsed)) {
      const rank = engineQuery.sort === 'relevance';
      const hits = await searchProvider(ctx.dialect).search(ctx.db, parsed, { rank });
      engineQuery.within = { ids: hits.ids, scores: hits.scores };
    } else if (engineQuery.sort === 'relevance') engineQuery.sort = 'updated';
  } else if (engineQuery.sort === 'relevance') engineQuery.sort = 'updated';
  if (scope.within) engineQuery.within = narrowed(engineQuery.within, scope.within);

  const none = include.unknown.length + fixed.unknown.length > 0;
  const result = none
    ? { total: 0, page: query.page, ids: [], facets: null }
    : await browseIndexFor(ctx.db).query(engineQuery);
  const works = await blurbsInOrder(ctx.db, result.ids);
  return {
    total: result.total,
    page: result.page,
    pages: Math.max(1, Math.ceil(result.total / PER_PAGE)),
    works,
    facets: await namedFacets(ctx.db, result.facets),
    notes,
    blocklist: kept
      ? { tags: blocked.tags.length, creators: blocked.creators.length, applied: applyBlocklist }
      : null,
  };
}

/** The blurbs of these works, in this order (a work deleted since the index was read is left out). */
export async function blurbsInOrder(db: DB, ids: number[]): Promise<Blurb[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('works').select(BLURB_VERSIONED_COLUMNS).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return loadBlurbs(
    db,
    ids.map((id) => byId.get(id)).filter((w) => w !== undefined),
  );
}

function excludedCreators(blocked: number[], muted: number[]): number[] | undefined {
  const all = [...new Set([...blocked, ...muted])];
  return all.length > 0 ? all : undefined;
}

/** The text search's matches (with their scores) kept to the scope's works; or the scope's works. */
function narrowed(hits: WorkQuery['within'], scope: readonly number[]): NonNullable<WorkQuery['within']> {
  if (!hits) return { ids: scope };
  const keep = new Set(scope);
  const ids: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < hits.ids.length; i++) {
    if (!keep.has(hits.ids[i]!)) continue;
    ids.push(hits.ids[i]!);
    if (hits.scores) scores.push(Number(hits.scores[i]));
  }
  return hits.scores ? { ids, scores } : { ids };
}

async function namedFacets(db: DB, facets: Record<FacetType, { tag: number; count: number }[]> | null) {
  const named = noFacets();
  if (!facets) return named;
  const names = await tagNames(
    db,
    Object.values(facets).flatMap((list) => list.map((f) => f.tag)),
  );
  for (const [type, list] of Object.entries(facets) as [FacetType, { tag: number; count: number }[]][]) {
    named[type] = list.map((f) => ({ id: f.tag, name: names.get(f.tag) ?? '', count: f.count }));
  }
  return named;
}
