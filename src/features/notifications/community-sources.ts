import { canSeeEntry } from '../visibility/entry-visibility.ts';
import { boardRights, canSeeChapterPost } from '../visibility/forum-visibility.ts';
import type { Notice, NoticeSource } from './notify.ts';
import { excerptOf } from '../downloads/html-to-text.ts';
import { activeViewers } from './recipients.ts';

/**
 * Sources of the journals' and forums' events. A post reaches the subscribers of its thread and of
 * its board who may see the board (forum-visibility.ts: a members-only board is its members' alone)
 * and, for a chapter post, the work; an entry reaches the journal's subscribers who may read it
 * (entry-visibility.ts: a locked entry reaches only those with access). Nobody hears of their own.
 */
export const forumNotices: NoticeSource<'forum.posted'> = async (db, event) => {
  const post = await db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('boards', 'boards.id', 'threads.board_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.number',
      'posts.kind',
      'posts.body',
      'posts.status',
      'posts.author_id',
      'posts.work_id',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'threads.merged_into',
      'boards.id as board_id',
      'boards.access',
      'boards.community_id',
      'boards.moderated',
      'users.username as author',
    ])
    .where('posts.id', '=', event.postId)
    .executeTakeFirst();
  if (!post || post.status !== 'visible' || post.merged_into !== null) return [];
  const subscribers = await db
    .selectFrom('forum_subscriptions')
    .select('user_id')
    .where((eb) => eb.or([eb('thread_id', '=', post.thread_id), eb('board_id', '=', post.board_id)]))
    .execute();
  const work = post.work_id === null ? null : await workAccess(db, post.work_id);
  const notices: Notice[] = [];
  for (const viewer of await activeViewers(
    db,
    subscribers.map((s) => s.user_id),
  )) {
    if (viewer.id === post.author_id) continue;
    const rights = await boardRights(db, viewer, post);
    if (!rights.see) continue;
    if (post.kind === 'chapter' && !canSeeChapterPost(viewer, work)) continue;
    const chapter = post.kind === 'chapter';
    notices.push({
      userId: viewer.id,
      kind: 'forum.posted',
      key: `post:${post.id}`,
      actorId: post.author_id,
      title:
        post.number === 1
          ? `${post.author} started the thread “${post.thread_title}”`
          : `${post.author} ${chapter ? 'posted a chapter' : 'replied'} in “${post.thread_title}”`,
      excerpt: chapter ? '' : excerptOf(post.body),
      url: `/forums/posts/${post.id}`,
    });
  }
  return notices;
};

async function workAccess(db: Parameters<NoticeSource<'forum.posted'>>[0], workId: number) {
  const work = await db
    .selectFrom('works')
    .select(['posted', 'hidden_at', 'restricted'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work) return null;
  const creators = await db
    .selectFrom('work_creators')
    .select('user_id')
    .where('work_id', '=', workId)
    .where('accepted', '=', 1)
    .execute();
  return { ...work, creatorUserIds: creators.map((c) => c.user_id) };
}

export const entryNotices: NoticeSource<'entry.posted'> = async (db, event) => {
  const entry = await db
    .selectFrom('entries')
    .innerJoin('journals', 'journals.id', 'entries.journal_id')
    .innerJoin('users as poster', 'poster.id', 'entries.poster_id')
    .leftJoin('users as owner', 'owner.id', 'journals.owner_id')
    .select([
      'entries.id',
      'entries.subject',
      'entries.body',
      'entries.status',
      'entries.poster_id',
      'entries.journal_id',
      'journals.title as journal_title',
      'poster.username as poster',
      (eb) => eb.fn.coalesce('owner.username', 'journals.name').as('display_name'),
    ])
    .where('entries.id', '=', event.entryId)
    .executeTakeFirst();
  if (!entry || entry.status !== 'published') return [];
  const subscribers = await db
    .selectFrom('journal_subscriptions')
    .select('reader_id')
    .where('journal_id', '=', entry.journal_id)
    .execute();
  const notices: Notice[] = [];
  for (const viewer of await activeViewers(
    db,
    subscribers.map((s) => s.reader_id),
  )) {
    if (viewer.id === entry.poster_id) continue;
    if (!(await canSeeEntry(db, viewer, entry.id))) continue;
    const subject = entry.subject ? `“${entry.subject}”` : 'an entry';
    notices.push({
      userId: viewer.id,
      kind: 'entry.posted',
      key: `entry:${entry.id}`,
      actorId: entry.poster_id,
      title: `${entry.poster} posted ${subject} in ${entry.journal_title}`,
      excerpt: excerptOf(entry.body),
      url: `/journals/${encodeURIComponent(entry.display_name ?? '')}/entries/${entry.id}`,
    });
  }
  return notices;
};
