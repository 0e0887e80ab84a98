// E-mail delivery rate of one job worker: messages sent one after another (as the worker sends them)
// to a real SMTP server on loopback (smtp-server, as in the tests). Compares a plain nodemailer
// transport (a new connection per message: Quire before), a pooled one, and Quire's mailer (pooled,
// Nagle off). Run: `npm run bench:mail`. Prints a Markdown table for docs/performance.md.
import nodemailer from 'nodemailer';
import pino from 'pino';
import { createMailer } from '../src/mail/mailer.ts';
import { startSmtpSink } from '../test/smtp-sink.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const message = (i: number) => ({
  from: 'quire@fic.test',
  to: `reader${i}@example.org`,
  subject: `New chapter of “A work” (${i})`,
  text: 'A new chapter was posted.\n\nhttps://fic.test/works/1/chapters/2\n'.repeat(4),
});

interface Sender {
  send(i: number): Promise<unknown>;
  close(): void;
}

const senders: [string, (url: string) => Sender][] = [
  [
    'nodemailer, a connection a message (before)',
    (url) => {
      const transport = nodemailer.createTransport(url);
      return { send: (i) => transport.sendMail(message(i)), close: () => transport.close() };
    },
  ],
  [
    'nodemailer, pooled',
    (url) => {
      const transport = nodemailer.createTransport(`${url}?pool=true`);
      return { send: (i) => transport.sendMail(message(i)), close: () => transport.close() };
    },
  ],
  [
    'Quire’s mailer (pooled, Nagle off)',
    (url) => {
      const mailer = createMailer(
        { smtpUrl: url, mailFrom: 'quire@fic.test', dataDir: '' },
        pino({ level: 'silent' }),
      );
      return { send: (i) => mailer.send(message(i)), close: () => mailer.close() };
    },
  ],
];

const rows: string[] = [];
for (const [name, open] of senders) {
  const sink = await startSmtpSink();
  const sender = open(sink.url);
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) await sender.send(i);
  const ms = performance.now() - started;
  rows.push(
    `| ${name} | ${(ms / MESSAGES).toFixed(1)} | ${((MESSAGES * 1000) / ms).toFixed(0)} | ${sink.connections()} |`,
  );
  sender.close();
  await sink.close();
}
console.log(`\n${MESSAGES} messages, one at a time, to smtp-server on loopback\n`);
console.log('| transport | ms a message | messages/s | connections |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
