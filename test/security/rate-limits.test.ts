import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { runMaintenance } from '../../src/jobs/maintenance.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { countHit } from '../../src/web/security/rate-limit-store.ts';
import { LIMITED_ROUTES, RATE_WINDOW_MS } from '../../src/web/security/rate-limits.ts';
import { TestClient, textOf } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import { eachDialect } from '../harness.ts';

const MAX = 3;

/** A URL for a route pattern: every `:param` filled, so the request reaches the route. */
const fill = (url: string) => url.replace(/:(\w+)/g, (_m, name: string) => (name === 'name' ? 'x' : '1'));

eachDialect(
  'rate limits shared by every app process on the database',
  (env) => {
    // A second app process on the same database: its own connection, its own server.
    let second: { runtime: Runtime; app: FastifyInstance };
    before(async () => {
      const runtime = await openRuntime({
        config: env().config,
        log: pino({ level: 'silent' }),
        listen: true,
      });
      second = { runtime, app: await buildApp(runtime.ctx, { rateLimitMax: MAX }) };
      await second.app.ready();
    });
    after(async () => {
      await second?.app.close();
      await second?.runtime.close();
    });

    const send = (app: FastifyInstance, method: string, url: string, ip: string) =>
      app.inject({
        method: method as 'POST',
        url,
        remoteAddress: ip,
        ...(url.startsWith('/api/')
          ? { payload: {} }
          : { payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      });

    it('limits every abuse-prone write in the list, each route on its own, counted across processes', async () => {
      const registered = new Set(env().app.routeList.map((r) => `${r.method} ${r.url}`));
      for (const route of LIMITED_ROUTES) {
        assert.ok(registered.has(`${route.method} ${route.url}`), `${route.method} ${route.url} is a route`);
      }
      let n = 0;
      for (const route of LIMITED_ROUTES) {
        // A fresh client address per route, so each route starts from nothing.
        const ip = `10.1.${Math.floor(++n / 250)}.${n % 250}`;
        const url = fill(route.url);
        const statuses: number[] = [];
        let last: LightMyRequestResponse | undefined;
        // Alternating between the two processes: the allowance is one, not one each.
        for (let i = 0; i <= MAX; i++) {
          last = await send(i % 2 === 0 ? env().app : second.app, route.method, url, ip);
          statuses.push(last.statusCode);
        }
        const what = `${route.method} ${route.url}`;
        assert.ok(
          statuses.slice(0, MAX).every((s) => s !== 429),
          `${what}: ${statuses}`,
        );
        assert.equal(statuses[MAX], 429, `${what}: ${statuses}`);
        const wait = Number(last!.headers['retry-after']);
        assert.ok(wait >= 1 && wait <= RATE_WINDOW_MS / 1000, `${what}: Retry-After ${wait}`);
        if (route.url.startsWith('/api/')) {
          assert.equal(last!.json().error.code, 'rate_limited', what);
          assert.match(last!.json().error.message, /Please wait \d+ seconds/);
        } else {
          assert.match(last!.body, /<title>Slow down a little/, what);
          assert.match(
            textOf(last!.body),
            /Too many attempts\. Please wait \d+ seconds and try again\./,
            what,
          );
        }
      }
    });

    it('counts guests by address and signed-in readers by account', async () => {
      const url = '/password/forgot';
      for (let i = 0; i < MAX; i++) await send(env().app, 'POST', url, '10.9.0.1');
      assert.equal((await send(env().app, 'POST', url, '10.9.0.1')).statusCode, 429);
      assert.notEqual((await send(second.app, 'POST', url, '10.9.0.2')).statusCode, 429, 'another address');

      // Two readers behind one address (a school, a NAT) each have their own allowance.
      const [a, b] = [await makeUser(env().ctx), await makeUser(env().ctx)];
      const clients = [new TestClient(env().app), new TestClient(second.app)];
      await clients[0]!.post('/login', { login: a.username, password: FACTORY_PASSWORD });
      await clients[1]!.post('/login', { login: b.username, password: FACTORY_PASSWORD });
      const kudos = (client: TestClient) => client.post('/works/999999/kudos', {}, { csrf: 'forged' });
      for (let i = 0; i < MAX; i++) assert.notEqual((await kudos(clients[0]!)).statusCode, 429);
      assert.equal((await kudos(clients[0]!)).statusCode, 429);
      assert.notEqual((await kudos(clients[1]!)).statusCode, 429, 'the other account is not limited');
    });

    it('starts a new window once the old one ends, and maintenance deletes ended windows', async () => {
      const db = env().ctx.db;
      const t0 = Date.UTC(2030, 0, 1);
      assert.deepEqual(await countHit(db, 'test|window', 60_000, t0), { current: 1, ttl: 60_000 });
      assert.deepEqual(await countHit(db, 'test|window', 60_000, t0 + 59_000), { current: 2, ttl: 1_000 });
      assert.deepEqual(await countHit(db, 'test|window', 60_000, t0 + 60_000), { current: 1, ttl: 60_000 });
      const live = await db.selectFrom('rate_limits').select('key').execute();
      assert.ok(live.length > LIMITED_ROUTES.length, 'the routes above left their counts');
      // An hour on, only the row whose window ends in 2030 is still live.
      const report = await runMaintenance(env().ctx, new Date(Date.now() + 60 * 60_000));
      assert.equal(report.rateLimits, live.length - 1);
      const left = await db.selectFrom('rate_limits').select('key').execute();
      assert.deepEqual(left, [{ key: 'test|window' }]);
    });
  },
  { app: { rateLimitMax: MAX } },
);
