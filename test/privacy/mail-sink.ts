// A real SMTP server on loopback that keeps what it receives (as notification-mail.test.ts does).
import { SMTPServer } from 'smtp-server';

export interface MailSink {
  url: string;
  /** The decoded mails (subject and body) an address received. */
  mailsTo(address: string): string[];
  close(): Promise<void>;
}

/** Quoted-printable (UTF-8) to text. */
const unquote = (text: string) =>
  Buffer.from(
    text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

export async function startMailSink(): Promise<MailSink> {
  const received: { to: string[]; raw: string }[] = [];
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
    mailsTo: (address) =>
      received
        .filter((m) => m.to.includes(address))
        .map((m) => {
          const [head = '', ...body] = m.raw.split('\r\n\r\n');
          const subject = (/^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(head)?.[1] ?? '')
            .replace(/\r\n[ \t]/g, ' ')
            .replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_, word: string) => unquote(word.replace(/_/g, ' ')));
          return `Subject: ${subject}\n\n${unquote(body.join('\r\n\r\n'))}`;
        }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
