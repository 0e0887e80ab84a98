import type { DB } from '../../db/connect.ts';
import type { Journal } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagKey } from '../tags/tag-names.ts';
import { visibleEntries } from '../visibility/entry-visibility.ts';

/** A journal as pages show it: a personal journal is named by its owner's username. */
export type JournalRow = Journal & { display_name: string };

export const ENTRY_COLUMNS = [
  'entries.id',
  'entries.journal_id',
  'entries.poster_id',
  'entries.subject',
  'entries.body',
  'entries.security',
  'entries.filter_id',
  'entries.mood',
  'entries.music',
  'entries.location',
  'entries.icon_id',
  'entries.posted_at',
  'entries.created_at',
  'entries.updated_at',
  'entries.backdated',
  'entries.sticky',
  'entries.adult',
  'entries.edit_count',
  'entries.comments',
  'entries.screening',
  'entries.commenters',
  'entries.status',
  'entries.work_id',
] as const;

function journalQuery(db: DB) {
  return db
    .selectFrom('journals')
    .leftJoin('users', 'users.id', 'journals.owner_id')
    .selectAll('journals')
    .select((eb) => eb.fn.coalesce('users.username', 'journals.name').as('display_name'));
}

/** A journal by its name: an account's username (its journal made on first use) or a community's name. */
export async function findJournalByName(db: DB, name: string): Promise<JournalRow | undefined> {
  const key = name.toLowerCase();
  const owner = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username_key', '=', key)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (owner) return ensurePersonalJournal(db, owner);
  return (await journalQuery(db).where('journals.name_key', '=', key).executeTakeFirst()) as
    JournalRow | undefined;
}

export async function findJournal(db: DB, id: number): Promise<JournalRow | undefined> {
  return (await journalQuery(db).where('journals.id', '=', id).executeTakeFirst()) as JournalRow | undefined;
}

/** Every account has a journal; it is made the first time anyone looks for it. */
export async function ensurePersonalJournal(db: DB, owner: { id: number; username: string }) {
  const found = await journalQuery(db).where('journals.owner_id', '=', owner.id).executeTakeFirst();
  if (found) return found as JournalRow;
  await db
    .insertInto('journals')
    .values({
      kind: 'personal',
      owner_id: owner.id,
      title: `${owner.username}’s journal`,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('owner_id').doNothing())
    .execute();
  return (await journalQuery(db)
    .where('journals.owner_id', '=', owner.id)
    .executeTakeFirstOrThrow()) as JournalRow;
}

/** The entries of one journal this viewer may see (optionally with one tag), as a query to extend. */
export function journalEntries(db: DB, viewer: Viewer | null, journalId: number, tagId?: number) {
  let query = db
    .selectFrom('entries')
    .where('entries.journal_id', '=', journalId)
    .where((eb) => visibleEntries(eb, viewer));
  if (tagId !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entry_tags')
          .select('entry_tags.entry_id')
          .whereRef('entry_tags.entry_id', '=', 'entries.id')
          .where('entry_tags.tag_id', '=', tagId),
      ),
    );
  return query;
}

export function findJournalTag(db: DB, journalId: number, name: string) {
  return db
    .selectFrom('journal_tags')
    .select(['id', 'name'])
    .where('journal_id', '=', journalId)
    .where('name_key', '=', tagKey(name))
    .executeTakeFirst();
}

/** A journal's tags with how many entries this viewer may see carry each (tags with none left out). */
export async function tagCloud(db: DB, viewer: Viewer | null, journalId: number) {
  const rows = await db
    .selectFrom('entry_tags')
    .innerJoin('journal_tags', 'journal_tags.id', 'entry_tags.tag_id')
    .innerJoin('entries', 'entries.id', 'entry_tags.entry_id')
    .select(['journal_tags.id', 'journal_tags.name', (eb) => eb.fn.countAll<number>().as('count')])
    .where('journal_tags.journal_id', '=', journalId)
    .where((eb) => visibleEntries(eb, viewer))
    .groupBy(['journal_tags.id', 'journal_tags.name'])
    .orderBy('journal_tags.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, count: Number(r.count) }));
}

export async function tagsOfEntries(db: DB, entryIds: number[]) {
  if (entryIds.length === 0) return new Map<number, string[]>();
  const rows = await db
    .selectFrom('entry_tags')
    .innerJoin('journal_tags', 'journal_tags.id', 'entry_tags.tag_id')
    .select(['entry_tags.entry_id', 'journal_tags.name'])
    .where('entry_tags.entry_id', 'in', entryIds)
    .orderBy('journal_tags.name')
    .execute();
  const byEntry = new Map<number, string[]>();
  for (const row of rows) byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row.name]);
  return byEntry;
}

/** Replaces an entry's tags, making the journal's new tags on first use. */
export async function setEntryTags(db: DB, journalId: number, entryId: number, names: string[]) {
  await db.deleteFrom('entry_tags').where('entry_id', '=', entryId).execute();
  const byKey = new Map(names.map((n) => [tagKey(n), n] as const));
  if (byKey.size === 0) return;
  await db
    .insertInto('journal_tags')
    .values([...byKey].map(([name_key, name]) => ({ journal_id: journalId, name, name_key })))
    .onConflict((oc) => oc.columns(['journal_id', 'name_key']).doNothing())
    .execute();
  const tags = await db
    .selectFrom('journal_tags')
    .select('id')
    .where('journal_id', '=', journalId)
    .where('name_key', 'in', [...byKey.keys()])
    .execute();
  await db
    .insertInto('entry_tags')
    .values(tags.map((t) => ({ entry_id: entryId, tag_id: t.id })))
    .execute();
}

/** Posters' usernames, for bylines (a community's entries have many posters). */
export async function usernames(db: DB, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** The names of an account's custom filters, for the security choice. */
export async function filterNames(db: DB, ownerId: number | null) {
  if (ownerId === null) return [];
  const rows = await db
    .selectFrom('access_filters')
    .select('name')
    .where('owner_id', '=', ownerId)
    .orderBy('name_key')
    .execute();
  return rows.map((r) => r.name);
}

export async function filterName(db: DB, id: number | null) {
  if (id === null) return undefined;
  return (await db.selectFrom('access_filters').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** An account's icon keywords, for the icon choice. */
export async function iconKeywords(db: DB, userId: number) {
  const rows = await db
    .selectFrom('user_icons')
    .select('keyword')
    .where('user_id', '=', userId)
    .orderBy('keyword')
    .execute();
  return rows.map((r) => r.keyword);
}

export async function iconKeyword(db: DB, id: number | null) {
  if (id === null) return undefined;
  return (await db.selectFrom('user_icons').select('keyword').where('id', '=', id).executeTakeFirst())
    ?.keyword;
}
