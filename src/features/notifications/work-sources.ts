import type { DB } from '../../db/connect.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeWork, type WorkAccessFacts } from '../visibility/visibility.ts';
import type { Notice, NoticeSource } from './notify.ts';
import { excerptOf } from '../downloads/html-to-text.ts';
import { activeViewers, names, shunningAny, shunsAny } from './recipients.ts';

/**
 * Sources of the works' events: a new chapter (the work's subscribers), a new work (subscribers of
 * its series and of its creators), an invitation to co-create or a gift. Each recipient must be able
 * to see the work (visibility.ts) and must not have blocked or muted any of its creators (a mute
 * hides a creator's works from everything the muter sees).
 */
interface WorkFacts extends WorkAccessFacts {
  id: number;
  title: string;
  summary: string;
  /** The accepted creators' pseuds, in byline order. */
  byline: string[];
}

async function workFacts(db: DB, workId: number): Promise<WorkFacts | undefined> {
  const work = await db
    .selectFrom('works')
    .select(['id', 'title', 'summary', 'posted', 'hidden_at', 'restricted'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined;
  const creators = await db
    .selectFrom('work_creators')
    .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
    .select(['work_creators.user_id', 'pseuds.name'])
    .where('work_creators.work_id', '=', workId)
    .where('work_creators.accepted', '=', 1)
    .orderBy('work_creators.position')
    .execute();
  return {
    ...work,
    creatorUserIds: [...new Set(creators.map((c) => c.user_id))],
    byline: creators.map((c) => c.name),
  };
}

async function subscribersOf(db: DB, type: 'work' | 'series' | 'user', ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('subscriptions')
    .select('user_id')
    .where('target_type', '=', type)
    .where('target_id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.user_id);
}

/** The recipients among `ids` who may see the work and do not shun its creators (nor are one). */
async function readersOf(db: DB, work: WorkFacts, ids: Iterable<number>): Promise<Viewer[]> {
  const candidates = (await activeViewers(db, ids)).filter(
    (viewer) => !work.creatorUserIds.includes(viewer.id) && canSeeWork(viewer, work),
  );
  const shunning = await shunningAny(
    db,
    candidates.map((viewer) => viewer.id),
    work.creatorUserIds,
  );
  return candidates.filter((viewer) => !shunning.has(viewer.id));
}

const actorOf = (work: WorkFacts) => work.creatorUserIds[0] ?? null;

export const chapterNotices: NoticeSource<'chapter.posted'> = async (db, event) => {
  const work = await workFacts(db, event.workId);
  const chapter = await db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'summary', 'posted', 'word_count'])
    .where('id', '=', event.chapterId)
    .where('work_id', '=', event.workId)
    .executeTakeFirst();
  if (!work || !chapter || chapter.posted !== 1) return [];
  const readers = await readersOf(db, work, await subscribersOf(db, 'work', [work.id]));
  const heading = `Chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`;
  return readers.map((reader): Notice => ({
    userId: reader.id,
    kind: 'chapter.posted',
    key: `chapter:${chapter.id}`,
    actorId: actorOf(work),
    title: `${names(work.byline)} posted ${heading} of “${work.title}”`,
    excerpt: excerptOf(chapter.summary) || `${chapter.word_count.toLocaleString('en')} words`,
    url: `/works/${work.id}/chapters/${chapter.id}`,
  }));
};

export const workNotices: NoticeSource<'work.posted'> = async (db, event) => {
  const work = await workFacts(db, event.workId);
  if (!work || work.posted !== 1) return [];
  const series = await db
    .selectFrom('serial_works')
    .innerJoin('series', 'series.id', 'serial_works.series_id')
    .select(['series.id', 'series.title'])
    .where('serial_works.work_id', '=', work.id)
    .execute();
  const bySeries = new Set(
    await subscribersOf(
      db,
      'series',
      series.map((s) => s.id),
    ),
  );
  const byCreator = await subscribersOf(db, 'user', work.creatorUserIds);
  const readers = await readersOf(db, work, [...bySeries, ...byCreator]);
  const inSeries = series.length > 0 ? ` (in ${series.map((s) => `“${s.title}”`).join(', ')})` : '';
  return readers.map((reader): Notice => ({
    userId: reader.id,
    kind: 'work.posted',
    key: `work:${work.id}`,
    actorId: actorOf(work),
    title: `${names(work.byline)} posted a new work: “${work.title}”${bySeries.has(reader.id) ? inSeries : ''}`,
    excerpt: excerptOf(work.summary),
    url: `/works/${work.id}`,
  }));
};

/**
 * A co-creator invitation reaches the invited account while it is pending and the work is not
 * hidden by a moderator (the invitation itself lets them see its title, as their invitations page
 * does, drafts included); a gift reaches its recipient only if they may see the work.
 */
export const invitationNotices: NoticeSource<'invitation'> = async (db, event) => {
  const work = await workFacts(db, event.workId);
  const [recipient] = await activeViewers(db, [event.userId]);
  if (!work || !recipient || work.creatorUserIds.includes(recipient.id)) return [];
  if (await shunsAny(db, recipient.id, work.creatorUserIds)) return [];
  const base = { userId: recipient.id, kind: 'invitation' as const, actorId: actorOf(work) };
  if (event.role === 'co-creator') {
    const pending = await db
      .selectFrom('work_creators')
      .select('work_id')
      .where('work_id', '=', work.id)
      .where('user_id', '=', recipient.id)
      .where('accepted', '=', 0)
      .executeTakeFirst();
    if (!pending || work.hidden_at) return [];
    return [
      {
        ...base,
        key: `invitation:co-creator:${work.id}`,
        title: `${names(work.byline)} invited you to co-create “${work.title}”`,
        excerpt: 'Accept or decline on your invitations page.',
        url: '/account/invitations',
      },
    ];
  }
  const gift = await db
    .selectFrom('gifts')
    .select('work_id')
    .where('work_id', '=', work.id)
    .where('user_id', '=', recipient.id)
    .executeTakeFirst();
  if (!gift || !canSeeWork(recipient, work)) return [];
  return [
    {
      ...base,
      key: `invitation:gift:${work.id}`,
      title: `${names(work.byline)} wrote you a gift: “${work.title}”`,
      excerpt: excerptOf(work.summary),
      url: `/works/${work.id}`,
    },
  ];
};
