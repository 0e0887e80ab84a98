import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { eachDialect } from '../../test/harness.ts';
import { enqueueEmail, messageIdFor } from './mail.jobs.ts';

const sink = await startSmtpSink();
after(() => sink.close());

eachDialect(
  'e-mail jobs re-run after a crash',
  (env) => {
    it('send once; a re-run after the send sends nothing; an interrupted send re-sends the same Message-ID', async () => {
      const { ctx, worker } = env();
      const to = `once-${env().dialect}@example.org`;
      const jobId = await enqueueEmail(ctx.db, { to, subject: 'Once', text: 'Exactly once.\n' });
      await worker.drain();
      const job = await ctx.db
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
      const messageId = messageIdFor(job, ctx.config.baseUrl);
      const mine = () => sink.received.filter((m) => m.to.includes(to));
      assert.deepEqual(
        mine().map((m) => m.messageId),
        [messageId],
      );

      // The worker died after the send was recorded, before the job was marked done.
      await ctx.db
        .updateTable('jobs')
        .set({ status: 'pending', finished_at: null })
        .where('id', '=', jobId)
        .execute();
      await worker.drain();
      assert.equal(mine().length, 1, 'no second e-mail');

      // The worker died between handing the message over and recording it: sent again, same id.
      await ctx.db
        .updateTable('mail_deliveries')
        .set({ sent_at: null })
        .where('job_id', '=', jobId)
        .execute();
      await ctx.db
        .updateTable('jobs')
        .set({ status: 'pending', finished_at: null })
        .where('id', '=', jobId)
        .execute();
      await worker.drain();
      assert.deepEqual(
        mine().map((m) => m.messageId),
        [messageId, messageId],
      );
      const delivery = await ctx.db
        .selectFrom('mail_deliveries')
        .selectAll()
        .where('job_id', '=', jobId)
        .executeTakeFirstOrThrow();
      assert.equal(delivery.attempts, 2);
      assert.ok(delivery.sent_at);
    });
  },
  { config: { smtpUrl: sink.url } },
);
