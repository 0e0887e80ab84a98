import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eachDialect } from '../../../test/harness.ts';
import { FACTORY_PASSWORD, makeUser, uniqueName } from '../../../test/factories.ts';
import { QuireError, ValidationError } from '../../lib/errors.ts';
import { hashToken } from '../../lib/tokens.ts';
import { resolveSession, startSession } from '../sessions/sessions.service.ts';
import { listPseuds } from '../pseuds/pseuds.service.ts';
import type { AccountContentOwner } from './account-content.ts';
import { findUserById, findUserByUsername } from './accounts.repository.ts';
import * as accounts from './accounts.service.ts';

const PASSWORD = 'tea and biscuits at four';

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  assert.fail('expected a ValidationError');
}

eachDialect('accounts service', (env) => {
  it('creates an account with a default pseud named after the username', async () => {
    const username = uniqueName('Writer');
    const user = await accounts.createAccount(env().ctx, {
      username,
      email: `${username}@example.org`,
      password: PASSWORD,
    });
    assert.equal(user.role, 'user');
    const pseuds = await listPseuds(env().ctx, user.id);
    assert.deepEqual(
      pseuds.map((p) => [p.name, p.is_default]),
      [[username, 1]],
    );
    assert.notEqual(user.password_hash, PASSWORD);
    assert.match(user.password_hash, /^scrypt\$/);
  });

  it('refuses a taken username (any case) and a taken e-mail, each with its own message', async () => {
    const existing = await makeUser(env().ctx);
    const errors = await fieldErrors(
      accounts.createAccount(env().ctx, {
        username: existing.username.toUpperCase(),
        email: existing.email.toUpperCase(),
        password: PASSWORD,
      }),
    );
    assert.equal(errors.username, 'That username is already taken.');
    assert.match(errors.email ?? '', /already exists/);
  });

  it('applies the password policy with a clear message', async () => {
    const username = uniqueName('policy');
    const cases: [string, RegExp][] = [
      ['1234567890', /most commonly used/],
      [`${username}xyz!`, /cannot contain your username/],
      ['aaaaaaaaaaaa', /one character repeated/],
    ];
    for (const [password, message] of cases) {
      const errors = await fieldErrors(
        accounts.createAccount(env().ctx, { username, email: `${username}@example.org`, password }),
      );
      assert.match(errors.password ?? '', message, password);
    }
    assert.equal(await findUserByUsername(env().ctx.db, username), undefined, 'nothing half-written');
  });

  it('authenticates by username or e-mail and says the same thing for unknown users and wrong passwords', async () => {
    const user = await makeUser(env().ctx);
    assert.equal((await accounts.authenticate(env().ctx, user.username, FACTORY_PASSWORD)).id, user.id);
    assert.equal(
      (await accounts.authenticate(env().ctx, user.email.toUpperCase(), FACTORY_PASSWORD)).id,
      user.id,
    );
    const wrong = await accounts.authenticate(env().ctx, user.username, 'not the password').catch((e) => e);
    const unknown = await accounts
      .authenticate(env().ctx, 'nobody_here_at_all', 'not the password')
      .catch((e) => e);
    assert.ok(wrong instanceof QuireError && unknown instanceof QuireError);
    assert.equal(wrong.message, unknown.message);
    assert.equal(wrong.code, unknown.code);
    const orphan = await accounts.authenticate(env().ctx, 'orphan_account', '!').catch((e) => e);
    assert.equal(orphan.code, 'invalid_login');
  });

  it('refuses disabled accounts and ends their sessions', async () => {
    const user = await makeUser(env().ctx);
    const session = await startSession(env().ctx, user.id, { remember: false });
    await accounts.setDisabled(env().ctx, user.username, true);
    assert.equal(await resolveSession(env().ctx, session.token), null);
    const error = await accounts.authenticate(env().ctx, user.username, FACTORY_PASSWORD).catch((e) => e);
    assert.equal(error.code, 'account_disabled');
    await accounts.setDisabled(env().ctx, user.username, false);
    assert.equal((await accounts.authenticate(env().ctx, user.username, FACTORY_PASSWORD)).id, user.id);
  });

  it('changes the password, keeps this session, ends the others and tells the owner', async () => {
    const user = await makeUser(env().ctx);
    const here = await startSession(env().ctx, user.id, { remember: false });
    const elsewhere = await startSession(env().ctx, user.id, { remember: true });
    const wrong = await fieldErrors(
      accounts.changePassword(env().ctx, user.id, { current_password: 'nope nope nope', password: PASSWORD }),
    );
    assert.match(wrong.current_password ?? '', /not correct/);
    await accounts.changePassword(
      env().ctx,
      user.id,
      { current_password: FACTORY_PASSWORD, password: PASSWORD },
      hashToken(here.token),
    );
    assert.ok(await resolveSession(env().ctx, here.token));
    assert.equal(await resolveSession(env().ctx, elsewhere.token), null);
    assert.equal((await accounts.authenticate(env().ctx, user.username, PASSWORD)).id, user.id);
    const mail = await env()
      .ctx.db.selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'email.send')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.payload, /password of your Quire account was just changed/);
  });

  it('changes the e-mail address, refusing one that is taken', async () => {
    const user = await makeUser(env().ctx);
    const other = await makeUser(env().ctx);
    const taken = await fieldErrors(
      accounts.changeEmail(env().ctx, user.id, { email: other.email, current_password: FACTORY_PASSWORD }),
    );
    assert.match(taken.email ?? '', /already uses/);
    await accounts.changeEmail(env().ctx, user.id, {
      email: `New.${user.email}`,
      current_password: FACTORY_PASSWORD,
    });
    assert.equal((await findUserById(env().ctx.db, user.id))?.email_key, `new.${user.email}`.toLowerCase());
  });

  it('resets a password with a single-use token that expires', async () => {
    const user = await makeUser(env().ctx);
    const session = await startSession(env().ctx, user.id, { remember: true });
    await accounts.requestPasswordReset(env().ctx, user.email, 'http://quire.test');
    const job = await env()
      .ctx.db.selectFrom('jobs')
      .select('payload')
      .where('payload', 'like', `%${user.email}%`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(JSON.parse(job.payload).text)?.[1];
    assert.ok(token, 'the e-mail carries the link');
    assert.equal(await accounts.isResetTokenLive(env().ctx, token), true);
    await accounts.resetPassword(env().ctx, token, PASSWORD);
    assert.equal((await accounts.authenticate(env().ctx, user.username, PASSWORD)).id, user.id);
    assert.equal(await resolveSession(env().ctx, session.token), null, 'a reset logs out everywhere');
    const reused = await accounts.resetPassword(env().ctx, token, 'another good password').catch((e) => e);
    assert.equal(reused.code, 'invalid_token');

    await accounts.requestPasswordReset(env().ctx, user.username, 'http://quire.test');
    await env()
      .ctx.db.updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    const latest = await env()
      .ctx.db.selectFrom('jobs')
      .select('payload')
      .where('payload', 'like', `%${user.email}%`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const expiredToken = /token=([\w-]+)/.exec(JSON.parse(latest.payload).text)![1]!;
    const expired = await accounts
      .resetPassword(env().ctx, expiredToken, 'another good password')
      .catch((e) => e);
    assert.equal(expired.code, 'invalid_token');
  });

  it('says nothing (and sends nothing) for an unknown account', async () => {
    const before = await env()
      .ctx.db.selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await accounts.requestPasswordReset(env().ctx, 'nobody@example.org', 'http://quire.test');
    const after = await env()
      .ctx.db.selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('deletes an account, orphaning or deleting content as the owner chose', async () => {
    const calls: string[] = [];
    const owner: AccountContentOwner = {
      name: 'recording',
      orphan: async (_db, userId, orphanPseudId) => {
        calls.push(`orphan ${userId} -> ${orphanPseudId}`);
      },
      remove: async (_db, userId) => {
        calls.push(`remove ${userId}`);
      },
    };
    const orphan = await findUserByUsername(env().ctx.db, 'orphan_account');
    const orphanPseud = (await listPseuds(env().ctx, orphan!.id))[0]!;
    const a = await makeUser(env().ctx);
    const b = await makeUser(env().ctx);
    await accounts.deleteAccount(env().ctx, a.id, { current_password: FACTORY_PASSWORD, works: 'orphan' }, [
      owner,
    ]);
    await accounts.deleteAccount(env().ctx, b.id, { current_password: FACTORY_PASSWORD, works: 'delete' }, [
      owner,
    ]);
    assert.deepEqual(calls, [`orphan ${a.id} -> ${orphanPseud.id}`, `remove ${b.id}`]);
    assert.equal(await findUserById(env().ctx.db, a.id), undefined);
    assert.equal((await listPseuds(env().ctx, a.id)).length, 0);
  });

  it('rolls back the whole deletion when content cannot be moved', async () => {
    const user = await makeUser(env().ctx);
    const failing: AccountContentOwner = {
      name: 'failing',
      orphan: async () => {
        throw new Error('disk on fire');
      },
      remove: async () => {},
    };
    await assert.rejects(
      accounts.deleteAccount(env().ctx, user.id, { current_password: FACTORY_PASSWORD, works: 'orphan' }, [
        failing,
      ]),
      /disk on fire/,
    );
    assert.ok(await findUserById(env().ctx.db, user.id));
  });

  it('keeps at least one administrator', async () => {
    const admins = await env()
      .ctx.db.selectFrom('users')
      .select('username')
      .where('role', '=', 'admin')
      .execute();
    for (const { username } of admins) await accounts.setRole(env().ctx, username, 'user');
    const admin = await makeUser(env().ctx, { role: 'admin' });
    const demote = await accounts.setRole(env().ctx, admin.username, 'user').catch((e) => e);
    assert.equal(demote.code, 'last_admin');
    const remove = await accounts
      .deleteAccount(env().ctx, admin.id, { current_password: FACTORY_PASSWORD, works: 'delete' })
      .catch((e) => e);
    assert.equal(remove.code, 'last_admin');
    assert.equal(remove.field, 'form');
    const second = await makeUser(env().ctx, { role: 'admin' });
    await accounts.setRole(env().ctx, admin.username, 'moderator');
    assert.equal((await findUserById(env().ctx.db, admin.id))?.role, 'moderator');
    assert.equal((await findUserById(env().ctx.db, second.id))?.role, 'admin');
  });
});
