import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { deleteChapter } from '../works/works.service.ts';
import { workTarget } from './comment-targets.ts';
import { comment, makeWork } from './comments.fixtures.ts';
import { commentSection } from './comments.read.ts';
import * as repo from './comments.repository.ts';

eachDialect('comments when accounts and chapters go', (env) => {
  const ctx = () => env().ctx;

  for (const works of ['orphan', 'delete'] as const) {
    it(`a deleted account’s comments stay, as by a deleted account (${works} mode); its own works’ comments go`, async () => {
      const author = await makeUser(ctx());
      const leaver = await makeUser(ctx());
      const { workId } = await makeWork(ctx(), author);
      const own = await makeWork(ctx(), leaver);
      const top = await comment(ctx(), leaver, { kind: 'work', id: workId }, 'I was here');
      const reply = await comment(ctx(), author, { kind: 'work', id: workId }, 'Thanks', { parentId: top });
      const onOwn = await comment(ctx(), author, { kind: 'work', id: own.workId }, 'On the leaver’s work');
      await deleteAccount(ctx(), leaver.id, { current_password: FACTORY_PASSWORD, works });
      const kept = await repo.findComment(ctx().db, top);
      assert.equal(kept?.user_id, null);
      assert.equal(kept?.guest_name, null);
      const section = await commentSection(ctx(), null, await workTarget(ctx().db, null, workId), {
        page: 1,
        view: 'threaded',
      });
      assert.deepEqual(section.comments[0]!.author, { kind: 'deleted-account' });
      assert.equal(section.comments[0]!.children[0]!.id, reply);
      assert.equal(
        (
          await ctx()
            .db.selectFrom('works')
            .select('comment_count')
            .where('id', '=', workId)
            .executeTakeFirstOrThrow()
        ).comment_count,
        2,
      );
      const onOwnRow = await repo.findComment(ctx().db, onOwn);
      if (works === 'delete') assert.equal(onOwnRow, undefined, 'gone with the work');
      else assert.ok(onOwnRow, 'an orphaned work keeps its comments');
    });
  }

  it('a deleted chapter’s comments move to the entire work', async () => {
    const author = await makeUser(ctx());
    const { workId, chapterIds } = await makeWork(ctx(), author, {}, 2);
    const id = await comment(ctx(), author, { kind: 'work', id: workId }, 'On chapter two', {
      chapterId: chapterIds[1],
    });
    await deleteChapter(ctx(), author, workId, chapterIds[1]!);
    assert.equal((await repo.findComment(ctx().db, id))?.chapter_id, null);
  });
});
