import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { boardRights, type BoardRights, communityStanding } from '../visibility/forum-visibility.ts';
import * as boards from './boards.repository.ts';
import { boardSchema } from './forums.schema.ts';
import { listThreads, type ThreadListing } from './thread-list.ts';

type Ctx = Pick<AppContext, 'db'>;

/** The category a board goes in when none is named. */
export const DEFAULT_CATEGORY = 'General';

/** A board this viewer may see, with what they may do there; otherwise not found (never forbidden). */
export async function visibleBoard(
  ctx: Ctx,
  viewer: Viewer | null,
  boardId: number,
): Promise<{ board: boards.BoardRow; rights: BoardRights }> {
  const board =
    Number.isInteger(boardId) && boardId > 0 ? await boards.findBoard(ctx.db, boardId) : undefined;
  if (!board) throw notFound('Board');
  const rights = await boardRights(ctx.db, viewer, board);
  if (!rights.see) throw notFound('Board');
  return { board, rights };
}

/** Who makes boards: the site's admins; a community's maintainers for its own. */
async function mayMakeBoards(ctx: Ctx, viewer: Viewer | null, communityId: number | null) {
  if (!viewer) return false;
  if (communityId === null) return viewer.role === 'admin';
  const row = await ctx.db
    .selectFrom('community_members')
    .select('role')
    .where('journal_id', '=', communityId)
    .where('user_id', '=', viewer.id)
    .where('status', '=', 'member')
    .executeTakeFirst();
  return row?.role === 'maintainer';
}

async function scopeOf(ctx: Ctx, community: string) {
  if (!community) return { id: null, name: null };
  const found = await boards.findCommunity(ctx.db, community);
  if (!found) throw new ValidationError({ community: `There is no community called “${community}”.` });
  return { id: found.id, name: found.name };
}

/** Makes a board (and its category when new). */
export async function createBoard(ctx: Ctx, viewer: Viewer, raw: unknown): Promise<boards.BoardRow> {
  const input = validate(boardSchema, raw);
  const scope = await scopeOf(ctx, input.community);
  if (!(await mayMakeBoards(ctx, viewer, scope.id)))
    throw forbidden(
      scope.id === null
        ? 'Only the site’s admins make site-wide boards.'
        : `Only the maintainers of ${scope.name} make its boards.`,
    );
  const now = nowIso();
  const id = await inTransaction(ctx.db, async (trx) => {
    const name = input.category || DEFAULT_CATEGORY;
    const category =
      (await boards.findCategoryByName(trx, scope.id, name))?.id ??
      (await boards.insertCategory(trx, scope.id, name, now));
    return boards.insertBoard(
      trx,
      {
        category_id: category,
        community_id: scope.id,
        name: input.name,
        description: input.description,
        access: input.access,
        moderated: input.moderated ? 1 : 0,
      },
      now,
    );
  });
  return (await boards.findBoard(ctx.db, id))!;
}

export interface ForumIndex {
  community: { id: number; name: string; title: string } | null;
  categories: { name: string; boards: boards.BoardSummary[] }[];
  canMakeBoards: boolean;
}

/** The forum index: site-wide, or one community's (`community` is its name). */
export async function forumIndex(ctx: Ctx, viewer: Viewer | null, community?: string): Promise<ForumIndex> {
  const found = community ? await boards.findCommunity(ctx.db, community) : undefined;
  if (community && !found) throw notFound('Community');
  const scope = found ? { id: found.id, name: found.name ?? '', title: found.title } : null;
  const list = await boards.listBoards(ctx.db, viewer, scope?.id ?? null);
  const categories: ForumIndex['categories'] = [];
  for (const board of list) {
    const last = categories.at(-1);
    if (last?.name === board.category) last.boards.push(board);
    else categories.push({ name: board.category, boards: [board] });
  }
  return { community: scope, categories, canMakeBoards: await mayMakeBoards(ctx, viewer, scope?.id ?? null) };
}

export interface BoardPage {
  board: boards.BoardRow;
  community: string | null;
  rights: BoardRights;
  listing: ThreadListing;
}

/** A board's page: its threads in display order (pinned first, then by bump), one page of them. */
export async function boardPage(
  ctx: Ctx,
  viewer: Viewer | null,
  boardId: number,
  page: number,
): Promise<BoardPage> {
  const { board, rights } = await visibleBoard(ctx, viewer, boardId);
  return {
    board,
    rights,
    community: await boards.communityName(ctx.db, board.community_id),
    listing: await listThreads(ctx.db, viewer, board.id, page, rights.moderate),
  };
}

/** Is the viewer a maintainer or moderator of the community (for "make a board" links)? */
export async function isCommunityStaff(ctx: Ctx, viewer: Viewer | null, communityId: number | null) {
  return (await communityStanding(ctx.db, viewer, communityId)) === 'staff';
}
