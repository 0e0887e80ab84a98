import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { addRelation } from '../blocking/blocks.repository.ts';
import { deliverEvent } from './notify.job.ts';
import { makeChapter, makeWork, subscribeMany } from './notifications.fixtures.ts';
import { savePreferences } from './preferences.ts';

// A popular work's new chapter reaches thousands of subscribers: the notify job looks up their
// shuns, preferences and addresses in batches of 1,000 (db/id-batches.ts),
// so these 2,500 cross two batch boundaries.
eachDialect('a new chapter to 2,500 subscribers', (env) => {
  it('notifies each once, by their own preference, never one who blocked or muted the writer', async () => {
    const { ctx } = env();
    const writer = await makeUser(ctx);
    const { workId } = await makeWork(ctx, writer);
    const fans = await subscribeMany(ctx, workId, 2500);
    const [blocker, muter, inboxOnly, digest] = [fans[10]!, fans[1500]!, fans[2400]!, fans[2499]!];
    const now = new Date().toISOString();
    await addRelation(ctx.db, 'block', blocker, writer.id, now);
    await addRelation(ctx.db, 'mute', muter, writer.id, now);
    await savePreferences(ctx.db, inboxOnly, { 'chapter.posted': 'inbox' });
    await savePreferences(ctx.db, digest, { 'chapter.posted': 'digest' });
    const chapterId = await makeChapter(ctx, writer, workId, 'Dawn');
    const mailJobsBefore = await emailJobs();

    const delivered = await deliverEvent(ctx, { kind: 'chapter.posted', workId, chapterId });
    assert.equal(delivered.length, 2498);
    const notices = await ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'mail'])
      .where('key', '=', `chapter:${chapterId}`)
      .execute();
    const mailOf = new Map(notices.map((n) => [n.user_id, n.mail]));
    assert.equal(notices.length, 2498, 'one notice each');
    assert.equal(mailOf.has(blocker) || mailOf.has(muter), false, 'not to who blocked or muted the writer');
    assert.equal(mailOf.get(inboxOnly), 'none');
    assert.equal(mailOf.get(digest), 'digest');
    assert.equal(mailOf.get(fans[0]!), 'sent');
    assert.equal(mailOf.get(fans[2498]!), 'sent');

    const mails = (await emailJobs()).slice(mailJobsBefore.length);
    assert.equal(mails.length, 2496, 'an e-mail each, but for the inbox-only and the digest reader');
    const to = new Set(mails.map((m) => (JSON.parse(m.payload) as { to: string }).to));
    assert.equal(to.size, 2496);
    assert.ok(to.has('fan0@example.org') && to.has('fan2498@example.org'));
    assert.ok(!to.has('fan2400@example.org') && !to.has('fan1500@example.org'));

    assert.equal(
      (await deliverEvent(ctx, { kind: 'chapter.posted', workId, chapterId })).length,
      0,
      'run again, nothing new',
    );
    assert.equal((await emailJobs()).length, mailJobsBefore.length + 2496);
  });

  function emailJobs() {
    return env()
      .ctx.db.selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'email.send')
      .orderBy('id')
      .execute();
  }
});
