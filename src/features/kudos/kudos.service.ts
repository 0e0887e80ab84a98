import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { notFound, QuireError } from '../../lib/errors.ts';
import { isBlockedByAny, relatedIds } from '../blocking/blocks.repository.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeWork } from '../visibility/visibility.ts';
import { visitorKey } from '../works/hits.ts';
import { countKudosDay } from '../stats/daily-stats.ts';
import { setWorkCounterFrom } from '../works/work-counters.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';
import * as repo from './kudos.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Where a guest's kudos comes from: hashed like a hit (works/hits.ts), never stored in the clear. */
export interface GuestOrigin {
  ip: string;
  userAgent: string | undefined;
}

/** A work and its accepted creators' accounts, or 404 when this viewer may not see it. */
async function visibleWork(db: DB, viewer: Viewer | null, workId: number) {
  const work = await findWork(db, workId);
  if (!work) throw notFound('Work');
  const creatorUserIds = (await creatorsOfWork(db, workId))
    .filter((c) => c.accepted === 1)
    .map((c) => c.user_id);
  if (!canSeeWork(viewer, { ...work, creatorUserIds })) throw notFound('Work');
  return { work, creatorUserIds };
}

export const ALREADY_LEFT = 'You have already left kudos here.';

/**
 * Leaves kudos: one per account, or per guest per day; not on one's own work, not on a draft or a
 * hidden work, not when a creator has blocked the giver; guests never reach registered-only works
 * (they cannot see them: 404). The count is recounted and the creators notified in the same
 * transaction, so a refused or failed kudos leaves nothing behind.
 */
export async function leaveKudos(
  ctx: Ctx,
  viewer: Viewer | null,
  workId: number,
  origin: GuestOrigin,
  now = new Date(),
): Promise<{ count: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { work, creatorUserIds } = await visibleWork(trx, viewer, workId);
    if (viewer && creatorUserIds.includes(viewer.id))
      throw new QuireError('own_work', 403, 'You cannot leave kudos on your own work.');
    if (work.posted !== 1 || work.hidden_at)
      throw new QuireError('not_posted', 409, 'Kudos can be left only on posted works.');
    if (viewer && (await isBlockedByAny(trx, creatorUserIds, viewer.id)))
      throw new QuireError('blocked', 403, 'You cannot leave kudos on this work.');
    const day = now.toISOString().slice(0, 10);
    const inserted = await repo.insertKudos(trx, {
      work_id: workId,
      user_id: viewer?.id ?? null,
      guest_key: viewer ? null : visitorKey(null, origin.ip, origin.userAgent),
      day,
      created_at: now.toISOString(),
    });
    if (!inserted) throw new QuireError('already_left', 409, ALREADY_LEFT);
    const count = await setWorkCounterFrom(trx, workId, 'kudos_count', (db) =>
      repo.kudosCount(db, workId).$asScalar(),
    );
    await countKudosDay(trx, workId, day);
    await notify(trx, { kind: 'kudos.left', workId, userId: viewer?.id ?? null });
    return { count };
  });
}

/** Who left kudos on a work, as this viewer is shown it. */
export interface KudosSummary {
  /** Accounts, first first, leaving out those the viewer has muted. */
  users: { id: number; username: string }[];
  guests: number;
  /** Whether to offer the button: not to the work's creators nor to someone they blocked. */
  canLeave: boolean;
  /** The signed-in viewer has left kudos already. */
  left: boolean;
}

/** Who left kudos on a work, as this viewer is shown it (the caller has checked they may see it). */
export async function kudosGivers(
  ctx: Ctx,
  viewer: Viewer | null,
  workId: number,
  knownMutes?: readonly number[],
): Promise<Pick<KudosSummary, 'users' | 'guests' | 'left'>> {
  const muted = knownMutes ?? (viewer ? await relatedIds(ctx.db, 'mute', viewer.id) : []);
  const users: KudosSummary['users'] = [];
  let guests = 0;
  let left = false;
  for (const row of await repo.kudosOfWork(ctx.db, { workId })) {
    if (row.user_id === null) guests++;
    else {
      if (viewer !== null && row.user_id === viewer.id) left = true;
      if (row.username !== null && !muted.includes(row.user_id))
        users.push({ id: row.user_id, username: row.username });
    }
  }
  return { users, guests, left };
}

/**
 * The kudos panel of a work. `seen`: the work's accepted creators, when the caller has already
 * checked that this viewer may see the work (the work page); otherwise it is checked here.
 */
export async function kudosSummary(
  ctx: Ctx,
  viewer: Viewer | null,
  workId: number,
  seen?: { creatorUserIds: readonly number[]; muted?: readonly number[]; blocked?: boolean },
): Promise<KudosSummary> {
  const { creatorUserIds } = seen ?? (await visibleWork(ctx.db, viewer, workId));
  const { users, guests, left } = await kudosGivers(ctx, viewer, workId, seen?.muted);
  const own = viewer !== null && creatorUserIds.includes(viewer.id);
  const blocked =
    viewer !== null && !own && (seen?.blocked ?? (await isBlockedByAny(ctx.db, creatorUserIds, viewer.id)));
  return { users, guests, canLeave: !own && !blocked, left };
}

/** "Clark, Lois and 2 guests": names (at most `max`, then "N others") and guests, in words. */
export function giversInWords(names: readonly string[], guests: number, max = Infinity): string[] {
  const parts: string[] = names.slice(0, max);
  if (names.length > max)
    parts.push(`${names.length - max} ${names.length - max === 1 ? 'other' : 'others'}`);
  if (guests > 0) parts.push(guests === 1 ? (parts.length ? '1 guest' : 'A guest') : `${guests} guests`);
  return parts;
}

/** Joins parts as a sentence list: "a", "a and b", "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
