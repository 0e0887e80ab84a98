import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { postComment } from '../comments/comments.service.ts';
import { leaveKudos } from '../kudos/kudos.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from './works.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

eachDialect('work counters under concurrent writes', (env) => {
  it('concurrent kudos and comments on one work: the counters match the rows', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, asViewer(writer), seedWorkInput({ series: null }));
    const readers = await Promise.all(Array.from({ length: 12 }, () => makeUser(ctx)));
    // On PostgreSQL these run on the pool's connections at once (READ COMMITTED).
    await Promise.all(
      readers.flatMap((r) => [
        leaveKudos(ctx, asViewer(r), workId, { ip: '127.0.0.1', userAgent: 'test' }),
        postComment(ctx, asViewer(r), { kind: 'work', id: workId }, { body: 'Lovely.' }),
      ]),
    );
    const work = await ctx.db
      .selectFrom('works')
      .selectAll()
      .where('id', '=', workId)
      .executeTakeFirstOrThrow();
    assert.equal(work.kudos_count, readers.length);
    assert.equal(work.comment_count, readers.length);
  });
});
