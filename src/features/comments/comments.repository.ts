import type { Insertable, Selectable } from 'kysely';
import type { DB } from '../../db/connect.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import type { CommentsTable } from '../../db/schema.ts';
import { type CommentViewer, visibleComments } from '../visibility/comment-visibility.ts';

export type CommentRow = Selectable<CommentsTable>;
/** A comment with what it shows of its author. */
export type CommentWithAuthor = CommentRow & { username: string | null };

/** What a section of comments is: one work (or one of its chapters) or one entry. */
export type CommentScope =
  { kind: 'work'; workId: number; chapterId?: number } | { kind: 'entry'; entryId: number };

export async function insertComment(db: DB, row: Insertable<CommentsTable>): Promise<number> {
  const inserted = await db.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
  if (row.root_id == null)
    await db.updateTable('comments').set({ root_id: inserted.id }).where('id', '=', inserted.id).execute();
  return inserted.id;
}

export function findComment(db: DB, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

function withAuthors(db: DB) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.user_id')
    .selectAll('comments')
    .select('users.username');
}

function scoped<Q extends ReturnType<typeof withAuthors>>(query: Q, scope: CommentScope): Q {
  if (scope.kind === 'entry') return query.where('comments.entry_id', '=', scope.entryId) as Q;
  let q = query.where('comments.work_id', '=', scope.workId);
  if (scope.chapterId !== undefined) q = q.where('comments.chapter_id', '=', scope.chapterId);
  return q as Q;
}

/** One page of a section's top-level comments this viewer may see, oldest first. */
function topLevelQuery(db: DB, who: CommentViewer, scope: CommentScope, offset: number, limit: number) {
  return scoped(withAuthors(db), scope)
    .where('comments.parent_id', 'is', null)
    .where((eb) => visibleComments(eb, who))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .offset(offset)
    .limit(limit);
}

export async function topLevelPage(
  db: DB,
  who: CommentViewer,
  scope: CommentScope,
  offset: number,
  limit: number,
): Promise<CommentWithAuthor[]> {
  if (isGuest(who))
    return forGuests.topLevel[
      scope.kind === 'entry' ? 'entry' : scope.chapterId === undefined ? 'work' : 'chapter'
    ](db, { ...slotsOf(scope), offset, limit });
  return topLevelQuery(db, who, scope, offset, limit).execute();
}

/**
 * Both numbers a section's page needs, in one pass: comments shown (deleted stubs not counted: the
 * "Comments (N)" number) and top-level comments (threads, for paging), as this viewer may see them.
 */
function countQuery(db: DB, who: CommentViewer, scope: CommentScope) {
  return scoped(withAuthors(db), scope)
    .clearSelect()
    .select((eb) => [
      eb.fn
        .sum<string | number | null>(eb.case().when('comments.deleted_at', 'is', null).then(1).else(0).end())
        .as('shown'),
      eb.fn
        .sum<string | number | null>(eb.case().when('comments.parent_id', 'is', null).then(1).else(0).end())
        .as('threads'),
    ])
    .where((eb) => visibleComments(eb, who));
}

export async function countSection(
  db: DB,
  who: CommentViewer,
  scope: CommentScope,
): Promise<{ shown: number; threads: number }> {
  const [row] = isGuest(who)
    ? await forGuests.counts[
        scope.kind === 'entry' ? 'entry' : scope.chapterId === undefined ? 'work' : 'chapter'
      ](db, slotsOf(scope))
    : await countQuery(db, who, scope).execute();
  return { shown: Number(row?.shown ?? 0), threads: Number(row?.threads ?? 0) };
}

/**
 * Guests' sections (most page views) run the same queries, built with the same visibility rule,
 * compiled once per database (`prepared`): for a guest the rule has no per-viewer values.
 */
const GUEST: CommentViewer = { viewer: null, muted: [] };
const isGuest = (who: CommentViewer) => who.viewer === null && who.muted.length === 0;
type ScopeSlots = { workId: number; chapterId: number; entryId: number };
const slotsOf = (scope: CommentScope) =>
  scope.kind === 'entry'
    ? { workId: 0, chapterId: 0, entryId: scope.entryId }
    : { workId: scope.workId, chapterId: scope.chapterId ?? 0, entryId: 0 };
