import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { smtpTransport } from './smtp.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID (mail.jobs.ts): a re-sent job is the same message. */
  messageId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise each message is written to `<data>/outbox/*.eml`
 * and logged, so password resets work on a fresh install with no mail server.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>, log: Logger): Mailer {
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
        log.info({ to: message.to, subject: message.subject }, 'e-mail sent');
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.mailFrom, ...message });
      fs.mkdirSync(outbox, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(outbox, `${stamp}-${String(info.messageId).replace(/[^\w.-]/g, '')}.eml`);
      fs.writeFileSync(file, info.message as Buffer);
      log.info(
        { to: message.to, subject: message.subject, file },
        'e-mail written to outbox (no SMTP_URL set)',
      );
    },
    close: () => {},
  };
}
