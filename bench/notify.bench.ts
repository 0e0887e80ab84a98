// A new chapter of a work with many subscribers (BENCH_SUBSCRIBERS, 5,000 by default): how long the
// notify job takes (each subscriber's visibility, shuns and preferences, the notice and the e-mail
// job, in one transaction), then how long one worker takes to send every e-mail to a real SMTP
// server on loopback. SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
// Run: `npm run bench:notify`. Prints a Markdown table for docs/performance.md.
import { makeUser } from '../test/factories.ts';
import { createTestEnv, dialects } from '../test/harness.ts';
import { seedWorkInput } from '../test/seed.ts';
import { startSmtpSink } from '../test/smtp-sink.ts';
import { subscribeMany } from '../src/features/notifications/notifications.fixtures.ts';
import { chapterSchema } from '../src/features/works/works.schema.ts';
import { addChapter, postWork } from '../src/features/works/works.service.ts';
import type { Dialect } from '../src/db/connect.ts';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 5000);

async function run(dialect: Dialect) {
  const sink = await startSmtpSink();
  const env = await createTestEnv(dialect, { config: { smtpUrl: sink.url } });
  try {
    const { ctx } = env;
    const writer = await makeUser(ctx);
    const { workId } = await postWork(ctx, writer, seedWorkInput({ series: undefined }));
    await subscribeMany(ctx, workId, SUBSCRIBERS);
    await env.worker.drain();
    const sentBefore = sink.received.length;

    const started = performance.now();
    await addChapter(
      ctx,
      writer,
      workId,
      chapterSchema.parse({ title: 'Dawn', body: 'The lamps came back.', format: 'text' }),
    );
    const posted = performance.now();
    await env.worker.drain();
    const drained = performance.now();
    const notify = await ctx.db
      .selectFrom('jobs')
      .select(['created_at', 'finished_at'])
      .where('kind', '=', 'notifications.notify')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const notifyMs = Date.parse(notify.finished_at!) - Date.parse(notify.created_at);
    const mails = sink.received.length - sentBefore;
    const mailMs = drained - started - notifyMs;
    return `| ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${SUBSCRIBERS.toLocaleString('en')} | ${(posted - started).toFixed(0)} | ${(notifyMs / 1000).toFixed(2)} | ${mails.toLocaleString('en')} | ${(mailMs / 1000).toFixed(1)} (${((mails * 1000) / mailMs).toFixed(0)}/s) | ${((drained - started) / 1000).toFixed(1)} |`;
  } finally {
    await env.close();
    await sink.close();
  }
}

const rows = [];
for (const dialect of dialects) rows.push(await run(dialect));
console.log(
  `\nA new chapter of a work with ${SUBSCRIBERS.toLocaleString('en')} subscribers, one worker, SMTP on loopback\n`,
);
console.log(
  '| database | subscribers | posting ms | notify job s | e-mails | sending them s | to the last e-mail s |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