const guestScopes = {
  work: (p: Slots<ScopeSlots>): CommentScope => ({ kind: 'work', workId: p.workId }),
  chapter: (p: Slots<ScopeSlots>): CommentScope => ({
    kind: 'work',
    workId: p.workId,
    chapterId: p.chapterId,
  }),
  entry: (p: Slots<ScopeSlots>): CommentScope => ({ kind: 'entry', entryId: p.entryId }),
};
const forGuests = {
  counts: {
    work: prepared((db, p: Slots<{ workId: number }>) => countQuery(db, GUEST, guestScopes.work(p as never))),
    chapter: prepared((db, p: Slots<{ workId: number; chapterId: number }>) =>
      countQuery(db, GUEST, guestScopes.chapter(p as never)),
    ),
    entry: prepared((db, p: Slots<{ entryId: number }>) =>
      countQuery(db, GUEST, guestScopes.entry(p as never)),
    ),
  },
  topLevel: {
    work: prepared((db, p: Slots<{ workId: number; offset: number; limit: number }>) =>
      topLevelQuery(db, GUEST, guestScopes.work(p as never), p.offset, p.limit),
    ),
    chapter: prepared((db, p: Slots<{ workId: number; chapterId: number; offset: number; limit: number }>) =>
      topLevelQuery(db, GUEST, guestScopes.chapter(p as never), p.offset, p.limit),
    ),
    entry: prepared((db, p: Slots<{ entryId: number; offset: number; limit: number }>) =>
      topLevelQuery(db, GUEST, guestScopes.entry(p as never), p.offset, p.limit),
    ),
  },
};

/** Every comment of the threads `rootIds` this viewer may see, oldest first. */
export async function threadsOf(db: DB, who: CommentViewer, rootIds: number[]): Promise<CommentWithAuthor[]> {
  if (rootIds.length === 0) return [];
  return withAuthors(db)
    .where('comments.root_id', 'in', rootIds)
    .where((eb) => visibleComments(eb, who))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** Every comment of a section this viewer may see, oldest first (the flat view). */
export async function allOf(db: DB, who: CommentViewer, scope: CommentScope): Promise<CommentWithAuthor[]> {
  return scoped(withAuthors(db), scope)
    .where((eb) => visibleComments(eb, who))
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** Comments held for moderation on a work, oldest first. */
export function pendingOfWork(db: DB, workId: number): Promise<CommentWithAuthor[]> {
  return withAuthors(db)
    .where('comments.work_id', '=', workId)
    .where('comments.state', '=', 'pending')
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

/** The ids of a comment and everything below it (replies to any depth). */
export async function subtreeIds(db: DB, comment: Pick<CommentRow, 'id' | 'root_id'>): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id'])
    .where('root_id', '=', comment.root_id ?? comment.id)
    .execute();
  const children = new Map<number, number[]>();
  for (const r of rows)
    if (r.parent_id !== null) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  const ids: number[] = [];
  const stack = [comment.id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    ids.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return ids;
}

export async function hasReplies(db: DB, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('parent_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes rows, children first (no reliance on the cascade's order). */
export async function deleteIds(db: DB, ids: number[]): Promise<void> {
  for (const chunk of [...ids].reverse().reduce<number[][]>((all, id, i) => {
    if (i % 500 === 0) all.push([]);
    all.at(-1)!.push(id);
    return all;
  }, []))
    await db.deleteFrom('comments').where('id', 'in', chunk).execute();
}

/** The number the work's "Comments" counter shows: visible, approved, unscreened, not deleted. */
export async function countPublicOfWork(db: DB, workId: number): Promise<number> {
  const row = await publicOfWorkCount(db, workId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The same count, as a subquery (for `setWorkCounterFrom`). */
export function publicOfWorkCount(db: DB, workId: number) {
  return db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('work_id', '=', workId)
    .where('state', '=', 'visible')
    .where('deleted_at', 'is', null);
}

/** Comments this viewer may see on each of `entryIds` (deleted stubs not counted): journal listings. */
export async function countsOfEntries(
  db: DB,
  who: CommentViewer,
  entryIds: number[],
): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comments')
    .select(['comments.entry_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('comments.entry_id', 'in', entryIds)
    .where('comments.deleted_at', 'is', null)
    .where((eb) => visibleComments(eb, who))
    .groupBy('comments.entry_id')
    .execute();
  return new Map(rows.map((r) => [r.entry_id!, Number(r.n)]));
}
