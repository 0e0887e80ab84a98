import type { AppContext } from '../src/context.ts';
import type { Role, User } from '../src/db/schema.ts';
import { insertUser } from '../src/features/accounts/accounts.repository.ts';
import { insertPseud } from '../src/features/pseuds/pseuds.repository.ts';
import { postWork } from '../src/features/works/works.service.ts';
import { nowIso } from '../src/lib/clock.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { seedWorkInput } from './seed.ts';

export const FACTORY_PASSWORD = 'a perfectly fine password';
let factoryHash: Promise<string> | undefined;
let counter = 0;

export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${process.pid % 1000}_${counter}`;
}

/**
 * An account with its default pseud, inserted directly (the scrypt hash of the factory
 * password is computed once), so tests that are not about sign-up stay fast.
 */
export async function makeUser(
  ctx: Pick<AppContext, 'db'>,
  options: { username?: string; email?: string; role?: Role; disabled?: boolean } = {},
): Promise<User & { password: string }> {
  factoryHash ??= hashPassword(FACTORY_PASSWORD, 14);
  const username = options.username ?? uniqueName();
  const email = options.email ?? `${username.toLowerCase()}@example.org`;
  const now = nowIso();
  const user = await insertUser(ctx.db, {
    username,
    username_key: username.toLowerCase(),
    email,
    email_key: email.toLowerCase(),
    password_hash: await factoryHash,
    role: options.role ?? 'user',
    is_system: 0,
    disabled_at: options.disabled ? now : null,
    created_at: now,
    updated_at: now,
  });
  await insertPseud(ctx.db, {
    user_id: user.id,
    name: username,
    description: '',
    is_default: 1,
    created_at: now,
  });
  return { ...user, password: FACTORY_PASSWORD };
}

/** A new writer's works with these titles (the seed story, no series), posted in order; their ids. */
export async function postTitledWorks(ctx: AppContext, titles: string[]): Promise<number[]> {
  const writer = await makeUser(ctx);
  const ids: number[] = [];
  for (const title of titles)
    ids.push((await postWork(ctx, writer, seedWorkInput({ title, series: null }))).workId);
  return ids;
}
