import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { readOutbox } from '../../test/outbox.ts';
import { createMailer } from './mailer.ts';

describe('mailer', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-mail-'));
  const log = pino({ level: 'silent' });
  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers over SMTP when SMTP_URL is set', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, mailFrom: 'Quire <quire@fic.test>', dataDir }, log);
    await mailer.send({
      to: 'reader@example.org',
      subject: 'Reset your Quire password',
      text: 'Hello “reader”.\n',
    });
    mailer.close();
    assert.equal(sink.received.length, 1);
    const [mail] = sink.received;
    assert.equal(mail?.from, 'quire@fic.test');
    assert.deepEqual(mail?.to, ['reader@example.org']);
    assert.match(mail?.raw ?? '', /Subject: Reset your Quire password/);
  });

  it('reuses one pooled SMTP connection for many messages, unless the URL says pool=false', async () => {
    const before = sink.connections();
    const pooled = createMailer({ smtpUrl: sink.url, mailFrom: 'quire@fic.test', dataDir }, log);
    for (let i = 0; i < 12; i++) await pooled.send({ to: `r${i}@example.org`, subject: `n${i}`, text: 'x' });
    pooled.close();
    assert.equal(sink.connections() - before, 1);

    const single = createMailer(
      { smtpUrl: `${sink.url}?pool=false`, mailFrom: 'quire@fic.test', dataDir },
      log,
    );
    for (let i = 0; i < 3; i++) await single.send({ to: `s${i}@example.org`, subject: `s${i}`, text: 'x' });
    single.close();
    assert.equal(sink.connections() - before, 4);
    assert.deepEqual(
      sink.received.slice(-15).map((m) => m.to[0]),
      [
        ...Array.from({ length: 12 }, (_, i) => `r${i}@example.org`),
        's0@example.org',
        's1@example.org',
        's2@example.org',
      ],
    );
  });

  for (const tls of ['implicit', 'starttls'] as const)
    it(`delivers over TLS (${tls === 'implicit' ? 'smtps://' : 'STARTTLS'}) on its own socket, reusing the connection`, async () => {
      const secure = await startSmtpSink({ tls });
      try {
        // The fixture certificate is self-signed: the URL's query still reaches nodemailer.
        const mailer = createMailer(
          { smtpUrl: `${secure.url}?tls.rejectUnauthorized=false`, mailFrom: 'quire@fic.test', dataDir },
          log,
        );
        for (const n of [1, 2, 3])
          await mailer.send({ to: `t${n}@example.org`, subject: `t${n}`, text: 'x' });
        mailer.close();
        assert.deepEqual(
          secure.received.map((m) => [m.to[0], m.tls]),
          [1, 2, 3].map((n) => [`t${n}@example.org`, true]),
        );
        assert.equal(secure.connections(), 1);
      } finally {
        await secure.close();
      }
    });

  it('fails a send at once, with the reason, when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const mailer = createMailer({ smtpUrl: closed.url, mailFrom: 'quire@fic.test', dataDir }, log);
    await assert.rejects(mailer.send({ to: 'x@example.org', subject: 's', text: 'x' }), /ECONNREFUSED/);
    mailer.close();
  });

  it('writes .eml files to the outbox when no SMTP_URL is set', async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Quire <quire@fic.test>', dataDir }, log);
    await mailer.send({
      to: 'writer@example.org',
      subject: 'Hello',
      text: 'A line with “curly quotes” and a long link https://fic.test/password/reset?token=abc_DEF-123\n',
    });
    const [mail] = readOutbox(dataDir);
    assert.equal(mail?.to, 'writer@example.org');
    assert.equal(mail?.subject, 'Hello');
    assert.match(mail?.text ?? '', /“curly quotes”/);
    assert.match(mail?.text ?? '', /token=abc_DEF-123/);
  });
});
