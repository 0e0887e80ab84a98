import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { csrfToken, TestClient, textOf } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { eachDialect } from '../harness.ts';
import { resetLinkFor } from '../outbox.ts';
import { hashToken } from '../../src/lib/tokens.ts';

const NEW_PASSWORD = 'another quite fine passphrase';

/** A page's text with what legitimately differs between two requests (tokens, the typed login) removed. */
const comparable = (response: LightMyRequestResponse, typed: string) =>
  `${response.statusCode} ${textOf(response.body.replace(/name="_csrf" value="[^"]+"/g, '')).replaceAll(typed, '…')}`;

/**
 * Sessions and accounts behind https (BASE_URL https, as in production): session fixation, cookie
 * flags, reset tokens, and answers that do not tell whether an account exists.
 */
eachDialect(
  'sessions and accounts',
  (env) => {
    it('gives a new session at log-in and kills the one the browser had (session fixation)', async () => {
      const [attacker, victim] = [await makeUser(env().ctx), await makeUser(env().ctx)];
      // The attacker logs in and plants their session cookie in the victim's browser.
      const planted = new TestClient(env().app);
      await planted.post('/login', { login: attacker.username, password: FACTORY_PASSWORD });
      const plantedToken = planted.cookie('quire_session')!;
      assert.ok(plantedToken);
      // The victim, carrying that cookie, logs in as themselves.
      const login = await planted.post(
        '/login',
        { login: victim.username, password: FACTORY_PASSWORD },
        { csrfFrom: '/account' },
      );
      assert.equal(login.statusCode, 303);
      const fresh = planted.cookie('quire_session')!;
      assert.notEqual(fresh, plantedToken, 'a new session id at log-in');
      const replay = await env().app.inject({ url: '/account', cookies: { quire_session: plantedToken } });
      assert.equal(replay.statusCode, 401, 'the planted session is dead');
      const mine = await env().app.inject({ url: '/account', cookies: { quire_session: fresh } });
      assert.match(textOf(mine.body), new RegExp(victim.email));
      // A made-up cookie value is never adopted either.
      const made = await env().app.inject({
        url: '/login',
        cookies: { quire_session: 'chosen-by-attacker' },
      });
      assert.equal(made.cookies.find((c) => c.name === 'quire_session')?.value ?? '', '', 'cleared');
      // Log-out ends the session on the server, not just in the browser.
      await planted.post('/logout', {}, { csrfFrom: '/account' });
      const after = await env().app.inject({ url: '/account', cookies: { quire_session: fresh } });
      assert.equal(after.statusCode, 401);
    });

    it('marks every cookie it sets HttpOnly, SameSite=Lax, Secure and site-wide', async () => {
      const user = await makeUser(env().ctx);
      const browser = new TestClient(env().app);
      const responses = [
        await env().app.inject({ url: '/login' }),
        await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD }),
        await browser.post('/account/preferences', { view_adult: '1' }, { csrfFrom: '/account' }),
      ];
      const set = responses.flatMap((r) => r.cookies).filter((c) => c.value !== '' && c.maxAge !== 0);
      const names = new Set(set.map((c) => c.name));
      for (const name of ['quire_csrf', 'quire_session', 'quire_flash']) assert.ok(names.has(name), name);
      for (const cookie of set) {
        assert.equal(cookie.httpOnly, true, `${cookie.name} HttpOnly`);
        assert.equal(cookie.secure, true, `${cookie.name} Secure`);
        assert.equal(String(cookie.sameSite).toLowerCase(), 'lax', `${cookie.name} SameSite`);
        assert.equal(cookie.path, '/', `${cookie.name} Path`);
      }
    });

    it('keeps reset tokens hashed, single-use and expiring, and a reset ends every session', async () => {
      const user = await makeUser(env().ctx);
      const elsewhere = new TestClient(env().app);
      await elsewhere.post('/login', { login: user.username, password: FACTORY_PASSWORD });
      const browser = new TestClient(env().app);
      const ask = async () => {
        await browser.post('/password/forgot', { login: user.email });
        await env().worker.drain();
        const link = resetLinkFor(env().dataDir, user.email)!.slice(env().config.baseUrl.length);
        return { link, token: new URL(link, 'https://x').searchParams.get('token')! };
      };
      const reset = (link: string, token: string) =>
        browser.post(
          '/password/reset',
          { token, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD },
          { csrfFrom: link },
        );

      // Stored as a hash only: the database alone cannot reset anyone's password.
      const first = await ask();
      const rows = await env()
        .ctx.db.selectFrom('password_resets')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      assert.ok(rows.length > 0 && rows.every((r) => r.token_hash !== first.token));
      assert.ok(rows.some((r) => r.token_hash === hashToken(first.token)));

      // Expired: refused, page and form alike.
      await env()
        .ctx.db.updateTable('password_resets')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', hashToken(first.token))
        .execute();
      assert.equal((await browser.get(first.link)).statusCode, 410);
      const late = await browser.post(
        '/password/reset',
        { token: first.token, password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD },
        { csrf: csrfToken((await browser.get('/password/forgot')).body) },
      );
      assert.equal(late.statusCode, 400);
      assert.match(textOf(late.body), /expired or was already used/);

      // A fresh one works once, and ends the session open elsewhere.
      const second = await ask();
      assert.equal((await reset(second.link, second.token)).statusCode, 303);
      assert.equal((await elsewhere.get('/account')).statusCode, 401, 'the other session was ended');
      const again = await browser.post(
        '/password/reset',
        {
          token: second.token,
          password: 'yet another fine passphrase',
          password_confirmation: 'yet another fine passphrase',
        },
        { csrf: csrfToken((await browser.get('/account')).body) },
      );
      assert.equal(again.statusCode, 400, 'single-use');
    });

    it('answers log-in and reset requests alike for unknown and known accounts (no enumeration)', async () => {
      const user = await makeUser(env().ctx);
      const a = new TestClient(env().app);
      const b = new TestClient(env().app);
      const known = await a.post('/login', { login: user.username, password: 'not the password at all' });
      const unknown = await b.post('/login', { login: 'nobody_here_9', password: 'not the password at all' });
      assert.equal(known.statusCode, 401);
      assert.equal(comparable(known, user.username), comparable(unknown, 'nobody_here_9'));
      const knownMail = await a.post('/login', { login: user.email, password: 'not the password at all' });
      const unknownMail = await b.post('/login', {
        login: 'nobody@example.net',
        password: 'not the password at all',
      });
      assert.equal(comparable(knownMail, user.email), comparable(unknownMail, 'nobody@example.net'));

      const resetKnown = await a.post('/password/forgot', { login: user.email });
      const resetUnknown = await b.post('/password/forgot', { login: 'nobody@example.net' });
      assert.equal(resetKnown.statusCode, 200);
      assert.equal(comparable(resetKnown, user.email), comparable(resetUnknown, 'nobody@example.net'));

      // Sign-up says "taken" where it cannot be avoided, as AO3 does: usernames are public anyway
      // (/users/<name>), and an e-mail address can have one account (docs/decisions.md).
      const taken = await new TestClient(env().app).post('/signup', {
        username: user.username,
        email: 'someone.new@example.net',
        password: NEW_PASSWORD,
        password_confirmation: NEW_PASSWORD,
      });
      assert.equal(taken.statusCode, 422);
      assert.match(textOf(taken.body), /That username is already taken/);
    });
  },
  { config: { baseUrl: 'https://fic.example.org', secureCookies: true } },
);
