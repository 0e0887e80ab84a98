import type { DB } from '../../db/connect.ts';
import type { TagType } from '../../db/schema/tags.ts';

/** Rows are read in pages of this many (by id), so an export of a large archive stays small in memory. */
export const PAGE = 200;

/** Whose things an export holds: everything (an administrator's export) or one account's own. */
export type Scope = { kind: 'all' } | { kind: 'user'; userId: number };

export async function worksPage(db: DB, scope: Scope, afterId: number) {
  let query = db.selectFrom('works').selectAll('works').where('works.id', '>', afterId);
  if (scope.kind === 'user')
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('work_creators')
          .select('work_creators.work_id')
          .whereRef('work_creators.work_id', '=', 'works.id')
          .where('work_creators.user_id', '=', scope.userId)
          .where('work_creators.accepted', '=', 1),
      ),
    );
  return query.orderBy('works.id').limit(PAGE).execute();
}

export async function chaptersOf(db: DB, workIds: number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('chapters')
    .selectAll()
    .where('work_id', 'in', workIds)
    .orderBy('work_id')
    .orderBy('position')
    .execute();
}

export async function tagsOf(db: DB, workIds: number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['work_tags.work_id', 'tags.type', 'tags.name'])
    .where('work_tags.work_id', 'in', workIds)
    .orderBy('work_tags.work_id')
    .orderBy('work_tags.position')
    .execute() as Promise<{ work_id: number; type: TagType; name: string }[]>;
}

export async function creatorsOf(db: DB, workIds: number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('work_creators')
    .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
    .innerJoin('users', 'users.id', 'work_creators.user_id')
    .select(['work_creators.work_id', 'work_creators.accepted', 'pseuds.name as pseud', 'users.username'])
    .where('work_creators.work_id', 'in', workIds)
    .orderBy('work_creators.work_id')
    .orderBy('work_creators.position')
    .execute();
}

export async function seriesOf(db: DB, workIds: number[]) {
  if (workIds.length === 0) return [];
  return db
    .selectFrom('serial_works')
    .innerJoin('series', 'series.id', 'serial_works.series_id')
    .select(['serial_works.work_id', 'series.id', 'series.title', 'serial_works.part'])
    .where('serial_works.work_id', 'in', workIds)
    .execute();
}

export async function entriesPage(db: DB, scope: Scope, afterId: number) {
  let query = db
    .selectFrom('entries')
    .innerJoin('journals', 'journals.id', 'entries.journal_id')
    .innerJoin('users as poster', 'poster.id', 'entries.poster_id')
    .leftJoin('users as owner', 'owner.id', 'journals.owner_id')
    .leftJoin('access_filters', 'access_filters.id', 'entries.filter_id')
    .selectAll('entries')
    .select([
      'journals.kind as journal_kind',
      'journals.title as journal_title',
      (eb) => eb.fn.coalesce('journals.name', 'owner.username').as('journal_name'),
      'poster.username as poster',
      'access_filters.name as filter_name',
    ])
    .where('entries.id', '>', afterId);
  if (scope.kind === 'user') query = query.where('entries.poster_id', '=', scope.userId);
  return query.orderBy('entries.id').limit(PAGE).execute();
}

export async function entryTagsOf(db: DB, entryIds: number[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('entry_tags')
    .innerJoin('journal_tags', 'journal_tags.id', 'entry_tags.tag_id')
    .select(['entry_tags.entry_id', 'journal_tags.name'])
    .where('entry_tags.entry_id', 'in', entryIds)
    .orderBy('journal_tags.name')
    .execute();
}

export async function commentsPage(db: DB, scope: Scope, afterId: number) {
  let query = db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.user_id')
    .selectAll('comments')
    .select('users.username')
    .where('comments.id', '>', afterId);
  if (scope.kind === 'user') query = query.where('comments.user_id', '=', scope.userId);
  return query.orderBy('comments.id').limit(PAGE).execute();
}

export async function postsPage(db: DB, scope: Scope, afterId: number) {
  let query = db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('boards', 'boards.id', 'threads.board_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .selectAll('posts')
    .select([
      'threads.title as thread_title',
      'boards.id as board_id',
      'boards.name as board_name',
      'users.username',
    ])
    .where('posts.id', '>', afterId);
  if (scope.kind === 'user') query = query.where('posts.author_id', '=', scope.userId);
  return query.orderBy('posts.id').limit(PAGE).execute();
}

export async function accounts(db: DB, scope: Scope) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role', 'created_at'])
    .where('is_system', '=', 0);
  if (scope.kind === 'user') query = query.where('id', '=', scope.userId);
  return query.orderBy('id').execute();
}

/** How many items an export will write, for its progress bar. */
export async function exportTotals(db: DB, scope: Scope): Promise<number> {
  const n = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    Number((await query.executeTakeFirstOrThrow()).n);
  const all = scope.kind === 'all';
  const id = scope.kind === 'user' ? scope.userId : 0;
  const works = all
    ? db.selectFrom('works').select((eb) => eb.fn.countAll<number>().as('n'))
    : db
        .selectFrom('work_creators')
        .select((eb) => eb.fn.count<number>('work_id').distinct().as('n'))
        .where('user_id', '=', id)
        .where('accepted', '=', 1);
  const entries = db.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n'));
  const comments = db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'));
  const posts = db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n'));
  const counts = await Promise.all([
    n(works),
    n(all ? entries : entries.where('poster_id', '=', id)),
    n(all ? comments : comments.where('user_id', '=', id)),
    n(all ? posts : posts.where('author_id', '=', id)),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}
