import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { eachDialect, type TestEnv } from '../../../test/harness.ts';
import { type BumpEvent, nextBump, type PostFacts } from './bump.ts';
import {
  type Cast,
  makeBoard,
  makeCast,
  makeThread,
  reply,
  threadDates,
  tick,
  visibleAt,
} from './forums.fixtures.ts';
import {
  approvePost,
  deletePost,
  hidePost,
  mergeThread,
  movePosts,
  moveThread,
  setLocked,
  setPinned,
  splitThread,
  unhidePost,
} from './moderation.service.ts';
import { editPost, renameThread } from './posting.service.ts';
import { listThreads } from './thread-list.ts';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
const T2 = '2026-01-03T00:00:00.000Z';
const facts = (latest: string | null, latestBump: string | null): PostFacts => ({
  latest: latest ? { id: 1, number: 2, authorId: 1, at: latest } : null,
  latestBump,
  lastNumber: 2,
  replies: 1,
});

describe('nextBump (the rule, pure)', () => {
  const thread = { createdAt: T0, bumpedAt: T1, lastPostedAt: T1 };
  const table: [string, BumpEvent, PostFacts, { bumpedAt: string; lastPostedAt: string }][] = [
    ['a reply moves both', 'replied', facts(T2, T2), { bumpedAt: T2, lastPostedAt: T2 }],
    [
      'a "don\'t bump" reply moves only the fact',
      'replied',
      facts(T2, T1),
      { bumpedAt: T1, lastPostedAt: T2 },
    ],
    ['hiding the last reply falls back', 'hidden', facts(T0, T0), { bumpedAt: T0, lastPostedAt: T0 }],
    [
      'no visible post left: the thread’s creation',
      'hidden',
      facts(null, null),
      { bumpedAt: T0, lastPostedAt: T0 },
    ],
    ['an edit changes nothing', 'edited', facts(T2, T2), { bumpedAt: T1, lastPostedAt: T1 }],
    ['a rename changes nothing', 'retitled', facts(T2, T2), { bumpedAt: T1, lastPostedAt: T1 }],
    ['a move changes nothing', 'moved', facts(T2, T2), { bumpedAt: T1, lastPostedAt: T1 }],
    ['pinning changes nothing', 'pinned', facts(T2, T2), { bumpedAt: T1, lastPostedAt: T1 }],
    ['newer posts moved in bump', 'posts-moved-in', facts(T2, T2), { bumpedAt: T2, lastPostedAt: T2 }],
  ];
  for (const [name, event, f, expected] of table)
    it(name, () => assert.deepEqual(nextBump(thread, f, event), expected));
});

/**
 * The bump rule as a table against a real database: each row builds a thread through the services,
 * does one thing, and names the post whose instant `bumped_at` and `last_posted_at` must hold
 * ('before': unchanged by the action).
 */
interface Row {
  name: string;
  moderated?: boolean;
  act: (
    env: TestEnv,
    cast: Cast,
    t: { threadId: number; openingId: number; boardId: number; posts: Record<string, number> },
  ) => Promise<void>;
  bumped: string;
  last: string;
}

