import fs from 'node:fs';
import path from 'node:path';

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The .eml files Quire wrote to `<data>/outbox` (no SMTP_URL), decoded enough to read. */
export function readOutbox(dataDir: string): OutboxMail[] {
  const dir = path.join(dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8');
      const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
      const body = rest.join('\n\n');
      const text = /quoted-printable/i.test(head) ? decodeQuotedPrintable(body) : body;
      return { file, to: header('To'), subject: header('Subject'), text };
    });
}

/** The password-reset link in the newest reset e-mail to `to`. */
export function resetLinkFor(dataDir: string, to: string): string | undefined {
  const mail = readOutbox(dataDir)
    .filter((m) => m.to === to && /Reset your Quire password/.test(m.subject))
    .at(-1);
  return mail && /https?:\/\/\S+\/password\/reset\?token=[\w-]+/.exec(mail.text)?.[0];
}
