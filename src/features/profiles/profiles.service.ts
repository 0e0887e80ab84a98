import type { AppContext } from '../../context.ts';
import type { Pseud, User } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import { findPseudByName, listPseudsOfUser } from '../pseuds/pseuds.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

export interface Profile {
  user: Pick<User, 'id' | 'username' | 'role' | 'created_at'>;
  pseuds: Pseud[];
}

/** A public profile: disabled and built-in accounts have none (orphan_account's is shown, as on AO3). */
export async function getProfile(ctx: Ctx, username: string): Promise<Profile> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.disabled_at) throw notFound('User');
  const pseuds = await listPseudsOfUser(ctx.db, user.id);
  return {
    user: { id: user.id, username: user.username, role: user.role, created_at: user.created_at },
    pseuds,
  };
}

export async function getPseudProfile(ctx: Ctx, username: string, pseudName: string) {
  const profile = await getProfile(ctx, username);
  const pseud = await findPseudByName(ctx.db, profile.user.id, pseudName);
  if (!pseud) throw notFound('Pseud');
  return { ...profile, pseud };
}
