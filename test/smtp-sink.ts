// A real SMTP server on loopback (smtp-server) that keeps every message it accepts, for the tests
// that follow Quire's e-mail out of the process: mail, notifications, the privacy matrix, the crash
// test and the two-process test.
import fs from 'node:fs';
import { SMTPServer } from 'smtp-server';

/** A self-signed certificate for localhost and 127.0.0.1 (test only, valid until 2126). */
const tlsFixture = (name: string) =>
  fs.readFileSync(new URL(`./fixtures/tls/localhost-${name}.pem`, import.meta.url));

export interface SunkMail {
  /** The envelope's sender and recipients. */
  from: string;
  to: string[];
  /** The message as sent (headers and body, CRLF). */
  raw: string;
  messageId: string;
  /** The Subject header, folded lines joined, encoded words left as sent. */
  subject: string;
  /** Whether the message came over TLS (smtps, or after STARTTLS). */
  tls: boolean;
}

export interface SmtpSink {
  url: string;
  /** Accepted messages, in order (a message counts once its final dot is accepted). */
  received: SunkMail[];
  /** How many SMTP connections clients have opened (a pooled client reuses one). */
  connections(): number;
  /** The messages an address received, decoded: `Subject: …`, a blank line, then the body. */
  mailsTo(address: string): string[];
  close(): Promise<void>;
}

/** Quoted-printable (UTF-8) to text. */
export const unquote = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const headerOf = (head: string, name: string) =>
  (new RegExp(`^${name}:\\s*(.*(?:\\r\\n[ \\t].*)*)`, 'mi').exec(head)?.[1] ?? '').replace(/\r\n[ \t]/g, ' ');

function decoded(mail: SunkMail): string {
  const [, ...body] = mail.raw.split('\r\n\r\n');
  const subject = mail.subject.replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_, word: string) =>
    unquote(word.replace(/_/g, ' ')),
  );
  return `Subject: ${subject}\n\n${unquote(body.join('\r\n\r\n'))}`;
}

/**
 * `tls`: none (the default: plain SMTP, no STARTTLS offered), `implicit` (smtps, TLS from the first
 * byte) or `starttls` (plain, upgraded by the client's STARTTLS), with the fixture certificate.
 */
export async function startSmtpSink(options: { tls?: 'implicit' | 'starttls' } = {}): Promise<SmtpSink> {
  const received: SunkMail[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    ...(options.tls
      ? { secure: options.tls === 'implicit', key: tlsFixture('key'), cert: tlsFixture('cert') }
      : { disabledCommands: ['STARTTLS'] }),
    logger: false,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split('\r\n\r\n')[0] ?? '';
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: headerOf(head, 'Message-ID').trim(),
          subject: headerOf(head, 'Subject'),
          tls: session.secure,
        });
        callback();
      });
    },
  });
  // A client killed mid-conversation (the crash test) resets its connection: not an error here.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `${options.tls === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    mailsTo: (address) => received.filter((m) => m.to.includes(address)).map(decoded),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
