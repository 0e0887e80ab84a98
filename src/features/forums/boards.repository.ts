import type { DB } from '../../db/connect.ts';
import type { BoardAccess } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { visibleBoards } from '../visibility/forum-visibility.ts';

/** Categories and boards (plain queries; who may see what is asked of forum-visibility.ts). */

export const BOARD_COLUMNS = [
  'boards.id',
  'boards.category_id',
  'boards.community_id',
  'boards.name',
  'boards.description',
  'boards.access',
  'boards.moderated',
  'boards.position',
  'boards.created_at',
] as const;

export interface BoardRow {
  id: number;
  category_id: number;
  community_id: number | null;
  name: string;
  description: string;
  access: BoardAccess;
  moderated: number;
  position: number;
  created_at: string;
}

export async function findBoard(db: DB, id: number): Promise<BoardRow | undefined> {
  return db.selectFrom('boards').select(BOARD_COLUMNS).where('boards.id', '=', id).executeTakeFirst();
}

/** A category of this scope (a community's, or site-wide) by name, case-insensitively. */
export async function findCategoryByName(db: DB, communityId: number | null, name: string) {
  let query = db
    .selectFrom('forum_categories')
    .select(['id', 'name', 'community_id'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  query =
    communityId === null
      ? query.where('community_id', 'is', null)
      : query.where('community_id', '=', communityId);
  return query.executeTakeFirst();
}

export async function insertCategory(db: DB, communityId: number | null, name: string, now: string) {
  const { n } = await db
    .selectFrom('forum_categories')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('forum_categories')
    .values({ community_id: communityId, name, position: Number(n), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertBoard(
  db: DB,
  values: {
    category_id: number;
    community_id: number | null;
    name: string;
    description: string;
    access: BoardAccess;
    moderated: number;
  },
  now: string,
): Promise<number> {
  const { n } = await db
    .selectFrom('boards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', values.category_id)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('boards')
    .values({ ...values, position: Number(n), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface BoardSummary extends BoardRow {
  category: string;
  community: string | null;
  threads: number;
  posts: number;
  lastThreadId: number | null;
  lastThreadTitle: string | null;
  lastPostedAt: string | null;
  lastPoster: string | null;
}

/**
 * The boards this viewer may see (of one community, or site-wide), with their categories, thread
 * and post counts and latest post: what the forum index shows. Counts are of visible posts, which
 * everyone who sees the board sees.
 */
export async function listBoards(
  db: DB,
  viewer: Viewer | null,
  communityId: number | null,
): Promise<BoardSummary[]> {
  let query = db
    .selectFrom('boards')
    .innerJoin('forum_categories', 'forum_categories.id', 'boards.category_id')
    .leftJoin('journals', 'journals.id', 'boards.community_id')
    .select(BOARD_COLUMNS)
    .select(['forum_categories.name as category', 'journals.name as community'])
    .select((eb) => [
      eb
        .selectFrom('threads')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('threads.board_id', '=', 'boards.id')
        .where('threads.merged_into', 'is', null)
        .as('threads'),
      eb
        .selectFrom('threads')
        .select((e) => e.fn.sum<number>(e('threads.reply_count', '+', 1)).as('n'))
        .whereRef('threads.board_id', '=', 'boards.id')
        .where('threads.merged_into', 'is', null)
        .as('posts'),
    ])
    .where((eb) => visibleBoards(eb, viewer))
    .orderBy('forum_categories.position')
    .orderBy('forum_categories.id')
    .orderBy('boards.position')
    .orderBy('boards.id');
  query =
    communityId === null
      ? query.where('boards.community_id', 'is', null)
      : query.where('boards.community_id', '=', communityId);
  const rows = await query.execute();
  const out: BoardSummary[] = [];
  for (const row of rows) {
    const last = await db
      .selectFrom('threads')
      .leftJoin('users', 'users.id', 'threads.last_poster_id')
      .select(['threads.id', 'threads.title', 'threads.last_posted_at', 'users.username'])
      .where('threads.board_id', '=', row.id)
      .where('threads.merged_into', 'is', null)
      .orderBy('threads.last_posted_at', 'desc')
      .orderBy('threads.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    out.push({
      ...(row as BoardRow),
      category: row.category,
      community: row.community,
      threads: Number(row.threads ?? 0),
      posts: Number(row.posts ?? 0),
      lastThreadId: last?.id ?? null,
      lastThreadTitle: last?.title ?? null,
      lastPostedAt: last?.last_posted_at ?? null,
      lastPoster: last?.username ?? null,
    });
  }
  return out;
}

/** Boards the viewer may see, for choosing where a thread moves (moderation forms). */
export async function boardChoices(db: DB, viewer: Viewer | null) {
  return db
    .selectFrom('boards')
    .select(['boards.id', 'boards.name', 'boards.community_id'])
    .where((eb) => visibleBoards(eb, viewer))
    .orderBy('boards.name')
    .execute();
}

/** A community journal by name (boards of a community are its maintainers' to make). */
export async function findCommunity(db: DB, name: string) {
  return db
    .selectFrom('journals')
    .select(['id', 'name', 'title'])
    .where('kind', '=', 'community')
    .where('name_key', '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function communityName(db: DB, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db.selectFrom('journals').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}
