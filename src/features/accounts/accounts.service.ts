import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/connect.ts';
import type { Role, User } from '../../db/schema.ts';
import { HOUR, isoAfter, nowIso } from '../../lib/clock.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import { enqueueEmail } from '../../mail/mail.jobs.ts';
import * as pseudRepo from '../pseuds/pseuds.repository.ts';
import { deleteUserSessions } from '../sessions/sessions.repository.ts';
import { type AccountContentOwner, accountContentOwners } from './account-content.ts';
import * as repo from './accounts.repository.ts';
import type { DeleteAccountInput, NewAccountInput } from './accounts.schema.ts';
import { passwordProblem } from './password-policy.ts';

export const ORPHAN_ACCOUNT = 'orphan_account';
export const RESET_TTL = HOUR;

type Ctx = Pick<AppContext, 'db' | 'config'>;

function checkPassword(password: string, account: { username?: string; email?: string }, field = 'password') {
  const problem = passwordProblem(password, account);
  if (problem) throw new ValidationError({ [field]: problem });
}

/** Creates an account and its default pseud (named after the username). */
export async function createAccount(ctx: Ctx, input: NewAccountInput, role: Role = 'user'): Promise<User> {
  checkPassword(input.password, input);
  const taken: Record<string, string> = {};
  if (await repo.findUserByUsername(ctx.db, input.username))
    taken.username = 'That username is already taken.';
  else if (await repo.isCommunityName(ctx.db, input.username))
    taken.username = 'That name belongs to a community. Please choose another.';
  if (await repo.findUserByEmail(ctx.db, input.email)) {
    taken.email = 'An account with that e-mail address already exists. Did you forget your password?';
  }
  if (Object.keys(taken).length > 0) throw new ValidationError(taken);
  const passwordHash = await hashPassword(input.password, ctx.config.passwordHashCost);
  const now = nowIso();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const user = await repo.insertUser(trx, {
        username: input.username,
        username_key: input.username.toLowerCase(),
        email: input.email,
        email_key: input.email.toLowerCase(),
        password_hash: passwordHash,
        role,
        is_system: 0,
        disabled_at: null,
        created_at: now,
        updated_at: now,
      });
      await pseudRepo.insertPseud(trx, {
        user_id: user.id,
        name: input.username,
        description: '',
        is_default: 1,
        created_at: now,
      });
      return user;
    });
  } catch (error) {
    // Two sign-ups racing for one name: the database's unique index decides.
    if (isUniqueViolation(error))
      throw new ValidationError({ username: 'That username or e-mail is already taken.' });
    throw error;
  }
}

/** First run: nobody has signed up yet (one indexed probe, cheap on every front-page view). */
export async function needsFirstAdmin(ctx: Pick<AppContext, 'db'>): Promise<boolean> {
  return !(await repo.hasAnyPerson(ctx.db));
}

/** First run: the first account is the admin, and only while the site has no one. */
export async function createFirstAdmin(ctx: Ctx, input: NewAccountInput): Promise<User> {
  if (!(await needsFirstAdmin(ctx))) {
    throw new QuireError('already_set_up', 409, 'This site already has an administrator. Please log in.');
  }
  return createAccount(ctx, input, 'admin');
}

const INVALID_LOGIN = 'That username or e-mail and password do not match. Please try again.';

/** Checks a log-in. The message is the same whether or not the account exists. */
export async function authenticate(ctx: Ctx, login: string, password: string): Promise<User> {
  const user = await repo.findUserByLogin(ctx.db, login);
  if (!user || user.is_system) {
    await verifyAgainstDummy(password, ctx.config.passwordHashCost);
    throw new QuireError('invalid_login', 401, INVALID_LOGIN, 'login');
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    throw new QuireError('invalid_login', 401, INVALID_LOGIN, 'login');
  }
  if (user.disabled_at) {
    throw new QuireError(
      'account_disabled',
      403,
      'This account has been disabled. Please contact the site administrators.',
      'login',
    );
  }
  return user;
}

async function requireUser(ctx: Ctx, userId: number): Promise<User> {
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw new QuireError('not_found', 404, 'Account not found.');
  return user;
}

async function requirePassword(user: User, password: string, field = 'current_password') {
  if (!(await verifyPassword(password, user.password_hash))) {
    throw new ValidationError({ [field]: 'Your current password is not correct.' });
  }
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  ctx: Ctx,
  userId: number,
  input: { current_password: string; password: string },
  keepSessionId?: string,
): Promise<void> {
  const user = await requireUser(ctx, userId);
  await requirePassword(user, input.current_password);
  checkPassword(input.password, user);
  const passwordHash = await hashPassword(input.password, ctx.config.passwordHashCost);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { password_hash: passwordHash, updated_at: nowIso() });
    await deleteUserSessions(trx, user.id, keepSessionId);
    await enqueueEmail(trx, {
      to: user.email,
      subject: 'Your Quire password was changed',
      text: `Hi ${user.username},\n\nThe password of your Quire account was just changed. If this was not you, reset your password at once and contact the site administrators.\n`,
    });
  });
}

