import { Feed } from 'feed';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { escapeHtml } from '../../lib/safe-html.ts';
import { canSeeChapterPost, publicBoards } from '../visibility/forum-visibility.ts';
import { workFacts } from './thread-page.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** How many posts a feed carries: the newest to become visible. */
export const FEED_SIZE = 25;

/** Characters XML 1.0 cannot carry (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (text: string) => text.replace(NOT_XML, '');
const cdataHtml = (html: string) => xmlText(html).replaceAll(']]>', ']]&gt;');

/**
 * The Atom feed of a board or a thread: its newest visible posts. Feeds are the guest's view, the
 * same bytes for everyone (they ignore the session cookie): members-only boards have none (not
 * found), and a chapter reply of a work guests may not read is a stub there.
 */
export async function forumFeed(ctx: Ctx, scope: { board: number } | { thread: number }): Promise<string> {
  let query = ctx.db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('boards', 'boards.id', 'threads.board_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.number',
      'posts.kind',
      'posts.body',
      'posts.work_id',
      'posts.visible_at',
      'posts.edited_at',
      'threads.id as thread_id',
      'threads.title',
      'boards.id as board_id',
      'boards.name as board',
      'users.username',
    ])
    .where('posts.status', '=', 'visible')
    .where('threads.merged_into', 'is', null)
    .where((eb) => publicBoards(eb));
  query =
    'board' in scope
      ? query.where('boards.id', '=', scope.board)
      : query.where('threads.id', '=', scope.thread);
  const posts = await query
    .orderBy('posts.visible_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(FEED_SIZE)
    .execute();
  const head = await headOf(ctx, scope);
  const works = await workFacts(
    ctx.db,
    posts.flatMap((p) => (p.kind === 'chapter' && p.work_id !== null ? [p.work_id] : [])),
  );
  const base = ctx.config.baseUrl;
  const path = 'board' in scope ? `/forums/boards/${scope.board}` : `/forums/threads/${scope.thread}`;
  const feed = new Feed({
    id: `${base}${path}`,
    title: xmlText(head.title),
    link: `${base}${path}`,
    updated: new Date(posts[0]?.visible_at ?? head.created_at),
    generator: 'Quire',
    copyright: '',
    feedLinks: { atom: `${base}${path}/feed.atom` },
  });
  for (const post of posts) {
    const work = post.work_id === null ? null : (works.get(post.work_id) ?? null);
    const shown = post.kind !== 'chapter' || canSeeChapterPost(null, work);
    feed.addItem({
      title: escapeHtml(xmlText(post.number === 1 ? post.title : `Re: ${post.title} (#${post.number})`)),
      id: `${base}/forums/posts/${post.id}`,
      link: `${base}/forums/posts/${post.id}`,
      date: new Date(post.edited_at ?? post.visible_at!),
      published: new Date(post.visible_at!),
      content: shown ? cdataHtml(post.body) : '<p>Log in to read this post.</p>',
      author: [{ name: xmlText(post.username), link: `${base}/users/${encodeURIComponent(post.username)}` }],
    });
  }
  return feed.atom1();
}

async function headOf(ctx: Ctx, scope: { board: number } | { thread: number }) {
  const row =
    'board' in scope
      ? await ctx.db
          .selectFrom('boards')
          .select(['name as title', 'created_at'])
          .where('id', '=', scope.board)
          .where((eb) => publicBoards(eb))
          .executeTakeFirst()
      : await ctx.db
          .selectFrom('threads')
          .innerJoin('boards', 'boards.id', 'threads.board_id')
          .select(['threads.title', 'threads.created_at'])
          .where('threads.id', '=', scope.thread)
          .where('threads.merged_into', 'is', null)
          .where('threads.last_post_number', '>', 0)
          .where((eb) => publicBoards(eb))
          .executeTakeFirst();
  if (!row) throw notFound('Feed');
  return row;
}
