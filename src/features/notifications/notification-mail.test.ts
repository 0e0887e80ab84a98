import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { DIGEST, nextDigestAt, sendDigests } from './digest.job.ts';
import { deleteNotices } from './inbox.repository.ts';
import { inboxOf, makeChapter, makeWork, runJobs, subscribeTo } from './notifications.fixtures.ts';
import { savePreferences } from './preferences.ts';

const sink = await startSmtpSink();
after(() => sink.close());
const mailsTo = sink.mailsTo;

eachDialect(
  'notification e-mail through a real SMTP server',
  (env) => {
    it('immediate: one e-mail at once, with the notice and its link; inbox only: none', async () => {
      const { ctx } = env();
      const [writer, eager, quiet] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
      await savePreferences(ctx.db, quiet.id, { 'chapter.posted': 'inbox' });
      const { workId } = await makeWork(ctx, writer);
      await subscribeTo(ctx, eager, 'work', workId);
      await subscribeTo(ctx, quiet, 'work', workId);
      const chapterId = await makeChapter(ctx, writer, workId, 'Coda');
      await runJobs(env());
      const mails = mailsTo(eager.email);
      assert.equal(mails.length, 1);
      assert.match(mails[0]!, /^Subject: .+ posted Chapter 2: Coda of “Symphony, Part V”\n/);
      assert.ok(mails[0]!.includes(`${ctx.config.baseUrl}/works/${workId}/chapters/${chapterId}`));
      assert.ok(mails[0]!.includes(`${ctx.config.baseUrl}/inbox/preferences`));
      assert.deepEqual(mailsTo(quiet.email), []);
      assert.equal((await inboxOf(ctx, quiet.id)).length, 1, 'inbox only still fills the inbox');
      await runJobs(env());
      assert.equal(mailsTo(eager.email).length, 1, 'nothing sent twice');
    });

    it('daily digest: one e-mail with the unsent notices, marked sent; a deleted notice is not mailed; never twice', async () => {
      const { ctx } = env();
      const [writer, reader, other] = await Promise.all([makeUser(ctx), makeUser(ctx), makeUser(ctx)]);
      await savePreferences(ctx.db, reader.id, { 'chapter.posted': 'digest', 'work.posted': 'digest' });
      await subscribeTo(ctx, reader, 'user', writer.id);
      const { workId } = await makeWork(ctx, writer, { title: 'Interlude' });
      await runJobs(env());
      await subscribeTo(ctx, reader, 'work', workId);
      await makeChapter(ctx, writer, workId, 'Second');
      await makeChapter(ctx, writer, workId, 'Third');
      await runJobs(env());
      assert.deepEqual(mailsTo(reader.email), [], 'digest notices wait');
      const inbox = await inboxOf(ctx, reader.id);
      assert.deepEqual(
        inbox.map((n) => n.mail),
        ['digest', 'digest', 'digest'],
      );
      const pending = await ctx.db
        .selectFrom('jobs')
        .select('run_at')
        .where('kind', '=', DIGEST)
        .where('status', '=', 'pending')
        .execute();
      assert.equal(pending.length, 1, 'one digest run is scheduled');
      assert.ok(pending[0]!.run_at > new Date().toISOString());
      // The reader deletes one notice before the digest goes: it is not mailed.
      const third = inbox.find((n) => n.title.includes('Third'))!;
      await deleteNotices(ctx.db, reader.id, [third.id]);
      await sendDigests(ctx);
      await sendDigests(ctx);
      await runJobs(env());
      const mails = mailsTo(reader.email);
      assert.equal(mails.length, 1, 'one digest, even when the digest runs twice');
      assert.match(mails[0]!, /Subject: Your Quire digest: 2 notifications/);
      assert.ok(mails[0]!.includes('Interlude'));
      assert.ok(mails[0]!.includes('Chapter 2: Second'));
      assert.ok(!mails[0]!.includes('Third'), 'the deleted notice is not in the digest');
      assert.deepEqual(
        (await inboxOf(ctx, reader.id)).map((n) => n.mail),
        ['sent', 'sent'],
      );
      assert.deepEqual(mailsTo(other.email), []);
    });

    it('the digest hour: today’s if still ahead, else tomorrow’s', () => {
      assert.equal(nextDigestAt(new Date('2026-11-24T05:00:00Z')), '2026-11-24T07:00:00.000Z');
      assert.equal(nextDigestAt(new Date('2026-11-24T07:00:00Z')), '2026-11-25T07:00:00.000Z');
      assert.equal(nextDigestAt(new Date('2026-12-31T23:59:00Z')), '2027-01-01T07:00:00.000Z');
    });
  },
  { config: { smtpUrl: sink.url } },
);
