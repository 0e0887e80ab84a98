import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { DIGEST, nextDigestAt, sendDigests } from './digest.job.ts';
import { deleteNotices } from './inbox.repository.ts';
import { inboxOf, makeChapter, makeWork, runJobs, subscribeTo } from './notifications.fixtures.ts';
import { savePreferences } from './preferences.ts';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives (as mail.test.ts does). */
async function startSink() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sink = await startSink();
after(() => sink.close());

/** Quoted-printable (UTF-8) to text. */
const unquote = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** The decoded mails an address received: `Subject: …` (encoded words undone) and the body. */
const mailsTo = (address: string) =>
  sink.received
    .filter((m) => m.to.includes(address))
    .map((m) => {
      const [head = '', ...body] = m.raw.split('\r\n\r\n');
      const subject = (/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(head)?.[1] ?? '')
        .replace(/\r\n[ \t]/g, ' ')
        .replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_, word: string) => unquote(word.replace(/_/g, ' ')));
      return `Subject: ${subject}\n\n${unquote(body.join('\r\n\r\n'))}`;
    });

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
