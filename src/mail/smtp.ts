import net from 'node:net';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

type Connected = (error: Error | null, socketOptions?: { connection: net.Socket }) => void;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. nodemailer writes a message
 * in several small writes; with Nagle on, the last one waits for the server's delayed ACK, ~40 ms a
 * message. TLS (`smtps:`, STARTTLS) is still negotiated by nodemailer over this socket.
 */
function connectWithoutDelay(options: SMTPPool.Options | SMTPTransport.Options, done: Connected): void {
  const host = options.host ?? 'localhost';
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host, port, noDelay: true });
  const fail = (error: Error) => {
    clearTimeout(timer);
    socket.destroy();
    done(error);
  };
  const timer = setTimeout(
    () => fail(new Error(`SMTP connection to ${host}:${port} timed out`)),
    options.connectionTimeout ?? 120_000,
  );
  socket.once('error', fail);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.off('error', fail);
    done(null, { connection: socket });
  });
}

/**
 * The SMTP transport for `SMTP_URL`: pooled (a connection is reused for up to 100 messages instead
 * of a new connection, greeting and EHLO each; a server's greeting delay alone is 100 ms to seconds)
 * with at most two connections, unless the URL's query says otherwise (`?pool=false`,
 * `?maxConnections=4`: the URL's settings win).
 */
export function smtpTransport(smtpUrl: string) {
  const pool = new URL(smtpUrl).searchParams.get('pool') !== 'false';
  const options = { url: smtpUrl, getSocket: connectWithoutDelay };
  return nodemailer.createTransport(
    pool ? new SMTPPool({ ...options, pool: true, maxConnections: 2 }) : new SMTPTransport(options),
  );
}
