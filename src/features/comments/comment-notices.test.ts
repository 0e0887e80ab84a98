import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { grantAccess } from '../journals/access.service.ts';
import { NOTIFY } from '../notifications/notify.ts';
import { commentNotices } from './comment-notices.ts';
import { type Cast, comment, makeCast, makeEntry, makeWork } from './comments.fixtures.ts';
import { approveComment, deleteComment, postComment, setScreened } from './comments.service.ts';

eachDialect('comment notices: who hears of a comment, and never of what they may not see', (env) => {
  let cast: Cast;
  const ctx = () => env().ctx;
  const work = (id: number) => ({ kind: 'work' as const, id });
  const entry = (id: number) => ({ kind: 'entry' as const, id });
  const noticesOf = async (commentId: number) =>
    (await commentNotices(ctx().db, { kind: 'comment.posted', commentId }))
      .map((n) => ({ userId: n.userId, title: n.title }))
      .sort((a, b) => a.userId - b.userId);
  const enqueued = async (commentId: number) =>
    (
      await ctx().db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', NOTIFY).execute()
    ).filter(
      (j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload).commentId === commentId,
    ).length;

  before(async () => {
    cast = await makeCast(ctx());
  });

  it('a comment reaches the creators; a reply reaches the parent’s author too; never the commenter', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const top = await comment(ctx(), cast.reader, work(workId), 'So good');
    assert.equal(await enqueued(top), 1, 'notify() was called in the posting transaction');
    const notices = await commentNotices(ctx().db, { kind: 'comment.posted', commentId: top });
    assert.deepEqual(
      notices.map((n) => [n.userId, n.key, n.actorId, n.url, n.excerpt]),
      [[cast.author.id, `comment:${top}`, cast.reader.id, `/comments/${top}`, 'So good']],
    );
    assert.match(notices[0]!.title, new RegExp(`^${cast.reader.username} commented on Symphony, Part V$`));

    const reply = await comment(ctx(), cast.other, work(workId), 'Agreed', { parentId: top });
    assert.deepEqual(await noticesOf(reply), [
      { userId: cast.author.id, title: `${cast.other.username} replied to a comment on Symphony, Part V` },
      { userId: cast.reader.id, title: `${cast.other.username} replied to your comment on Symphony, Part V` },
    ]);
    const authorsReply = await comment(ctx(), cast.author, work(workId), 'Thanks!', { parentId: top });
    assert.deepEqual(
      (await noticesOf(authorsReply)).map((n) => n.userId),
      [cast.reader.id],
      'the creator does not hear of their own reply',
    );
    await deleteComment(ctx(), cast.author, authorsReply);
    assert.deepEqual(await noticesOf(authorsReply), [], 'a deleted comment notifies nobody');
  });

  it('a screened comment reaches only those who may see it; unscreening tells the rest', async () => {
    const entryId = await makeEntry(ctx(), cast.author, { screening: 'all' });
    const top = await comment(ctx(), cast.other, entry(entryId), 'Visible one');
    await setScreened(ctx(), cast.author, top, false);
    const screenedReply = await comment(ctx(), cast.reader, entry(entryId), 'A screened reply', {
      parentId: top,
    });
    assert.deepEqual(
      (await noticesOf(screenedReply)).map((n) => n.userId),
      [cast.author.id],
      'the parent’s author may not see a screened reply: no notice',
    );
    assert.match((await noticesOf(screenedReply))[0]!.title, /screened/);
    const before = await enqueued(screenedReply);
    await setScreened(ctx(), cast.author, screenedReply, false);
    assert.equal(await enqueued(screenedReply), before + 1, 'unscreening notifies again');
    assert.deepEqual(
      (await noticesOf(screenedReply)).map((n) => n.userId).sort((a, b) => a - b),
      [cast.author.id, cast.other.id].sort((a, b) => a - b),
    );
  });

  it('a held comment reaches the creators as awaiting approval, the parent’s author once approved', async () => {
    const { workId } = await makeWork(ctx(), cast.author, { moderatedComments: true });
    const top = await comment(ctx(), cast.author, work(workId), 'Author speaks');
    const held = await postComment(ctx(), cast.reader, work(workId), { body: 'Reply', parentId: top });
    assert.equal(held.state, 'pending');
    const toAuthor = await noticesOf(held.id);
    assert.deepEqual(
      toAuthor.map((n) => n.userId),
      [cast.author.id],
    );
    assert.match(toAuthor[0]!.title, /replied to your comment .*awaiting your approval/);
    assert.deepEqual(
      (await commentNotices(ctx().db, { kind: 'comment.posted', commentId: held.id })).filter(
        (n) => n.userId === cast.other.id,
      ),
      [],
    );
    const other = await postComment(ctx(), cast.other, work(workId), { body: 'Top-level, held' });
    const titles = await noticesOf(other.id);
    assert.deepEqual(
      titles.map((n) => n.userId),
      [cast.author.id],
    );
    assert.match(titles[0]!.title, /awaiting your approval/);
    await approveComment(ctx(), cast.author, other.id);
    assert.doesNotMatch((await noticesOf(other.id))[0]!.title, /awaiting/);
  });

  it('nobody hears of a comment on a locked entry they cannot read, even as the parent’s author', async () => {
    const entryId = await makeEntry(ctx(), cast.author, { security: 'access' });
    await grantAccess(ctx(), cast.author, { username: cast.other.username });
    const top = await comment(ctx(), cast.other, entry(entryId), 'Friends only');
    const reply = await comment(ctx(), cast.author, entry(entryId), 'Indeed', { parentId: top });
    assert.deepEqual(
      (await noticesOf(reply)).map((n) => n.userId),
      [cast.other.id],
    );
    // Access taken back: the parent's author may no longer read the entry, so hears nothing.
    await ctx()
      .db.deleteFrom('journal_access')
      .where('owner_id', '=', cast.author.id)
      .where('member_id', '=', cast.other.id)
      .execute();
    assert.deepEqual(await noticesOf(reply), []);
  });

  it('a guest’s comment names the guest and reaches the creators as screened', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const guest = await postComment(ctx(), null, work(workId), { body: 'Hi from outside', name: 'Wanderer' });
    const notices = await noticesOf(guest.id);
    assert.deepEqual(
      notices.map((n) => n.userId),
      [cast.author.id],
    );
    assert.match(notices[0]!.title, /^Wanderer \(guest\) commented on .*screened/);
  });
});
