import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DB, Dialect } from '../../db/connect.ts';
import { idBatches } from '../../db/id-batches.ts';
import { best } from '../../lib/best.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagKey } from '../tags/tag-names.ts';
import { AUTOCOMPLETE_TYPES, type AutocompleteType } from '../tags/tags.autocomplete.schema.ts';
import { hidesRestricted } from '../visibility/visibility.ts';
import { type BrowseIndex, browseIndexFor } from './browse-index.ts';
import { type PopularTag, PopularTags } from './popular-tags.ts';

export interface TagSuggestion {
  name: string;
  /** Works this viewer may see that a filter by this tag finds (synonyms and subtags included). */
  uses: number;
  /** Wrangled as canonical: what filters use, so it is offered first. */
  canonical: boolean;
}

/** The most used tags of each type, kept in memory for word-start matches (a name's later words). */
const POPULAR = 20_000;
/** How stale the popular list may get once it is that long (shorter lists follow every change). */
const REFRESH_MS = 60_000;
/** Names starting with the text, read from the database's index, at most this many per look-up. */
const PREFIX_ROWS = 200;
/** An upper bound for a prefix range: sorts after every character, bytewise and in UTF-8. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

type Known = PopularTag;

/**
 * Tag autocomplete, fast at a million works: candidates are every tag whose name or key starts
 * with the text (a range of the tags index) plus word-start matches among the most used tags of
 * the type (kept in memory); a synonym leads to its canonical tag. Uses come from the filter
 * engine (browse-index.ts), exact for this viewer: a tag only on drafts, hidden works or (for
 * guests) registered-only works counts 0 and is never suggested. Canonical tags first, then
 * prefix matches before word-start ones, then by uses and name.
 */
export class TagSuggester {
  private readonly popular = new Map<
    AutocompleteType,
    { list: PopularTags; at: number; version: number; complete: boolean }
  >();
  private readonly building = new Map<AutocompleteType, Promise<void>>();

  constructor(
    private readonly db: DB,
    private readonly dialect: Dialect,
    private readonly index: BrowseIndex,
    /** Prefix matches read from the database per look-up (smaller in tests of the popular scan). */
    private readonly prefixRows = PREFIX_ROWS,
  ) {}

  async suggest(viewer: Viewer | null, type: AutocompleteType, text: string, limit = 10) {
    const key = tagKey(text);
    if (!key) return [];
    await this.index.ready();
    await this.index.sync();
    const guest = hidesRestricted(viewer);
    const found = new Map<number, { known: Known; rank: number }>();
    const consider = (known: Known, rank: number) => {
      const seen = found.get(known.id);
      if (!seen || rank < seen.rank) found.set(known.id, { known, rank });
    };
    for (const { known, rank } of await this.prefixMatches(type, key)) consider(known, rank);
    // The popular list runs from the most used down, so a scan may stop once `limit` canonical
    // prefix matches (the first class of the order) each have more uses than any tag left could.
    const popular = await this.popularList(type);
    const leaders: number[] = [];
    let kth = -Infinity;
    popular.matches(key, (i, rank) => {
      if (leaders.length >= limit && popular.bound(i) < kth) return false;
      consider(popular.tag(i), rank);
      if (rank === 0 && popular.isCanonical(i)) {
        leaders.push(this.index.tagCount(popular.id(i), guest));
        if (leaders.length >= limit) kth = kthLargest(leaders, limit);
      }
      return true;
    });
    const ranked: Ranked[] = [];
    for (const { known, rank } of found.values()) {
      const uses = this.index.tagCount(known.id, guest);
      if (uses > 0) ranked.push({ known, rank, uses });
    }
    // A letter or two matches most of the popular list: keep the best few rather than sort them all.
    return best(ranked, limit, bySuggestionOrder).map(({ known, uses }) => ({
      name: known.name,
      uses,
      canonical: known.canonical,
    }));
  }

  /** Builds every type's popular list. */
  async warm(): Promise<void> {
    await this.index.ready();
    for (const type of AUTOCOMPLETE_TYPES) await this.popularList(type);
  }

