import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { ChaptersTable, Work, WorksTable } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleWorks } from '../visibility/visibility.ts';
import { BLURB_COLUMNS } from './blurbs.ts';
import { enqueueSearchIndex } from '../search/text/search-jobs.ts';

/** Columns owned by works/revision.ts: never written through these functions. */
type RevisionColumns =
  | 'published_at'
  | 'revised_at'
  | 'word_count'
  | 'posted_chapters'
  | 'complete'
  | 'major_version'
  | 'minor_version';
export type WorkFields = Omit<Insertable<WorksTable>, RevisionColumns | 'id'>;

export async function insertWork(db: DB, row: WorkFields): Promise<number> {
  const { id } = await db.insertInto('works').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateWorkFields(
  db: DB,
  id: number,
  changes: Omit<Updateable<WorksTable>, RevisionColumns>,
) {
  await db.updateTable('works').set(changes).where('id', '=', id).execute();
}

// Read on every work page, comment and kudos: built and compiled once per database.
const workById = prepared((db, p: Slots<{ id: number }>) =>
  db.selectFrom('works').selectAll().where('id', '=', p.id),
);

export async function findWork(db: DB, id: number): Promise<Work | undefined> {
  return (await workById(db, { id }))[0];
}

export async function deleteWork(db: DB, id: number): Promise<void> {
  await db.deleteFrom('works').where('id', '=', id).execute();
}

export async function insertCreators(
  db: DB,
  rows: {
    work_id: number;
    pseud_id: number;
    user_id: number;
    position: number;
    accepted: number;
    created_at: string;
  }[],
) {
  if (rows.length) await db.insertInto('work_creators').values(rows).execute();
}

export function creatorsOfWork(db: DB, workId: number) {
  return creatorsQuery(db, { workId });
}

const creatorsQuery = prepared((db, p: Slots<{ workId: number }>) =>
  db
    .selectFrom('work_creators')
    .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
    .innerJoin('users', 'users.id', 'work_creators.user_id')
    .select([
      'work_creators.pseud_id',
      'work_creators.user_id',
      'work_creators.accepted',
      'pseuds.name as pseud',
      'users.username',
    ])
    .where('work_creators.work_id', '=', p.workId)
    .orderBy('work_creators.position'),
);

export async function insertChapter(db: DB, row: Omit<Insertable<ChaptersTable>, 'id'>): Promise<number> {
  const { id } = await db.insertInto('chapters').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateChapter(db: DB, id: number, changes: Updateable<ChaptersTable>) {
  await db.updateTable('chapters').set(changes).where('id', '=', id).execute();
}

export async function deleteChapter(db: DB, id: number) {
  await db.deleteFrom('chapters').where('id', '=', id).execute();
}

export function chaptersOfWork(db: DB, workId: number, options: { postedOnly: boolean }) {
  return (options.postedOnly ? postedChapters : allChapters)(db, { workId });
}

const postedChapters = prepared((db, p: Slots<{ workId: number }>) =>
  db
    .selectFrom('chapters')
    .selectAll()
    .where('work_id', '=', p.workId)
    .where('posted', '=', 1)
    .orderBy('position'),
);
const allChapters = prepared((db, p: Slots<{ workId: number }>) =>
  db.selectFrom('chapters').selectAll().where('work_id', '=', p.workId).orderBy('position'),
);

export async function nextChapterPosition(db: DB, workId: number): Promise<number> {
  const row = await db
    .selectFrom('chapters')
    .select((eb) => eb.fn.max<number>('position').as('max'))
    .where('work_id', '=', workId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Renumbers chapters 1..n in the given order. */
export async function renumberChapters(db: DB, workId: number, orderedIds: number[]) {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('chapters')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .where('work_id', '=', workId)
      .execute();
  }
}

/** "Date Updated" order of the works this viewer may see (posted ones, newest first). */
export function listByDateUpdated(db: DB, viewer: Viewer | null, limit: number) {
  return db
    .selectFrom('works')
    .select(BLURB_COLUMNS)
    .where((eb) => visibleWorks(eb, viewer))
    .where('works.posted', '=', 1)
    .orderBy('works.revised_at', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
}

/** A creator's works this viewer may see (their drafts too, when it is them), Date Updated first. */
export function listByCreator(db: DB, viewer: Viewer | null, userId: number, limit: number) {
  return db
    .selectFrom('works')
    .select([...BLURB_COLUMNS, 'works.posted'])
    .where((eb) => visibleWorks(eb, viewer))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('work_creators')
          .select('work_creators.work_id')
          .whereRef('work_creators.work_id', '=', 'works.id')
          .where('work_creators.user_id', '=', userId)
          .where('work_creators.accepted', '=', 1),
      ),
    )
    .orderBy('works.posted')
    .orderBy('works.revised_at', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * What a guest's cached page of this work depends on: every write through the works service
 * changes `updated_at` (works/revision.ts); visibility facts are included for safety.
 */
export function workVersion(row: Pick<Work, 'updated_at' | 'posted' | 'hidden_at' | 'restricted'>): string {
  return `${row.updated_at}|${row.posted}|${row.hidden_at ?? ''}|${row.restricted}`;
}

/**
 * Marks works as changed without a revision (their series was renamed…): cached pages of
 * them are rendered again. Not a bump and not a new version.
 */
export async function touchWorks(db: DB, ids: number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('works').set({ updated_at: now }).where('id', 'in', ids).execute();
  await enqueueSearchIndex(db, ids);
}
