import { sql } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/** What a signed-in reader's listing applies and offers: their blocklist, mutes and saved filters. */
export interface ReaderSettings {
  /** Blocked tags as the filter tags they lead to (a synonym's canonical tag). */
  blockedTags: number[];
  blockedCreators: number[];
  muted: number[];
  savedFilters: { id: number; name: string; query: string }[];
}

type Row = {
  kind: 'blocked-tag' | 'blocked-creator' | 'muted' | 'saved';
  id: number;
  name: string | null;
  query: string | null;
};

/**
 * The same rows as reader-filters' `blocklistIds` and `savedFiltersOf` and blocking's
 * `relatedIds(…, 'mute')`, in one statement for every signed-in listing (four before).
 */
const settingsRows = prepared((db, p: Slots<{ user: number }>) =>
  db
    .selectFrom('blocked_tags')
    .innerJoin('tags', 'tags.id', 'blocked_tags.tag_id')
    .select((eb) => [
      sql<string>`'blocked-tag'`.as('kind'),
      eb.fn.coalesce('tags.merger_id', 'tags.id').as('id'),
      sql<string | null>`null`.as('name'),
      sql<string | null>`null`.as('query'),
    ])
    .where('blocked_tags.user_id', '=', p.user)
    .unionAll(
      db
        .selectFrom('blocked_creators')
        .select([
          sql<string>`'blocked-creator'`.as('kind'),
          'creator_id as id',
          sql<string | null>`null`.as('name'),
          sql<string | null>`null`.as('query'),
        ])
        .where('user_id', '=', p.user),
    )
    .unionAll(
      db
        .selectFrom('user_mutes')
        .select([
          sql<string>`'muted'`.as('kind'),
          'target_id as id',
          sql<string | null>`null`.as('name'),
          sql<string | null>`null`.as('query'),
        ])
        .where('user_id', '=', p.user),
    )
    .unionAll(
      db
        .selectFrom('saved_filters')
        .select([sql<string>`'saved'`.as('kind'), 'id', 'name', 'query'])
        .where('user_id', '=', p.user),
    )
    // Saved filters by name, as their own page lists them.
    .orderBy('kind')
    .orderBy('name'),
);

/** A reader's settings for listings (a guest has none). */
export async function readerSettings(db: DB, viewer: Viewer | null): Promise<ReaderSettings> {
  const settings: ReaderSettings = { blockedTags: [], blockedCreators: [], muted: [], savedFilters: [] };
  if (!viewer) return settings;
  for (const row of (await settingsRows(db, { user: viewer.id })) as Row[]) {
    const id = Number(row.id);
    if (row.kind === 'blocked-tag') {
      if (!settings.blockedTags.includes(id)) settings.blockedTags.push(id);
    } else if (row.kind === 'blocked-creator') settings.blockedCreators.push(id);
    else if (row.kind === 'muted') settings.muted.push(id);
    else settings.savedFilters.push({ id, name: row.name ?? '', query: row.query ?? '' });
  }
  return settings;
}
