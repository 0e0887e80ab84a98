import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** log2 of scrypt's N. OWASP's baseline is 17 (N=2^17, r=8, p=1: 128 MiB per hash). */
export const DEFAULT_HASH_COST = 17;
const KEY_LENGTH = 32;
const MAXMEM = 1100 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash`: parameters travel with the hash, so the cost can be raised later. */
export async function hashPassword(password: string, cost = DEFAULT_HASH_COST): Promise<string> {
  const params = { N: 2 ** cost, r: 8, p: 1 };
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: MAXMEM });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return crypto.timingSafeEqual(key, expected);
}

const dummyHashes = new Map<number, Promise<string>>();
/** Spends the same time as a real check, so a log-in for an unknown name is not faster. */
export async function verifyAgainstDummy(password: string, cost = DEFAULT_HASH_COST): Promise<false> {
  if (!dummyHashes.has(cost)) dummyHashes.set(cost, hashPassword('quire-dummy-password', cost));
  await verifyPassword(password, await dummyHashes.get(cost)!);
  return false;
}