/** Changes the e-mail address; the old address is told, in case it was not the owner. */
export async function changeEmail(
  ctx: Ctx,
  userId: number,
  input: { email: string; current_password: string },
) {
  const user = await requireUser(ctx, userId);
  await requirePassword(user, input.current_password);
  if (input.email.toLowerCase() === user.email_key) return;
  const other = await repo.findUserByEmail(ctx.db, input.email);
  if (other) throw new ValidationError({ email: 'Another account already uses that e-mail address.' });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, {
        email: input.email,
        email_key: input.email.toLowerCase(),
        updated_at: nowIso(),
      });
      await enqueueEmail(trx, {
        to: user.email,
        subject: 'Your Quire e-mail address was changed',
        text: `Hi ${user.username},\n\nThe e-mail address of your Quire account was changed from ${user.email} to ${input.email}. If this was not you, contact the site administrators.\n`,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError({ email: 'Another account already uses that e-mail address.' });
    throw error;
  }
}

/**
 * Sends a single-use reset link valid for an hour. Says nothing about whether the
 * account exists: the caller shows the same message either way.
 */
export async function requestPasswordReset(ctx: Ctx, login: string, baseUrl: string): Promise<void> {
  const user = await repo.findUserByLogin(ctx.db, login);
  if (!user || user.is_system || user.disabled_at) return;
  const token = randomToken();
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertPasswordReset(trx, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: isoAfter(RESET_TTL, now),
    });
    await enqueueEmail(trx, {
      to: user.email,
      subject: 'Reset your Quire password',
      text: [
        `Hi ${user.username},`,
        '',
        'Someone (hopefully you) asked to reset the password of your Quire account. To choose a new password, open this link within the next hour:',
        '',
        `${baseUrl}/password/reset?token=${token}`,
        '',
        'The link works once. If you did not ask for this, you can ignore this e-mail; your password stays the same.',
        '',
      ].join('\n'),
    });
  });
}

export async function isResetTokenLive(ctx: Ctx, token: string): Promise<boolean> {
  return Boolean(await repo.findLivePasswordReset(ctx.db, hashToken(token), nowIso()));
}

const RESET_INVALID = 'This password reset link has expired or was already used. Please ask for a new one.';

/** Uses a reset token (once), sets the new password and ends every session of the account. */
export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<User> {
  const live = await repo.findLivePasswordReset(ctx.db, hashToken(token), nowIso());
  if (!live) throw new QuireError('invalid_token', 400, RESET_INVALID, 'token');
  const user = await requireUser(ctx, live.user_id);
  checkPassword(password, user);
  const passwordHash = await hashPassword(password, ctx.config.passwordHashCost);
  await ctx.db.transaction().execute(async (trx) => {
    const userId = await repo.consumePasswordReset(trx, hashToken(token), nowIso());
    if (userId !== user.id) throw new QuireError('invalid_token', 400, RESET_INVALID, 'token');
    await repo.updateUser(trx, user.id, { password_hash: passwordHash, updated_at: nowIso() });
    await deleteUserSessions(trx, user.id);
  });
  return user;
}

/**
 * Deletes an account. The owner chooses whether their works go to orphan_account or
 * are deleted with it. The last administrator cannot delete themselves.
 */
export async function deleteAccount(
  ctx: Ctx,
  userId: number,
  input: DeleteAccountInput,
  owners: readonly AccountContentOwner[] = accountContentOwners,
): Promise<void> {
  const user = await requireUser(ctx, userId);
  await requirePassword(user, input.current_password);
  if (user.role === 'admin' && (await repo.countActiveAdmins(ctx.db)) <= 1) {
    throw new QuireError(
      'last_admin',
      409,
      'You are the only administrator. Make someone else an administrator first.',
      'form',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (input.works === 'orphan') {
      const orphan = await repo.findUserByUsername(trx, ORPHAN_ACCOUNT);
      const orphanPseud = orphan && (await pseudRepo.findDefaultPseud(trx, orphan.id));
      if (!orphanPseud) throw new Error('orphan_account is missing; run the migrations');
      for (const owner of owners) await owner.orphan(trx, user.id, orphanPseud.id);
    } else {
      for (const owner of owners) await owner.remove(trx, user.id);
    }
    await repo.deleteUser(trx, user.id);
  });
}

/** Admin actions (the web admin page and the CLI share these). */
export async function setRole(ctx: Ctx, username: string, role: Role): Promise<User> {
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user || user.is_system) throw new QuireError('not_found', 404, `No account named "${username}".`);
  if (user.role === 'admin' && role !== 'admin' && (await repo.countActiveAdmins(ctx.db)) <= 1) {
    throw new QuireError(
      'last_admin',
      409,
      `${user.username} is the only administrator; make someone else one first.`,
    );
  }
  await repo.updateUser(ctx.db, user.id, { role, updated_at: nowIso() });
  return { ...user, role };
}

export async function setDisabled(ctx: Ctx, username: string, disabled: boolean): Promise<User> {
  const user = await repo.findUserByUsername(ctx.db, username);
  if (!user || user.is_system) throw new QuireError('not_found', 404, `No account named "${username}".`);
  if (disabled && user.role === 'admin' && (await repo.countActiveAdmins(ctx.db)) <= 1) {
    throw new QuireError(
      'last_admin',
      409,
      `${user.username} is the only administrator and cannot be disabled.`,
    );
  }
  const disabledAt = disabled ? (user.disabled_at ?? nowIso()) : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { disabled_at: disabledAt, updated_at: nowIso() });
    if (disabled) await deleteUserSessions(trx, user.id);
  });
  return { ...user, disabled_at: disabledAt };
}

/** Reading preferences (for now: skip the adult-content notice). */
export async function setPreferences(
  ctx: Ctx,
  userId: number,
  preferences: { viewAdult: boolean },
): Promise<void> {
  await repo.updateUser(ctx.db, userId, { view_adult: preferences.viewAdult ? 1 : 0, updated_at: nowIso() });
}
