import type { AppContext } from '../../context.ts';
import type { ImportsTable } from '../../db/schema.ts';

type Db = AppContext['db'];

/** The import of a source item by an account, with the works it made (none for a journal entry without a fic). */
export async function findImport(db: Db, userId: number, sourceKey: string) {
  const row = await db
    .selectFrom('imports')
    .select(['id', 'kind', 'created_at'])
    .where('user_id', '=', userId)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  if (!row) return undefined;
  const works = await db
    .selectFrom('import_works')
    .innerJoin('works', 'works.id', 'import_works.work_id')
    .select(['works.id', 'works.title', 'import_works.chapter_id'])
    .where('import_works.import_id', '=', row.id)
    .orderBy('works.id')
    .execute();
  return { ...row, works };
}

/** Source keys this account has already imported, of those asked about (one query per batch). */
export async function importedKeys(db: Db, userId: number, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('imports')
      .select('source_key')
      .where('user_id', '=', userId)
      .where('source_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.source_key);
  }
  return found;
}

export async function insertImport(
  db: Db,
  row: {
    user_id: number;
    source_key: string;
    kind: ImportsTable['kind'];
    entry: string | null;
    created_at: string;
  },
): Promise<number> {
  const inserted = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function linkImportedWork(db: Db, importId: number, workId: number, chapterId: number | null) {
  await db
    .insertInto('import_works')
    .values({ import_id: importId, work_id: workId, chapter_id: chapterId })
    .onConflict((oc) => oc.columns(['import_id', 'work_id']).doNothing())
    .execute();
}

/** The account's own works titled `title` (any case), newest first: a chapter post continues one of them. */
export async function ownWorksTitled(db: Db, userId: number, title: string) {
  return db
    .selectFrom('works')
    .innerJoin('work_creators', 'work_creators.work_id', 'works.id')
    .select(['works.id', 'works.title'])
    .where('work_creators.user_id', '=', userId)
    .where((eb) => eb(eb.fn('lower', ['works.title']), '=', title.toLowerCase()))
    .orderBy('works.id', 'desc')
    .execute();
}
