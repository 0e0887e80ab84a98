import crypto from 'node:crypto';

/** A random, URL-safe secret (256 bits by default). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Stored form of a secret token: only its hash is kept in the database. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
