import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import { grantAccess } from '../journals/access.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeComment } from '../visibility/comment-visibility.ts';
import { entryTarget, workTarget } from './comment-targets.ts';
import { type Cast, comment, makeCast, makeEntry, makeWork } from './comments.fixtures.ts';
import { commentSection } from './comments.read.ts';
import * as repo from './comments.repository.ts';
import {
  approveComment,
  deleteComment,
  deleteThread,
  editComment,
  postComment,
  setFrozen,
  setScreened,
} from './comments.service.ts';

const THREADED = { page: 1, view: 'threaded' as const };

eachDialect('comments: states, permissions, screening, moderation, blocks, mutes, counts', (env) => {
  let cast: Cast;
  const ctx = () => env().ctx;
  const work = (id: number) => ({ kind: 'work' as const, id });
  const entry = (id: number) => ({ kind: 'entry' as const, id });
  const count = async (workId: number) =>
    (
      await ctx()
        .db.selectFrom('works')
        .select('comment_count')
        .where('id', '=', workId)
        .executeTakeFirstOrThrow()
    ).comment_count;
  const rowCount = async () =>
    Number(
      (
        await ctx()
          .db.selectFrom('comments')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sectionIds = async (viewer: Viewer | null, on: { kind: 'work' | 'entry'; id: number }) => {
    const target =
      on.kind === 'work'
        ? await workTarget(ctx().db, viewer, on.id)
        : await entryTarget(ctx().db, viewer, on.id);
    const section = await commentSection(ctx(), viewer, target, { page: 1, view: 'flat' });
    return section.comments.map((c) => c.id);
  };
  const refusedWith = async (attempt: () => Promise<unknown>, pattern: RegExp) => {
    const before = await rowCount();
    await assert.rejects(attempt(), pattern);
    assert.equal(await rowCount(), before, 'nothing saved');
  };

  before(async () => {
    cast = await makeCast(ctx());
  });

  it('threads replies to any depth; the counter follows every change', async () => {
    const { workId, chapterIds } = await makeWork(ctx(), cast.author, {}, 2);
    const top = await comment(ctx(), cast.reader, work(workId), 'Loved chapter two.', {
      chapterId: chapterIds[1],
    });
    let parent = top;
    for (let i = 0; i < 7; i++)
      parent = await comment(ctx(), i % 2 ? cast.reader : cast.author, work(workId), `Reply ${i}`, {
        parentId: parent,
      });
    const row = await repo.findComment(ctx().db, parent);
    assert.equal(row!.depth, 7);
    assert.equal(row!.root_id, top);
    assert.equal(row!.chapter_id, chapterIds[1], 'replies stay on the chapter of their thread');
    assert.equal(await count(workId), 8);
    const target = await workTarget(ctx().db, null, workId);
    const chapterOne = await commentSection(ctx(), null, target, THREADED, chapterIds[0]);
    assert.equal(chapterOne.total, 0, 'a chapter shows its own comments');
    const chapterTwo = await commentSection(ctx(), null, target, THREADED, chapterIds[1]);
    assert.equal(chapterTwo.total, 8);
    assert.equal(chapterTwo.comments.length, 1);
    await assert.rejects(
      postComment(ctx(), cast.reader, work(workId), { body: 'x', chapterId: 999_999 }),
      /not part of this work/,
    );
  });

  it('refuses bad input with nothing saved: empty, oversized, disabled, registered-only, guests without a name', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: '   ' }),
      /Write a comment/,
    );
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: '<p> </p>' }),
      /Write a comment/,
    );
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: 'x'.repeat(10_001) }),
      /at most 10,000/,
    );
    await postComment(ctx(), cast.reader, work(workId), { body: 'x'.repeat(10_000) });
    await refusedWith(() => postComment(ctx(), null, work(workId), { body: 'Hi' }), /Give a name/);

    const closed = await makeWork(ctx(), cast.author, { comments: 'none' });
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(closed.workId), { body: 'Hi' }),
      /turned comments off/,
    );
    const members = await makeWork(ctx(), cast.author, { comments: 'registered' });
    await refusedWith(
      () => postComment(ctx(), null, work(members.workId), { body: 'Hi', name: 'Visitor' }),
      /Only registered users/,
    );
    await postComment(ctx(), cast.reader, work(members.workId), { body: 'Hi' });

    const restricted = await makeWork(ctx(), cast.author, { restricted: true });
    await refusedWith(
      () => postComment(ctx(), null, work(restricted.workId), { body: 'Hi', name: 'V' }),
      /Work not found/,
    );
    const locked = await makeEntry(ctx(), cast.author, { security: 'private' });
    await refusedWith(
      () => postComment(ctx(), cast.reader, entry(locked), { body: 'Hi' }),
      /Entry not found/,
    );
    const disabled = await makeEntry(ctx(), cast.author, { comments: 'disabled' });
    await refusedWith(
      () => postComment(ctx(), cast.reader, entry(disabled), { body: 'Hi' }),
      /disabled on this entry/,
    );
  });

  it('guests comment with a name; on works their comments are screened until a creator unscreens them', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const posted = await postComment(ctx(), null, work(workId), {
      body: 'A guest says hi',
      name: 'Visitor',
      email: 'v@example.org',
    });
    assert.equal(posted.state, 'screened');
    assert.equal(await count(workId), 0, 'screened comments are not counted');
    assert.deepEqual(await sectionIds(null, work(workId)), []);
    assert.deepEqual(await sectionIds(cast.reader, work(workId)), []);
    assert.deepEqual(await sectionIds(cast.author, work(workId)), [posted.id]);
    assert.deepEqual(
      await sectionIds(cast.moderator, work(workId)),
      [posted.id],
      'site moderators see screened comments',
    );
    await assert.rejects(setScreened(ctx(), cast.reader, posted.id, false), /Comment not found/);
    await setScreened(ctx(), cast.author, posted.id, false);
    assert.equal(await count(workId), 1);
    assert.deepEqual(await sectionIds(null, work(workId)), [posted.id]);
    await setScreened(ctx(), cast.author, posted.id, true);
    assert.equal(await count(workId), 0);
  });

  it('entry screening follows the entry: none, guests, nonaccess, all; commenters: registered, access', async () => {
    const owner = cast.author;
    await grantAccess(ctx(), owner, { username: cast.other.username }).catch(() => undefined);
    const states = async (screening: string) => {
      const id = await makeEntry(ctx(), owner, { screening });
      const by = async (viewer: Viewer | null) =>
        (await postComment(ctx(), viewer, entry(id), { body: 'Hello', name: 'Guest' })).state;
      return {
        guest: await by(null),
        stranger: await by(cast.reader),
        access: await by(cast.other),
        owner: await by(owner),
      };
    };
    assert.deepEqual(await states('none'), {
      guest: 'visible',
      stranger: 'visible',
      access: 'visible',
      owner: 'visible',
    });
    assert.deepEqual(await states('guests'), {
      guest: 'screened',
      stranger: 'visible',
      access: 'visible',
      owner: 'visible',
    });
    assert.deepEqual(await states('nonaccess'), {
      guest: 'screened',
      stranger: 'screened',
      access: 'visible',
      owner: 'visible',
    });
    assert.deepEqual(await states('all'), {
      guest: 'screened',
      stranger: 'screened',
      access: 'screened',
      owner: 'visible',
    });

    const registered = await makeEntry(ctx(), owner, { commenters: 'registered' });
    await refusedWith(
      () => postComment(ctx(), null, entry(registered), { body: 'Hi', name: 'G' }),
      /Only registered users/,
    );
    const accessOnly = await makeEntry(ctx(), owner, { commenters: 'access' });
    await refusedWith(
      () => postComment(ctx(), cast.reader, entry(accessOnly), { body: 'Hi' }),
      /Only people with access/,
    );
    assert.equal((await postComment(ctx(), cast.other, entry(accessOnly), { body: 'Hi' })).state, 'visible');
  });

  it('the owner unscreens by replying; replies to a screened comment by others stay screened', async () => {
    const id = await makeEntry(ctx(), cast.author, { screening: 'all' });
    const screened = await comment(ctx(), cast.reader, entry(id), 'Secret thought');
    const ownReply = await postComment(ctx(), cast.reader, entry(id), {
      body: 'And more',
      parentId: screened,
    });
    assert.equal(ownReply.state, 'screened');
    assert.equal(await canSeeComment(ctx().db, cast.other, screened), false);
    assert.equal(await canSeeComment(ctx().db, cast.reader, screened), true, 'the commenter sees their own');
    const answer = await postComment(ctx(), cast.author, entry(id), {
      body: 'Thank you',
      parentId: screened,
    });
    assert.equal(answer.state, 'visible');
    assert.equal((await repo.findComment(ctx().db, screened))!.state, 'visible', 'replying unscreened it');
    assert.equal(await canSeeComment(ctx().db, cast.other, screened), true);
  });

  it('moderated works hold comments in a queue until a creator approves them', async () => {
    const { workId } = await makeWork(ctx(), cast.author, { moderatedComments: true });
    const held = await postComment(ctx(), cast.reader, work(workId), { body: 'Please approve' });
    assert.equal(held.state, 'pending');
    const own = await postComment(ctx(), cast.author, work(workId), { body: 'Author note' });
    assert.equal(own.state, 'visible', 'the creators’ own comments are not held');
    assert.deepEqual(
      (await repo.pendingOfWork(ctx().db, workId)).map((c) => c.id),
      [held.id],
    );
    assert.deepEqual(await sectionIds(cast.other, work(workId)), [own.id]);
    assert.equal(await count(workId), 1);
    const target = await workTarget(ctx().db, cast.author, workId);
    assert.equal((await commentSection(ctx(), cast.author, target, THREADED)).pending, 1);
    await assert.rejects(approveComment(ctx(), cast.other, held.id), /Comment not found/);
    await assert.rejects(approveComment(ctx(), cast.reader, held.id), /Only the work’s creators/);
    await approveComment(ctx(), cast.author, held.id);
    assert.equal(await count(workId), 2);
    assert.deepEqual(await sectionIds(cast.other, work(workId)), [held.id, own.id]);
  });

  it('frozen threads take no reply anywhere in them; unfreezing reopens them', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const top = await comment(ctx(), cast.reader, work(workId), 'Top');
    const mid = await comment(ctx(), cast.other, work(workId), 'Mid', { parentId: top });
    const sibling = await comment(ctx(), cast.reader, work(workId), 'Elsewhere');
    await assert.rejects(setFrozen(ctx(), cast.reader, top, true), /Only the owner/);
    await setFrozen(ctx(), cast.author, top, true);
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: 'x', parentId: top }),
      /frozen/,
    );
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: 'x', parentId: mid }),
      /frozen/,
    );
    await comment(ctx(), cast.reader, work(workId), 'still open', { parentId: sibling });
    await setFrozen(ctx(), cast.author, top, false);
    await comment(ctx(), cast.reader, work(workId), 'open again', { parentId: mid });
  });

  it('deleting leaves a stub where there are replies; delete thread removes the subtree; edits are marked', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const top = await comment(ctx(), cast.reader, work(workId), 'Top');
    const reply = await comment(ctx(), cast.other, work(workId), 'Reply', { parentId: top });
    const leaf = await comment(ctx(), cast.reader, work(workId), 'Leaf', { parentId: reply });
    assert.equal(await count(workId), 3);
    await assert.rejects(deleteComment(ctx(), cast.other, top), /Only the commenter/);
    await deleteComment(ctx(), cast.reader, top);
    const stub = await repo.findComment(ctx().db, top);
    assert.ok(stub?.deleted_at, 'kept as a stub');
    assert.equal(stub.body, '');
    assert.equal(await count(workId), 2);
    await refusedWith(
      () => postComment(ctx(), cast.other, work(workId), { body: 'x', parentId: top }),
      /deleted/,
    );
    const target = await workTarget(ctx().db, null, workId);
    const [shown] = (await commentSection(ctx(), null, target, THREADED)).comments;
    assert.equal(shown!.deleted, true);
    assert.equal(shown!.children[0]!.id, reply);

    await editComment(ctx(), cast.other, reply, { body: 'Reply, reworded' });
    const edited = await repo.findComment(ctx().db, reply);
    assert.ok(edited!.edited_at);
    assert.match(edited!.body, /reworded/);
    await assert.rejects(
      editComment(ctx(), cast.reader, reply, { body: 'hijack' }),
      /Only the person who wrote/,
    );

    // Deleting the last replies takes the stub above them away too.
    await deleteComment(ctx(), cast.author, leaf);
    await deleteComment(ctx(), cast.other, reply);
    assert.equal(await repo.findComment(ctx().db, top), undefined);

    const t2 = await comment(ctx(), cast.reader, work(workId), 'Thread two');
    for (let i = 0; i < 3; i++) await comment(ctx(), cast.other, work(workId), `r${i}`, { parentId: t2 });
    await assert.rejects(deleteThread(ctx(), cast.reader, t2), /Only the owner/);
    await deleteThread(ctx(), cast.author, t2);
    assert.equal(await count(workId), 0);
    assert.equal(
      (await ctx().db.selectFrom('comments').select('id').where('work_id', '=', workId).execute()).length,
      0,
    );
  });

  it('blocks: a creator’s block and a parent author’s block refuse, nothing saved', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const byOther = await comment(ctx(), cast.other, work(workId), 'Hello');
    const blocked = await makeWork(ctx(), cast.author);
    await addRelation(ctx().db, 'block', cast.author.id, cast.moderator.id, new Date().toISOString());
    await refusedWith(
      () => postComment(ctx(), cast.moderator, work(blocked.workId), { body: 'x' }),
      /blocked you/,
    );
    const entryId = await makeEntry(ctx(), cast.author);
    await refusedWith(() => postComment(ctx(), cast.moderator, entry(entryId), { body: 'x' }), /blocked you/);
    await addRelation(ctx().db, 'block', cast.other.id, cast.reader.id, new Date().toISOString());
    await refusedWith(
      () => postComment(ctx(), cast.reader, work(workId), { body: 'x', parentId: byOther }),
      /its author has blocked you/,
    );
    await comment(ctx(), cast.reader, work(workId), 'top-level is still fine');
  });

  it('mutes: a muted commenter’s comments (and their replies) disappear from the muter’s view and counts', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const noisy = await makeCast(ctx());
    const a = await comment(ctx(), noisy.reader, work(workId), 'From the muted one');
    const b = await comment(ctx(), cast.reader, work(workId), 'Answer to the muted one', { parentId: a });
    const c = await comment(ctx(), cast.reader, work(workId), 'Unrelated');
    await addRelation(ctx().db, 'mute', noisy.author.id, noisy.reader.id, new Date().toISOString());
    assert.deepEqual(await sectionIds(noisy.author, work(workId)), [c]);
    assert.deepEqual(await sectionIds(cast.other, work(workId)), [a, b, c]);
    const target = await workTarget(ctx().db, noisy.author, workId);
    assert.equal((await commentSection(ctx(), noisy.author, target, THREADED)).total, 2);
    assert.equal(await canSeeComment(ctx().db, noisy.author, a), false);
  });

  it('pages hold 25 threads, oldest first; the flat view pages every comment', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const ids: number[] = [];
    for (let i = 0; i < 27; i++) ids.push(await comment(ctx(), cast.reader, work(workId), `Thread ${i}`));
    const replyId = await comment(ctx(), cast.other, work(workId), 'A reply on page one', {
      parentId: ids[0],
    });
    const target = await workTarget(ctx().db, null, workId);
    const one = await commentSection(ctx(), null, target, THREADED);
    assert.equal(one.pages, 2);
    assert.deepEqual(
      one.comments.map((c) => c.id),
      ids.slice(0, 25),
    );
    assert.equal(one.comments[0]!.children[0]!.id, replyId);
    const two = await commentSection(ctx(), null, target, { page: 2, view: 'threaded' });
    assert.deepEqual(
      two.comments.map((c) => c.id),
      ids.slice(25),
    );
    const flat2 = await commentSection(ctx(), null, target, { page: 2, view: 'flat' });
    assert.deepEqual(
      flat2.comments.map((c) => c.id),
      [...ids.slice(25), replyId].sort((x, y) => x - y).slice(-3),
    );
    const thread = await commentSection(ctx(), null, target, { page: 1, view: 'threaded', thread: replyId });
    assert.equal(thread.mode, 'thread');
    assert.deepEqual(
      thread.comments.map((c) => c.id),
      [replyId],
    );
  });

  it('comments on hidden things stay hidden: a draft, a registered-only work, a locked entry', async () => {
    const { workId } = await makeWork(ctx(), cast.author, { restricted: true });
    const id = await comment(ctx(), cast.reader, work(workId), 'Members only');
    assert.equal(await canSeeComment(ctx().db, null, id), false);
    assert.equal(await canSeeComment(ctx().db, cast.other, id), true);
    const entryId = await makeEntry(ctx(), cast.author, { security: 'access' });
    await grantAccess(ctx(), cast.author, { username: cast.other.username }).catch(() => undefined);
    const onEntry = await comment(ctx(), cast.other, entry(entryId), 'Friends only');
    assert.equal(await canSeeComment(ctx().db, cast.reader, onEntry), false);
    assert.equal(await canSeeComment(ctx().db, cast.author, onEntry), true);
  });
});