const table: Row[] = [
  {
    name: 'a new visible reply bumps the thread (both columns)',
    act: async ({ ctx }, c, t) => void (t.posts.r2 = await reply(ctx, c.bob, t.threadId)),
    bumped: 'r2',
    last: 'r2',
  },
  {
    name: 'a moderator’s "don’t bump" reply moves last_posted_at only',
    act: async ({ ctx }, c, t) =>
      void (t.posts.r2 = await reply(ctx, c.moderator, t.threadId, 'Quietly.', false)),
    bumped: 'r1',
    last: 'r2',
  },
  {
    name: 'an edit does not bump',
    act: async ({ ctx }, c, t) =>
      void (await editPost(ctx, c.alice, t.openingId, { body: 'Edited opening.' })),
    bumped: 'before',
    last: 'before',
  },
  {
    name: 'a title change does not bump',
    act: async ({ ctx }, c, t) => renameThread(ctx, c.alice, t.threadId, { title: 'A new title' }),
    bumped: 'before',
    last: 'before',
  },
  {
    name: 'moving the thread to another board does not bump',
    act: async ({ ctx }, c, t) => {
      const other = await makeBoard(ctx, c.admin);
      await moveThread(ctx, c.moderator, t.threadId, { board: other.id });
    },
    bumped: 'before',
    last: 'before',
  },
  {
    name: 'pinning and locking do not bump',
    act: async ({ ctx }, c, t) => {
      await setPinned(ctx, c.moderator, t.threadId, true);
      await setLocked(ctx, c.moderator, t.threadId, true);
    },
    bumped: 'before',
    last: 'before',
  },
  {
    name: 'hiding the last reply sets both back to the latest remaining visible post',
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      await hidePost(ctx, c.moderator, t.posts.r2);
    },
    bumped: 'r1',
    last: 'r1',
  },
  {
    name: 'un-hiding it restores them',
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      await hidePost(ctx, c.moderator, t.posts.r2);
      await unhidePost(ctx, c.moderator, t.posts.r2);
    },
    bumped: 'r2',
    last: 'r2',
  },
  {
    name: 'deleting the last reply sets both back',
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      await deletePost(ctx, c.moderator, t.posts.r2);
    },
    bumped: 'r1',
    last: 'r1',
  },
  {
    name: 'hiding the last bumping reply skips a "don’t bump" reply for bumped_at',
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      t.posts.r3 = await reply(ctx, c.moderator, t.threadId, 'Quietly.', false);
      await hidePost(ctx, c.moderator, t.posts.r2);
    },
    bumped: 'r1',
    last: 'r3',
  },
  {
    name: 'a post awaiting moderation does not bump; approving it bumps at approval time',
    moderated: true,
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      assert.equal((await threadDates(ctx, t.threadId)).lastPostedAt, await visibleAt(ctx, t.posts.r1!));
      await tick();
      await approvePost(ctx, c.moderator, t.posts.r2);
      const row = await ctx.db
        .selectFrom('posts')
        .select(['created_at', 'visible_at'])
        .where('id', '=', t.posts.r2)
        .executeTakeFirstOrThrow();
      assert.ok(row.visible_at! > row.created_at, 'visible from its approval, not its writing');
    },
    bumped: 'r2',
    last: 'r2',
  },
  {
    name: 'moving newer posts in bumps the destination',
    act: async ({ ctx }, c, t) => {
      const other = await makeThread(ctx, c.bob, t.boardId, 'Elsewhere');
      t.posts.moved = await reply(ctx, c.bob, other.threadId, 'Newer than anything here.');
      await movePosts(ctx, c.moderator, other.threadId, { posts: [t.posts.moved], into: t.threadId });
    },
    bumped: 'moved',
    last: 'moved',
  },
  {
    name: 'moving older posts in does not',
    act: async ({ ctx }, c, t) => {
      const other = await makeThread(ctx, c.bob, t.boardId, 'Elsewhere');
      const old = await reply(ctx, c.bob, other.threadId, 'Written before the last reply here.');
      t.posts.r2 = await reply(ctx, c.alice, t.threadId);
      await movePosts(ctx, c.moderator, other.threadId, { posts: [old], into: t.threadId });
    },
    bumped: 'r2',
    last: 'r2',
  },
  {
    name: 'merging a newer thread in bumps; the posts read in date order',
    act: async ({ ctx }, c, t) => {
      const other = await makeThread(ctx, c.bob, t.boardId, 'Newer');
      t.posts.newest = await reply(ctx, c.bob, other.threadId);
      await mergeThread(ctx, c.moderator, other.threadId, { into: t.threadId });
      const numbers = await ctx.db
        .selectFrom('posts')
        .select(['id', 'number'])
        .where('thread_id', '=', t.threadId)
        .orderBy('number')
        .execute();
      assert.deepEqual(
        numbers.map((p) => p.number),
        [1, 2, 3, 4],
      );
      assert.equal(numbers.at(-1)!.id, t.posts.newest);
    },
    bumped: 'newest',
    last: 'newest',
  },
  {
    name: 'splitting the last reply off sets the source back',
    act: async ({ ctx }, c, t) => {
      t.posts.r2 = await reply(ctx, c.bob, t.threadId);
      const split = await splitThread(ctx, c.moderator, t.threadId, {
        posts: [t.posts.r2],
        title: 'Split off',
      });
      assert.equal((await threadDates(ctx, split)).bumpedAt, await visibleAt(ctx, t.posts.r2));
    },
    bumped: 'r1',
    last: 'r1',
  },
];

eachDialect('the bump rule, as a table', (env) => {
  let cast: Cast;
  before(async () => {
    cast = await makeCast(env().ctx);
  });

  for (const row of table) {
    it(row.name, async () => {
      const { ctx } = env();
      const board = await makeBoard(ctx, cast.admin);
      const { threadId, openingId } = await makeThread(ctx, cast.alice, board.id);
      // The board is moderated after r1, so every row starts from one visible reply.
      const posts: Record<string, number> = { r1: await reply(ctx, cast.bob, threadId) };
      if (row.moderated)
        await ctx.db.updateTable('boards').set({ moderated: 1 }).where('id', '=', board.id).execute();
      const before = await threadDates(ctx, threadId);
      await row.act(env(), cast, { threadId, openingId, boardId: board.id, posts });
      const after = await threadDates(ctx, threadId);
      const at = async (name: string, which: 'bumpedAt' | 'lastPostedAt') =>
        name === 'before' ? before[which] : visibleAt(ctx, posts[name]!);
      assert.equal(after.bumpedAt, await at(row.bumped, 'bumpedAt'), 'bumped_at');
      assert.equal(after.lastPostedAt, await at(row.last, 'lastPostedAt'), 'last_posted_at');
    });
  }

  it('a board lists pinned threads first, then by bumped_at, newest first', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const a = await makeThread(ctx, cast.alice, board.id, 'A');
    const b = await makeThread(ctx, cast.alice, board.id, 'B');
    const c = await makeThread(ctx, cast.alice, board.id, 'C');
    await reply(ctx, cast.bob, a.threadId);
    await setPinned(ctx, cast.moderator, c.threadId, true);
    const titles = (await listThreads(ctx.db, null, board.id, 1)).threads.map((t) => t.title);
    assert.deepEqual(titles, ['C', 'A', 'B']);
    void b;
  });
});
