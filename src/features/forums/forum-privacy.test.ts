import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { makeUser, uniqueName } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { createCommunity, joinCommunity } from '../journals/communities.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { boardPage, forumIndex } from './boards.service.ts';
import { type Cast, makeBoard, makeCast, makeThread, reply } from './forums.fixtures.ts';
import { hidePost } from './moderation.service.ts';
import { openReports, reportPost } from './reports.service.ts';
import { threadPage } from './thread-page.ts';

type Who = 'guest' | 'signedIn' | 'member' | 'maintainer' | 'siteAdmin';

/**
 * Members-only boards on every surface: site-wide ones for the signed in, a community's for its
 * members. Each row: which viewers see the board at all.
 */
const SEES: Record<'site' | 'community', Who[]> = {
  site: ['signedIn', 'member', 'maintainer', 'siteAdmin'],
  community: ['member', 'maintainer'],
};

eachDialect('forum privacy: members-only boards on every surface, hidden posts', (env) => {
  let cast: Cast;
  const viewers = {} as Record<Who, Viewer | null>;
  const boards = {} as Record<'site' | 'community', { id: number; threadId: number; name: string }>;
  let community = '';

  before(async () => {
    const { ctx } = env();
    cast = await makeCast(ctx);
    const [member, maintainer] = await Promise.all([makeUser(ctx), makeUser(ctx)]);
    Object.assign(viewers, { guest: null, signedIn: cast.bob, member, maintainer, siteAdmin: cast.admin });
    community = uniqueName('comm');
    const journal = await createCommunity(ctx, maintainer, { name: community, title: 'A community' });
    await joinCommunity(ctx, member, journal);
    const site = await makeBoard(ctx, cast.admin, { access: 'members' });
    const own = await makeBoard(ctx, maintainer, { access: 'members', community });
    const siteThread = await makeThread(ctx, cast.alice, site.id, 'Site secret');
    const ownThread = await makeThread(ctx, member, own.id, 'Community secret');
    boards.site = { id: site.id, threadId: siteThread.threadId, name: site.name };
    boards.community = { id: own.id, threadId: ownThread.threadId, name: own.name };
  });

  for (const scope of ['site', 'community'] as const) {
    for (const who of ['guest', 'signedIn', 'member', 'maintainer', 'siteAdmin'] as Who[]) {
      const sees = SEES[scope].includes(who);
      it(`${scope} members-only board, ${who}: ${sees ? 'sees it' : 'sees nothing'} (index, board, thread, API, feeds)`, async () => {
        const { ctx, app } = env();
        const viewer = viewers[who];
        const b = boards[scope];
        const index = await forumIndex(ctx, viewer, scope === 'community' ? community : undefined);
        const listed = index.categories.flatMap((c) => c.boards).some((x) => x.id === b.id);
        assert.equal(listed, sees, 'forum index');
        const page = await boardPage(ctx, viewer, b.id, 1).then(
          () => true,
          () => false,
        );
        assert.equal(page, sees, 'board page');
        const thread = await threadPage(ctx, viewer, b.threadId, { page: 1 }).then(
          () => true,
          () => false,
        );
        assert.equal(thread, sees, 'thread page');
        const token = viewer ? (await createToken(ctx, viewer.id, 't')).token : '';
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        const apiList = await app.inject({ url: `/api/v1/boards/${b.id}/threads`, headers });
        assert.equal(apiList.statusCode, sees ? 200 : 404, 'API thread list');
        const apiThread = await app.inject({ url: `/api/v1/threads/${b.threadId}`, headers });
        assert.equal(apiThread.statusCode, sees ? 200 : 404, 'API thread');
        const reply = await app.inject({
          method: 'POST',
          url: `/api/v1/threads/${b.threadId}/posts`,
          payload: { body: 'Hello' },
          headers,
        });
        assert.equal(reply.statusCode, !viewer ? 401 : sees ? 201 : 404, 'API reply');
        // Feeds are the guest's view for everyone: members-only boards have none.
        for (const url of [`/forums/boards/${b.id}/feed.atom`, `/forums/threads/${b.threadId}/feed.atom`])
          assert.equal((await app.inject({ url, headers })).statusCode, 404, url);
      });
    }
  }

  it('the site index counts only boards the viewer may see', async () => {
    const { ctx } = env();
    const guest = await forumIndex(ctx, null);
    assert.ok(!guest.categories.flatMap((c) => c.boards).some((b) => b.id === boards.site.id));
    const html = await env().app.inject({ url: '/forums' });
    assert.doesNotMatch(html.body, new RegExp(boards.site.name));
    assert.doesNotMatch(html.body, /Site secret/);
  });

  it('a hidden post is a stub for readers, in full for moderators; reports reach only moderators', async () => {
    const { ctx } = env();
    const board = await makeBoard(ctx, cast.admin);
    const { threadId } = await makeThread(ctx, cast.alice, board.id);
    const rude = await reply(ctx, cast.bob, threadId, 'Something rude.');
    await reportPost(ctx, cast.alice, rude, { reason: 'Rude.' });
    await assert.rejects(reportPost(ctx, cast.alice, rude, { reason: 'Again.' }), /already/);
    assert.deepEqual(await openReports(ctx, cast.alice), []);
    const queue = await openReports(ctx, cast.moderator);
    assert.equal(queue.find((r) => r.postId === rude)?.reason, 'Rude.');
    await hidePost(ctx, cast.moderator, rude);
    assert.equal(
      (await openReports(ctx, cast.moderator)).find((r) => r.postId === rude),
      undefined,
      'actioned',
    );
    const forAlice = (await threadPage(ctx, cast.alice, threadId, { page: 1 })).posts;
    assert.equal(forAlice[1]!.shown, 'stub');
    assert.equal(forAlice[1]!.body, null);
    assert.equal(forAlice[1]!.number, 2, 'the numbering stays');
    const forMod = (await threadPage(ctx, cast.moderator, threadId, { page: 1 })).posts;
    assert.match(forMod[1]!.body!, /Something rude/);
  });
});