  /** Tags whose key or name starts with the text, synonyms replaced by their canonical tag. */
  private async prefixMatches(type: AutocompleteType, key: string) {
    const column = this.dialect === 'postgres' ? sql<string>`name_key collate "C"` : sql<string>`name_key`;
    const rows = await this.db
      .selectFrom('tags')
      .select(['id', 'name', 'name_key', 'canonical', 'merger_id'])
      .where('type', '=', type)
      .where(column, '>=', key)
      .where(column, '<', key + MAX_CHAR)
      .orderBy(column)
      .limit(this.prefixRows)
      .execute();
    const mergers = [...new Set(rows.flatMap((r) => (r.merger_id ? [r.merger_id] : [])))];
    const canonical = new Map(
      (mergers.length
        ? await this.db
            .selectFrom('tags')
            .select(['id', 'name', 'name_key', 'canonical'])
            .where('id', 'in', mergers)
            .execute()
        : []
      ).map((t) => [t.id, t]),
    );
    return rows.flatMap((row) => {
      const tag = row.merger_id ? canonical.get(row.merger_id) : row;
      return tag ? [{ known: known(tag), rank: 0 }] : [];
    });
  }

  /** The type's most used tags (by registered readers' counts), rebuilt when stale. */
  private async popularList(type: AutocompleteType): Promise<PopularTags> {
    const entry = this.popular.get(type);
    const stale =
      !entry ||
      (entry.version !== this.index.version && (entry.complete || Date.now() - entry.at > REFRESH_MS));
    if (stale) {
      let build = this.building.get(type);
      if (!build) {
        build = this.build(type).finally(() => this.building.delete(type));
        this.building.set(type, build);
      }
      if (!entry || entry.complete) await build;
    }
    return this.popular.get(type)?.list ?? EMPTY;
  }

  private async build(type: AutocompleteType) {
    const version = this.index.version;
    const ids = this.index.topTags(type, POPULAR, false);
    const list: Known[] = [];
    for (const batch of idBatches(ids)) {
      const rows = await this.db
        .selectFrom('tags')
        .select(['id', 'name', 'name_key', 'canonical'])
        .where('id', 'in', batch)
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const id of batch) {
        const row = byId.get(id);
        if (row) list.push(known(row, this.index.tagCount(id, false)));
      }
      // SQLite answers synchronously: a turn for other requests between the reads (~0.2 s a type at 1M).
      await nextTurn();
    }
    this.popular.set(type, {
      list: new PopularTags(list),
      at: Date.now(),
      version,
      complete: ids.length < POPULAR,
    });
  }
}

interface Ranked {
  known: Known;
  rank: number;
  uses: number;
}

/** Prefix matches before word-start ones, canonical tags first, then by uses and name. */
function bySuggestionOrder(a: Ranked, b: Ranked): number {
  return (
    a.rank - b.rank ||
    Number(b.known.canonical) - Number(a.known.canonical) ||
    b.uses - a.uses ||
    (a.known.forms[0]! < b.known.forms[0]! ? -1 : a.known.forms[0]! > b.known.forms[0]! ? 1 : 0) ||
    (a.known.name < b.known.name ? -1 : a.known.name > b.known.name ? 1 : 0)
  );
}

function known(
  tag: { id: number; name: string; name_key: string; canonical: number },
  bound = Infinity,
): Known {
  const written = tagKey(tag.name);
  return {
    id: tag.id,
    name: tag.name,
    canonical: tag.canonical === 1,
    forms: written === tag.name_key ? [written] : [written, tag.name_key],
    bound,
  };
}

/** The k-th largest of the numbers (k ≤ their count). */
function kthLargest(numbers: number[], k: number): number {
  return best(numbers, k, (a, b) => b - a)[k - 1]!;
}

const EMPTY = new PopularTags([]);

const suggesters = new WeakMap<DB, TagSuggester>();

function suggesterFor(ctx: { db: DB; dialect: Dialect }): TagSuggester {
  let suggester = suggesters.get(ctx.db);
  if (!suggester)
    suggesters.set(ctx.db, (suggester = new TagSuggester(ctx.db, ctx.dialect, browseIndexFor(ctx.db))));
  return suggester;
}

/**
 * Loads the listings' index and every type's popular tags now (at server start), so the first
 * reader does not wait for them. Returns how many works were loaded.
 */
export async function warmListings(ctx: { db: DB; dialect: Dialect }): Promise<number> {
  const index = browseIndexFor(ctx.db);
  await index.ready();
  await suggesterFor(ctx).warm();
  return index.size;
}

/** The process's tag suggester for a database (it shares the filter engine of browse-index.ts). */
export function suggestTags(
  ctx: { db: DB; dialect: Dialect },
  viewer: Viewer | null,
  type: AutocompleteType,
  text: string,
  limit = 10,
): Promise<TagSuggestion[]> {
  let suggester = suggesters.get(ctx.db);
  if (!suggester)
    suggesters.set(ctx.db, (suggester = new TagSuggester(ctx.db, ctx.dialect, browseIndexFor(ctx.db))));
  return suggester.suggest(viewer, type, text, limit);
}
