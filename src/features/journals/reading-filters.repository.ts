import type { DB } from '../../db/connect.ts';

/** A reader's filters, by name. */
export function filtersOf(db: DB, ownerId: number) {
  return db
    .selectFrom('reading_filters')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .orderBy('name_key')
    .execute();
}

/** Which journals are in which of a reader's filters. */
export function filterJournals(db: DB, ownerId: number) {
  return db
    .selectFrom('reading_filter_journals')
    .innerJoin('reading_filters', 'reading_filters.id', 'reading_filter_journals.filter_id')
    .select(['reading_filter_journals.filter_id', 'reading_filter_journals.journal_id'])
    .where('reading_filters.owner_id', '=', ownerId)
    .execute();
}

/** The journals a reader subscribes to, by name (personal journals by their owner's username). */
export async function subscribedJournals(db: DB, readerId: number) {
  const rows = await db
    .selectFrom('journal_subscriptions')
    .innerJoin('journals', 'journals.id', 'journal_subscriptions.journal_id')
    .leftJoin('users', 'users.id', 'journals.owner_id')
    .select([
      'journals.id',
      'journals.kind',
      (eb) => eb.fn.coalesce('users.username', 'journals.name').as('display_name'),
    ])
    .where('journal_subscriptions.reader_id', '=', readerId)
    .execute();
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, display_name: r.display_name ?? '' }))
    .sort((a, b) => a.display_name.toLowerCase().localeCompare(b.display_name.toLowerCase()));
}

export function filterByKey(db: DB, ownerId: number, nameKey: string) {
  return db
    .selectFrom('reading_filters')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .where('name_key', '=', nameKey)
    .executeTakeFirst();
}

export function filterById(db: DB, ownerId: number, id: number) {
  return db
    .selectFrom('reading_filters')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countFilters(db: DB, ownerId: number): Promise<number> {
  const { n } = await db
    .selectFrom('reading_filters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertFilter(db: DB, ownerId: number, name: string, nameKey: string, now: string) {
  const { id } = await db
    .insertInto('reading_filters')
    .values({ owner_id: ownerId, name, name_key: nameKey, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function renameFilter(db: DB, id: number, name: string, nameKey: string) {
  await db.updateTable('reading_filters').set({ name, name_key: nameKey }).where('id', '=', id).execute();
}

/** Replaces a filter's journals. */
export async function setFilterJournals(db: DB, filterId: number, journalIds: number[]) {
  await db.deleteFrom('reading_filter_journals').where('filter_id', '=', filterId).execute();
  const unique = [...new Set(journalIds)];
  if (unique.length > 0)
    await db
      .insertInto('reading_filter_journals')
      .values(unique.map((journal_id) => ({ filter_id: filterId, journal_id })))
      .execute();
}

export async function deleteFilter(db: DB, id: number) {
  await db.deleteFrom('reading_filters').where('id', '=', id).execute();
}

/** Unsubscribing takes the journal out of the reader's filters too. */
export async function leaveFilters(db: DB, readerId: number, journalId: number) {
  await db
    .deleteFrom('reading_filter_journals')
    .where('journal_id', '=', journalId)
    .where('filter_id', 'in', (eb) =>
      eb.selectFrom('reading_filters').select('id').where('owner_id', '=', readerId),
    )
    .execute();
}
