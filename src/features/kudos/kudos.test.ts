import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { nowIso } from '../../lib/clock.ts';
import type { QuireError } from '../../lib/errors.ts';
import { deleteAccount } from '../accounts/accounts.service.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { postWork } from '../works/works.service.ts';
import { kudosNotices } from './kudos-notices.ts';
import { kudosSummary, leaveKudos } from './kudos.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});
const browser = (ip: string) => ({ ip, userAgent: 'Firefox' });
const refused = (code: string, status: number) => (error: QuireError) => {
  assert.equal(error.code, code, error.message);
  assert.equal(error.status, status);
  return true;
};

eachDialect('kudos', (env) => {
  const db = () => env().ctx.db;
  const kudosCount = async (workId: number) =>
    (await db().selectFrom('works').select('kudos_count').where('id', '=', workId).executeTakeFirstOrThrow())
      .kudos_count;
  const rows = async (workId: number) =>
    Number(
      (
        await db()
          .selectFrom('kudos')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const kudosJobs = async (workId: number) =>
    (await db().selectFrom('jobs').select('payload').where('kind', '=', 'notifications.notify').execute())
      .map((j) => JSON.parse(j.payload) as { kind: string; workId: number; userId: number | null })
      .filter((p) => p.kind === 'kudos.left' && p.workId === workId);
  const setup = async (overrides: Record<string, unknown> = {}) => {
    const writer = asViewer(await makeUser(env().ctx));
    const reader = asViewer(await makeUser(env().ctx));
    const { workId } = await postWork(env().ctx, writer, seedWorkInput(overrides));
    return { writer, reader, workId };
  };

  it('takes one kudos per account: the second is refused with a clear message and nothing saved', async () => {
    const { reader, workId } = await setup();
    assert.deepEqual(await leaveKudos(env().ctx, reader, workId, browser('10.0.0.1')), { count: 1 });
    assert.equal(await kudosCount(workId), 1);
    await assert.rejects(leaveKudos(env().ctx, reader, workId, browser('10.0.0.1')), (e: QuireError) => {
      assert.equal(e.message, 'You have already left kudos here.');
      return refused('already_left', 409)(e);
    });
    const later = new Date(Date.now() + 3 * 86_400_000);
    await assert.rejects(
      leaveKudos(env().ctx, reader, workId, browser('10.0.0.9'), later),
      refused('already_left', 409),
    );
    assert.equal(await rows(workId), 1);
    assert.equal(await kudosCount(workId), 1);
    const jobs = await kudosJobs(workId);
    assert.deepEqual(
      jobs,
      [{ kind: 'kudos.left', workId, userId: reader.id }],
      'one notification, for the kept kudos',
    );
  });

  it('takes one kudos per guest per day, told apart by a hash of address and browser', async () => {
    const { workId } = await setup();
    const day1 = new Date('2026-11-20T10:00:00Z');
    const day2 = new Date('2026-11-21T09:00:00Z');
    await leaveKudos(env().ctx, null, workId, browser('10.0.0.1'), day1);
    await assert.rejects(
      leaveKudos(env().ctx, null, workId, browser('10.0.0.1'), day1),
      refused('already_left', 409),
    );
    await leaveKudos(env().ctx, null, workId, browser('10.0.0.2'), day1);
    await leaveKudos(env().ctx, null, workId, browser('10.0.0.1'), day2);
    assert.equal(await kudosCount(workId), 3);
    const keys = await db().selectFrom('kudos').select('guest_key').where('work_id', '=', workId).execute();
    for (const { guest_key } of keys)
      assert.ok(guest_key && !guest_key.includes('10.0.0'), 'never the address itself');
    const summary = await kudosSummary(env().ctx, null, workId);
    assert.equal(summary.guests, 3);
    assert.deepEqual(summary.users, []);
  });

  it('refuses kudos on one’s own work, on drafts, and from someone a creator blocked', async () => {
    const { writer, reader, workId } = await setup();
    await assert.rejects(leaveKudos(env().ctx, writer, workId, browser('1.1.1.1')), refused('own_work', 403));
    await addRelation(db(), 'block', writer.id, reader.id, nowIso());
    await assert.rejects(leaveKudos(env().ctx, reader, workId, browser('1.1.1.1')), refused('blocked', 403));
    assert.equal(
      (await kudosSummary(env().ctx, reader, workId)).canLeave,
      false,
      'no button for the blocked',
    );
    const draft = await postWork(env().ctx, writer, seedWorkInput({ draft: true }));
    await assert.rejects(
      leaveKudos(env().ctx, writer, draft.workId, browser('1.1.1.1')),
      refused('own_work', 403),
    );
    await assert.rejects(
      leaveKudos(env().ctx, reader, draft.workId, browser('1.1.1.1')),
      refused('not_found', 404),
    );
    assert.equal(await rows(workId), 0);
    assert.equal(await kudosCount(workId), 0);
    assert.deepEqual(await kudosJobs(workId), []);
  });

  it('keeps guests off registered-only works and everyone off works they cannot see', async () => {
    const { reader, workId } = await setup({ restricted: true });
    await assert.rejects(leaveKudos(env().ctx, null, workId, browser('1.1.1.1')), refused('not_found', 404));
    await leaveKudos(env().ctx, reader, workId, browser('1.1.1.1'));
    const hidden = await setup();
    await db().updateTable('works').set({ hidden_at: nowIso() }).where('id', '=', hidden.workId).execute();
    await assert.rejects(
      leaveKudos(env().ctx, hidden.reader, hidden.workId, browser('1.1.1.1')),
      refused('not_found', 404),
    );
    const staff = asViewer(await makeUser(env().ctx, { role: 'moderator' }));
    await assert.rejects(
      leaveKudos(env().ctx, staff, hidden.workId, browser('1.1.1.1')),
      refused('not_posted', 409),
    );
    assert.equal(await kudosCount(workId), 1);
    assert.equal(await kudosCount(hidden.workId), 0);
  });

  it('shows who left kudos, without accounts the viewer has muted', async () => {
    const { writer, workId } = await setup();
    const [clark, lois] = [asViewer(await makeUser(env().ctx)), asViewer(await makeUser(env().ctx))];
    await leaveKudos(env().ctx, clark, workId, browser('1.1.1.1'));
    await leaveKudos(env().ctx, lois, workId, browser('1.1.1.2'));
    await leaveKudos(env().ctx, null, workId, browser('1.1.1.3'));
    const seen = await kudosSummary(env().ctx, writer, workId);
    assert.deepEqual(
      seen.users.map((u) => u.username),
      [clark.username, lois.username],
    );
    assert.equal(seen.guests, 1);
    assert.equal(seen.canLeave, false, 'not on one’s own work');
    await addRelation(db(), 'mute', writer.id, clark.id, nowIso());
    assert.deepEqual(
      (await kudosSummary(env().ctx, writer, workId)).users.map((u) => u.username),
      [lois.username],
    );
    assert.equal((await kudosSummary(env().ctx, clark, workId)).left, true);
  });

  it('summarises a day’s kudos for each creator who may see the work, in one notice a day', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { workId } = await postWork(env().ctx, writer, seedWorkInput({ title: 'Symphony' }));
    const [clark, lex] = [asViewer(await makeUser(env().ctx)), asViewer(await makeUser(env().ctx))];
    const today = new Date();
    const day = today.toISOString().slice(0, 10);
    await leaveKudos(env().ctx, null, workId, browser('1.1.1.4'), new Date(today.getTime() - 2 * 86_400_000));
    await leaveKudos(env().ctx, clark, workId, browser('1.1.1.1'), today);
    let notices = await kudosNotices(db(), { kind: 'kudos.left', workId, userId: clark.id });
    assert.deepEqual(notices, [
      {
        userId: writer.id,
        kind: 'kudos.left',
        key: `kudos:${workId}:${day}`,
        actorId: clark.id,
        title: `${clark.username} left kudos on Symphony`,
        excerpt: '',
        url: `/works/${workId}#kudos`,
      },
    ]);
    await leaveKudos(env().ctx, null, workId, browser('1.1.1.2'), today);
    await leaveKudos(env().ctx, null, workId, browser('1.1.1.3'), today);
    notices = await kudosNotices(db(), { kind: 'kudos.left', workId, userId: null });
    assert.equal(notices.length, 1);
    assert.equal(
      notices[0]!.title,
      `${clark.username} and 2 guests left kudos on Symphony`,
      'today’s kudos only',
    );
    assert.equal(notices[0]!.key, `kudos:${workId}:${day}`, 'the same key: the inbox replaces the notice');
    await addRelation(db(), 'mute', writer.id, lex.id, nowIso());
    await leaveKudos(env().ctx, lex, workId, browser('1.1.1.5'), today);
    notices = await kudosNotices(db(), { kind: 'kudos.left', workId, userId: lex.id });
    assert.equal(
      notices[0]!.title,
      `${clark.username} and 2 guests left kudos on Symphony`,
      'a muted name is left out',
    );
  });

  it('tells no creator who may not see the work, and nobody when the kudos is gone', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const disabled = await makeUser(env().ctx);
    const { workId } = await postWork(env().ctx, writer, seedWorkInput());
    const reader = asViewer(await makeUser(env().ctx));
    await leaveKudos(env().ctx, reader, workId, browser('1.1.1.1'));
    // An invited co-creator who has not accepted, and a disabled account, hear nothing.
    const pseud = await db()
      .selectFrom('pseuds')
      .select('id')
      .where('user_id', '=', disabled.id)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('work_creators')
      .values({
        work_id: workId,
        pseud_id: pseud.id,
        user_id: disabled.id,
        position: 2,
        accepted: 0,
        created_at: nowIso(),
      })
      .execute();
    let notices = await kudosNotices(db(), { kind: 'kudos.left', workId, userId: reader.id });
    assert.deepEqual(
      notices.map((n) => n.userId),
      [writer.id],
    );
    await db().updateTable('work_creators').set({ accepted: 1 }).where('user_id', '=', disabled.id).execute();
    await db().updateTable('users').set({ disabled_at: nowIso() }).where('id', '=', disabled.id).execute();
    notices = await kudosNotices(db(), { kind: 'kudos.left', workId, userId: reader.id });
    assert.deepEqual(
      notices.map((n) => n.userId),
      [writer.id],
    );
    await db().deleteFrom('kudos').where('work_id', '=', workId).execute();
    assert.deepEqual(await kudosNotices(db(), { kind: 'kudos.left', workId, userId: reader.id }), []);
  });

  it('takes a deleted account’s kudos with it and recounts the works', async () => {
    const { workId } = await setup();
    const leaving = await makeUser(env().ctx);
    const stays = asViewer(await makeUser(env().ctx));
    await leaveKudos(env().ctx, asViewer(leaving), workId, browser('1.1.1.1'));
    await leaveKudos(env().ctx, stays, workId, browser('1.1.1.2'));
    assert.equal(await kudosCount(workId), 2);
    await deleteAccount(env().ctx, leaving.id, { current_password: leaving.password, works: 'orphan' });
    assert.equal(await kudosCount(workId), 1);
    assert.deepEqual(
      (await kudosSummary(env().ctx, null, workId)).users.map((u) => u.username),
      [stays.username],
    );
  });
});
