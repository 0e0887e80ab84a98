import { PASSWORD_MAX, PASSWORD_MIN } from './accounts.schema.ts';

// The most common passwords of at least PASSWORD_MIN characters in public breach lists.
const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '1q2w3e4r5t',
  'qwertyuiop',
  'password123',
  'password1234',
  'iloveyou12',
  'passw0rd123',
  'qwerty1234',
  'qwerty12345',
  'abcdefghij',
  'abc1234567',
  'football12',
  'baseball12',
  'sunshine12',
  'princess12',
  'superman12',
  'starwars12',
  '1234qwerty',
  'q1w2e3r4t5',
  'a1b2c3d4e5',
  'zaq12wsxcde',
  'letmein123',
  'welcome123',
  'administrator',
  'passwordpassword',
  'trustno1234',
  'changeme123',
  'fanfiction',
  'fanfiction1',
  'fanfiction123',
  'archiveofourown',
]);

/** NIST 800-63B style: length, not composition rules; refuse the guessable. Returns a message or null. */
export function passwordProblem(
  password: string,
  account: { username?: string; email?: string },
): string | null {
  if (password.length < PASSWORD_MIN) return `Passwords must be at least ${PASSWORD_MIN} characters long.`;
  if (password.length > PASSWORD_MAX) return `Passwords can be at most ${PASSWORD_MAX} characters long.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'That password is one of the most commonly used. Please choose another.';
  if (/^(.)\1+$/.test(password)) return 'Passwords cannot be one character repeated.';
  if (account.username && lower.includes(account.username.toLowerCase())) {
    return 'Passwords cannot contain your username.';
  }
  const local = account.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return 'Passwords cannot contain your e-mail address.';
  return null;
}
