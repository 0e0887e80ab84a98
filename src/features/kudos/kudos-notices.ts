import { relatedIds } from '../blocking/blocks.repository.ts';
import type { Notice, NoticeSource } from '../notifications/notify.ts';
import { canSeeWork } from '../visibility/visibility.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';
import * as repo from './kudos.repository.ts';
import { giversInWords, joinWords } from './kudos.service.ts';

/**
 * Kudos as notices: one summary per creator per work per day (key `kudos:<workId>:<day>`), which the
 * inbox replaces as the day's kudos grow: "Clark and 2 guests left kudos on Symphony". The day is
 * the day of the kudos that caused the event (a job run after midnight still adds to its own day).
 * Only accepted creators who may see the work hear of it (a disabled account hears nothing); the
 * names leave out accounts the creator has muted or blocked. Nothing when the kudos is gone.
 */
export const kudosNotices: NoticeSource<'kudos.left'> = async (db, event) => {
  const work = await findWork(db, event.workId);
  if (!work) return [];
  const kudos = await repo.latestKudos(db, event.workId, event.userId);
  if (!kudos) return [];
  const creators = (await creatorsOfWork(db, event.workId)).filter((c) => c.accepted === 1);
  const creatorUserIds = creators.map((c) => c.user_id);
  const accounts = creatorUserIds.length
    ? await db
        .selectFrom('users')
        .select(['id', 'username', 'email', 'role'])
        .where('id', 'in', creatorUserIds)
        .where('disabled_at', 'is', null)
        .execute()
    : [];
  const [givers, guests] = await Promise.all([
    repo.kudosGivers(db, event.workId, [], kudos.day),
    repo.guestKudos(db, event.workId, kudos.day),
  ]);
  const notices: Notice[] = [];
  for (const account of accounts) {
    if (!canSeeWork(account, { ...work, creatorUserIds })) continue;
    const hidden = new Set([
      ...(await relatedIds(db, 'mute', account.id)),
      ...(await relatedIds(db, 'block', account.id)),
    ]);
    const names = givers.filter((g) => !hidden.has(g.id) && g.id !== account.id).map((g) => g.username);
    const parts = giversInWords(names, guests, 3);
    if (parts.length === 0) continue;
    notices.push({
      userId: account.id,
      kind: 'kudos.left',
      key: `kudos:${work.id}:${kudos.day}`,
      actorId: event.userId,
      title: `${joinWords(parts)} left kudos on ${work.title}`,
      excerpt: '',
      url: `/works/${work.id}#kudos`,
    });
  }
  return notices;
};
