import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import { postComment } from '../comments/comments.service.ts';
import { leaveKudos } from '../kudos/kudos.service.ts';
import { nowIso } from '../../lib/clock.ts';
import { createBoard } from '../forums/boards.service.ts';
import { approvePost } from '../forums/moderation.service.ts';
import { replyTo, startThread } from '../forums/posting.service.ts';
import { setSubscribed } from '../forums/subscriptions.ts';
import { grantAccess, subscribe } from '../journals/access.service.ts';
import { createCommunity, joinCommunity } from '../journals/communities.service.ts';
import { findJournalByName } from '../journals/journals.repository.ts';
import { postEntry } from '../journals/journals.service.ts';
import { editWork, publishDraft } from '../works/works.service.ts';
import { deliverEvent } from './notify.job.ts';
import type { NotificationEvent } from './notify.ts';
import { inboxOf, mailsTo, makeChapter, makeWork, runJobs, subscribeTo } from './notifications.fixtures.ts';

eachDialect('notification sources: who hears of what', (env) => {
  const users = (n: number, role?: 'moderator' | 'admin') =>
    Promise.all(Array.from({ length: n }, () => makeUser(env().ctx, role ? { role } : {})));
  const keys = async (userId: number) => (await inboxOf(env().ctx, userId)).map((n) => n.key);

  it('chapter.posted: the work’s subscribers, not others, not the author; a draft chapter waits until it is posted', async () => {
    const { ctx } = env();
    const [writer, reader, other] = await users(3);
    const { workId } = await makeWork(ctx, writer!);
    await subscribeTo(ctx, reader!, 'work', workId);
    await subscribeTo(ctx, writer!, 'work', workId);
    const chapterId = await makeChapter(ctx, writer!, workId, 'Coda');
    const draftId = await makeChapter(ctx, writer!, workId, 'Later', true);
    await runJobs(env());
    const inbox = await inboxOf(ctx, reader!.id);
    assert.deepEqual(
      inbox.map((n) => [n.kind, n.key, n.url]),
      [['chapter.posted', `chapter:${chapterId}`, `/works/${workId}/chapters/${chapterId}`]],
    );
    assert.match(inbox[0]!.title, /posted Chapter 2: Coda of “Symphony, Part V”/);
    assert.equal(inbox[0]!.actor_id, writer!.id);
    assert.deepEqual(await keys(other!.id), []);
    assert.deepEqual(await keys(writer!.id), [], 'the author hears nothing of their own chapter');
    assert.ok(!(await keys(reader!.id)).includes(`chapter:${draftId}`));
  });

  it('work.posted: subscribers of its series and of its creators, once each; a draft only when published', async () => {
    const { ctx } = env();
    const [writer, bySeries, byCreator, both] = await users(4);
    const first = await makeWork(ctx, writer!, { series: { title: 'Symphony', part: 1 } });
    const series = await ctx.db
      .selectFrom('serial_works')
      .select('series_id')
      .where('work_id', '=', first.workId)
      .executeTakeFirstOrThrow();
    await runJobs(env()); // subscribers are whoever is subscribed when the job runs
    await subscribeTo(ctx, bySeries!, 'series', series.series_id);
    await subscribeTo(ctx, both!, 'series', series.series_id);
    await subscribeTo(ctx, byCreator!, 'user', writer!.id);
    await subscribeTo(ctx, both!, 'user', writer!.id);
    const second = await makeWork(ctx, writer!, {
      title: 'Symphony, Part VI',
      series: { id: series.series_id, part: 2 },
    });
    const draft = await makeWork(ctx, writer!, { title: 'Unfinished', draft: true });
    await runJobs(env());
    for (const who of [bySeries, byCreator, both])
      assert.deepEqual(await keys(who!.id), [`work:${second.workId}`]);
    const [seriesNotice] = await inboxOf(ctx, bySeries!.id);
    assert.match(seriesNotice!.title, /new work: “Symphony, Part VI” \(in “Symphony”\)/);
    await publishDraft(ctx, writer!, draft.workId);
    await runJobs(env());
    assert.deepEqual(await keys(byCreator!.id), [`work:${draft.workId}`, `work:${second.workId}`]);
    assert.deepEqual(await keys(bySeries!.id), [`work:${second.workId}`], 'not in the series');
  });

  it('never a hidden or draft work, except to those who may see it; a registered-only work reaches accounts', async () => {
    const { ctx } = env();
    const [writer, reader, disabled] = await users(3);
    const [moderator] = await users(1, 'moderator');
    const { workId } = await makeWork(ctx, writer!, { restricted: true });
    for (const who of [reader, moderator, disabled]) await subscribeTo(ctx, who!, 'work', workId);
    await ctx.db.updateTable('users').set({ disabled_at: nowIso() }).where('id', '=', disabled!.id).execute();
    const open = await makeChapter(ctx, writer!, workId, 'Registered only');
    await runJobs(env());
    assert.deepEqual(
      await keys(reader!.id),
      [`chapter:${open}`],
      'a registered-only work reaches an account',
    );
    assert.deepEqual(await keys(disabled!.id), [], 'a disabled account hears nothing');
    await ctx.db.updateTable('works').set({ hidden_at: nowIso() }).where('id', '=', workId).execute();
    const hidden = await makeChapter(ctx, writer!, workId, 'While hidden');
    await runJobs(env());
    assert.deepEqual(await keys(reader!.id), [`chapter:${open}`], 'a hidden work reaches no reader');
    assert.deepEqual(
      (await keys(moderator!.id)).sort(),
      [`chapter:${hidden}`, `chapter:${open}`].sort(),
      'moderators may see hidden works',
    );
    // A subscription to a draft (made while it was posted, say) tells nothing of it.
    const draft = await makeWork(ctx, writer!, { title: 'A draft', draft: true });
    await subscribeTo(ctx, reader!, 'work', draft.workId);
    const chapter = await ctx.db
      .selectFrom('chapters')
      .select('id')
      .where('work_id', '=', draft.workId)
      .executeTakeFirstOrThrow();
    await deliverEvent(ctx, { kind: 'chapter.posted', workId: draft.workId, chapterId: chapter.id });
    await deliverEvent(ctx, { kind: 'work.posted', workId: draft.workId });
    assert.deepEqual(await keys(reader!.id), [`chapter:${open}`]);
  });

  it('invitation: the invited co-creator and the gift recipient; a draft’s gift waits until it is posted', async () => {
    const { ctx } = env();
    const [writer, cocreator, friend, later] = await users(4);
    const { workId } = await makeWork(ctx, writer!, {
      coCreators: [cocreator!.username],
      gifts: [friend!.username],
    });
    const draft = await makeWork(ctx, writer!, { title: 'Present', draft: true, gifts: [later!.username] });
    await runJobs(env());
    const [invite] = await inboxOf(ctx, cocreator!.id);
    assert.equal(invite?.key, `invitation:co-creator:${workId}`);
    assert.equal(invite?.url, '/account/invitations');
    assert.deepEqual(await keys(friend!.id), [`invitation:gift:${workId}`]);
    assert.deepEqual(await keys(later!.id), [], 'a draft’s recipient cannot see it yet');
    await publishDraft(ctx, writer!, draft.workId);
    await runJobs(env());
    assert.deepEqual(await keys(later!.id), [`invitation:gift:${draft.workId}`]);
    // Someone who blocked the giver cannot be given the work (blocking), so hears nothing of it.
    const [blocker] = await users(1);
    await addRelation(ctx.db, 'block', blocker!.id, writer!.id, nowIso());
    await assert.rejects(
      editWork(ctx, writer!, workId, {
        ...seedWorkInput({ series: null, postedAt: undefined }),
        gifts: [friend!.username, blocker!.username],
      }),
      /cannot give a gift/,
    );
    await runJobs(env());
    assert.deepEqual(await keys(blocker!.id), []);
  });

  it('forum.posted: thread and board subscribers, once, never the poster; a pending post when approved', async () => {
    const { ctx } = env();
    const [admin] = await users(1, 'admin');
    const [starter, replier, threadSub, boardSub] = await users(4);
    const board = await createBoard(ctx, admin!, {
      name: 'Fic talk',
      access: 'public',
      moderated: false,
      community: '',
    });
    await setSubscribed(ctx, boardSub!, { board: board.id }, true);
    const { threadId, post: opening } = await startThread(ctx, starter!, board.id, {
      title: 'Symphony',
      body: 'Thoughts?',
    });
    await runJobs(env());
    await setSubscribed(ctx, threadSub!, { thread: threadId }, true);
    await setSubscribed(ctx, replier!, { thread: threadId }, true);
    await setSubscribed(ctx, boardSub!, { thread: threadId }, true);
    const reply = await replyTo(ctx, replier!, threadId, { body: '<p>Loved the ending.</p>', bump: true });
    await runJobs(env());
    assert.deepEqual(await keys(threadSub!.id), [`post:${reply.id}`]);
    assert.deepEqual(await keys(boardSub!.id), [`post:${reply.id}`, `post:${opening.id}`]);
    assert.deepEqual(await keys(replier!.id), [], 'the poster hears nothing of their own post');
    const [notice] = await inboxOf(ctx, threadSub!.id);
    assert.match(notice!.title, /replied in “Symphony”/);

    const moderated = await createBoard(ctx, admin!, {
      name: 'Queue',
      access: 'public',
      moderated: true,
      community: '',
    });
    await setSubscribed(ctx, boardSub!, { board: moderated.id }, true);
    const waiting = await startThread(ctx, starter!, moderated.id, { title: 'Waits', body: 'Hello?' });
    await runJobs(env());
    assert.ok(!(await keys(boardSub!.id)).includes(`post:${waiting.post.id}`), 'pending: nobody hears');
    await approvePost(ctx, admin!, waiting.post.id);
    await runJobs(env());
    assert.ok((await keys(boardSub!.id)).includes(`post:${waiting.post.id}`), 'approved: subscribers hear');
  });

  it('forum.posted: a members-only community board reaches its members only', async () => {
    const { ctx } = env();
    const [maintainer, member, outsider] = await users(3);
    const community = `club${Date.now() % 100000}`;
    const journal = await createCommunity(ctx, maintainer!, { name: community, title: 'A club' });
    await joinCommunity(ctx, member!, journal);
    const board = await createBoard(ctx, maintainer!, {
      name: 'Members',
      access: 'members',
      moderated: false,
      community,
    });
    await setSubscribed(ctx, member!, { board: board.id }, true);
    // A stale subscription (made before the board closed, say): the source checks again.
    await ctx.db
      .insertInto('forum_subscriptions')
      .values({ user_id: outsider!.id, board_id: board.id, thread_id: null, created_at: nowIso() })
      .execute();
    const { post } = await startThread(ctx, maintainer!, board.id, { title: 'Secret plans', body: 'Shh.' });
    await runJobs(env());
    assert.deepEqual(await keys(member!.id), [`post:${post.id}`]);
    assert.deepEqual(await keys(outsider!.id), []);
  });

  it('entry.posted: the journal’s subscribers who may read it; a locked entry only to those with access', async () => {
    const { ctx } = env();
    const [owner, friend, stranger] = await users(3);
    await grantAccess(ctx, owner!, { username: friend!.username });
    const journal = (await findJournalByName(ctx.db, owner!.username))!;
    await subscribe(ctx, friend!, journal.id, true);
    await subscribe(ctx, stranger!, journal.id, true);
    const entry = (subject: string, security: string) =>
      postEntry(ctx, owner!, journal, { subject, body: `Words of ${subject}.`, format: 'text', security });
    const open = await entry('Open', 'public');
    const locked = await entry('Locked', 'access');
    const secret = await entry('Mine', 'private');
    await runJobs(env());
    assert.deepEqual(await keys(friend!.id), [`entry:${locked}`, `entry:${open}`]);
    assert.deepEqual(await keys(stranger!.id), [`entry:${open}`]);
    assert.deepEqual(await keys(owner!.id), []);
    assert.ok(!(await keys(friend!.id)).includes(`entry:${secret}`));
    const [notice] = await inboxOf(ctx, stranger!.id);
    assert.equal(notice!.url, `/journals/${owner!.username}/entries/${open}`);
  });

  it('blocks and mutes of the actor: the recipient hears nothing from them', async () => {
    const { ctx } = env();
    const [writer, blocker, muter, reader] = await users(4);
    const { workId } = await makeWork(ctx, writer!);
    for (const who of [blocker, muter, reader]) await subscribeTo(ctx, who!, 'work', workId);
    await addRelation(ctx.db, 'block', blocker!.id, writer!.id, nowIso());
    await addRelation(ctx.db, 'mute', muter!.id, writer!.id, nowIso());
    const chapterId = await makeChapter(ctx, writer!, workId);
    await runJobs(env());
    assert.deepEqual(await keys(reader!.id), [`chapter:${chapterId}`]);
    assert.deepEqual(await keys(blocker!.id), []);
    assert.deepEqual(await keys(muter!.id), []);
  });

  it('idempotent: the job run twice leaves one notice and one e-mail per recipient', async () => {
    const { ctx } = env();
    const [writer, reader] = await users(2);
    const { workId } = await makeWork(ctx, writer!);
    await subscribeTo(ctx, reader!, 'work', workId);
    const chapterId = await makeChapter(ctx, writer!, workId);
    const event = { kind: 'chapter.posted' as const, workId, chapterId };
    await deliverEvent(ctx, event);
    await ctx.db
      .updateTable('notifications')
      .set({ read_at: nowIso() })
      .where('user_id', '=', reader!.id)
      .execute();
    await deliverEvent(ctx, event);
    await runJobs(env()); // and the job notify() enqueued: a third delivery of the same event
    const inbox = await inboxOf(ctx, reader!.id);
    assert.equal(inbox.length, 1);
    assert.notEqual(inbox[0]!.read_at, null, 'a repeated delivery does not make a read notice unread');
    assert.deepEqual(
      await mailsTo(ctx, reader!.email),
      [inbox[0]!.title],
      'one e-mail (chapters default to immediate)',
    );
  });

  it('comments and kudos reach the work’s creator through the job, as every other kind does', async () => {
    const { ctx } = env();
    const [writer, reader] = await users(2);
    const { workId } = await makeWork(ctx, writer!);
    const { id } = await postComment(ctx, reader!, { kind: 'work', id: workId }, { body: 'Lovely.' });
    await leaveKudos(ctx, reader!, workId, { ip: '127.0.0.1', userAgent: 'test' });
    await runJobs(env());
    const inbox = await inboxOf(ctx, writer!.id);
    assert.deepEqual(inbox.map((n) => n.kind).sort(), ['comment.posted', 'kudos.left']);
    assert.ok(inbox.some((n) => n.key === `comment:${id}`));
    assert.deepEqual(await keys(reader!.id), [], 'the commenter hears nothing of their own comment');
  });

  it('a kind without a source fails loudly; the job is retried, never dropped silently', async () => {
    const { ctx } = env();
    const unknown = { kind: 'poll.closed', pollId: 1 } as unknown as NotificationEvent;
    await assert.rejects(deliverEvent(ctx, unknown), /no notice source.*poll\.closed/);
  });
});
