import type { DB } from '../../db/connect.ts';
import type { PostStatus } from '../../db/schema.ts';

/**
 * Threads and posts (plain queries). The columns that order a board (`bumped_at`, `last_posted_at`,
 * the last post and the reply count) are not written here: forums/bump.ts owns them.
 */

export const THREAD_COLUMNS = [
  'threads.id',
  'threads.board_id',
  'threads.title',
  'threads.starter_id',
  'threads.pinned',
  'threads.locked',
  'threads.views',
  'threads.post_count',
  'threads.reply_count',
  'threads.last_post_id',
  'threads.last_post_number',
  'threads.last_poster_id',
  'threads.last_posted_at',
  'threads.bumped_at',
  'threads.merged_into',
  'threads.created_at',
] as const;

export interface ThreadRow {
  id: number;
  board_id: number;
  title: string;
  starter_id: number | null;
  pinned: number;
  locked: number;
  views: number;
  post_count: number;
  reply_count: number;
  last_post_id: number | null;
  last_post_number: number;
  last_poster_id: number | null;
  last_posted_at: string;
  bumped_at: string;
  merged_into: number | null;
  created_at: string;
}

export const POST_COLUMNS = [
  'posts.id',
  'posts.thread_id',
  'posts.number',
  'posts.author_id',
  'posts.kind',
  'posts.body',
  'posts.status',
  'posts.bumps',
  'posts.work_id',
  'posts.chapter_id',
  'posts.created_at',
  'posts.visible_at',
  'posts.edited_at',
  'posts.edit_count',
] as const;

export interface PostRow {
  id: number;
  thread_id: number;
  number: number;
  author_id: number;
  kind: 'reply' | 'chapter';
  body: string;
  status: PostStatus;
  bumps: number;
  work_id: number | null;
  chapter_id: number | null;
  created_at: string;
  visible_at: string | null;
  edited_at: string | null;
  edit_count: number;
}

export async function findThread(db: DB, id: number): Promise<ThreadRow | undefined> {
  return db.selectFrom('threads').select(THREAD_COLUMNS).where('threads.id', '=', id).executeTakeFirst();
}

export async function findPost(db: DB, id: number): Promise<PostRow | undefined> {
  return db.selectFrom('posts').select(POST_COLUMNS).where('posts.id', '=', id).executeTakeFirst();
}

export async function insertThread(
  db: DB,
  values: { board_id: number; title: string; starter_id: number },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('threads')
    .values({ ...values, last_posted_at: now, bumped_at: now, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes the thread's next post number. The update row-locks the thread until the transaction ends
 * (PostgreSQL), so parallel replies queue here and each gets its own number; SQLite has one writer.
 */
export async function allocateNumber(db: DB, threadId: number) {
  return db
    .updateTable('threads')
    .set((eb) => ({ post_count: eb('post_count', '+', 1) }))
    .where('id', '=', threadId)
    .returning([
      'post_count',
      'locked',
      'board_id',
      'merged_into',
      'created_at',
      'bumped_at',
      'last_posted_at',
    ])
    .executeTakeFirst();
}

export async function insertPost(
  db: DB,
  values: {
    thread_id: number;
    number: number;
    author_id: number;
    kind: 'reply' | 'chapter';
    body: string;
    status: PostStatus;
    bumps: number;
    work_id: number | null;
    chapter_id: number | null;
    created_at: string;
    visible_at: string | null;
  },
): Promise<number> {
  const row = await db.insertInto('posts').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The posts numbered within [from, to] (a page of the thread), in order. */
export async function postsInRange(db: DB, threadId: number, from: number, to: number) {
  return db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(POST_COLUMNS)
    .select('users.username as author')
    .where('posts.thread_id', '=', threadId)
    .where('posts.number', '>=', from)
    .where('posts.number', '<=', to)
    .orderBy('posts.number')
    .execute();
}

/** Changes what a thread is (title, pin, lock, board): never its order (bump.ts decides that). */
export async function updateThread(
  db: DB,
  id: number,
  values: Partial<{ title: string; pinned: number; locked: number; board_id: number; merged_into: number }>,
  now: string,
) {
  await db
    .updateTable('threads')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function countView(db: DB, threadId: number) {
  await db
    .updateTable('threads')
    .set((eb) => ({ views: eb('views', '+', 1) }))
    .where('id', '=', threadId)
    .execute();
}

/**
 * Numbers a thread's posts 1..n in the order they were written (after posts moved in). Two steps,
 * through negative numbers, so the unique (thread, number) index never sees two posts on one number.
 */
export async function renumber(db: DB, threadId: number): Promise<number> {
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'number'])
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  await db
    .updateTable('posts')
    .set((eb) => ({ number: eb.neg(eb.ref('id')) }))
    .where('thread_id', '=', threadId)
    .execute();
  for (const [i, post] of posts.entries())
    await db
      .updateTable('posts')
      .set({ number: i + 1 })
      .where('id', '=', post.id)
      .execute();
  await db.updateTable('threads').set({ post_count: posts.length }).where('id', '=', threadId).execute();
  return posts.length;
}

/** Moves posts to another thread (numbers to be given by `renumber`). */
export async function movePostRows(db: DB, postIds: number[], toThread: number) {
  if (postIds.length === 0) return;
  await db
    .updateTable('posts')
    .set((eb) => ({ thread_id: toThread, number: eb.neg(eb.ref('id')) }))
    .where('id', 'in', postIds)
    .execute();
}

export async function setPostStatus(db: DB, id: number, status: PostStatus, visibleAt?: string | null) {
  await db
    .updateTable('posts')
    .set(visibleAt === undefined ? { status } : { status, visible_at: visibleAt })
    .where('id', '=', id)
    .execute();
}

export async function revisionsOf(db: DB, postId: number) {
  return db
    .selectFrom('post_revisions')
    .leftJoin('users', 'users.id', 'post_revisions.editor_id')
    .select(['post_revisions.id', 'post_revisions.body', 'post_revisions.created_at', 'users.username'])
    .where('post_revisions.post_id', '=', postId)
    .orderBy('post_revisions.id', 'desc')
    .execute();
}

export async function usernames(db: DB, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}
