// The privacy matrix (issue 9): every protected kind × every viewer × every surface, on both databases.
// The expectations are data (matrix.ts); the checkers request the real pages (surfaces.ts); the world
// is built once per database (world.ts). To add a kind: an item in world.ts and a row in rows-*.ts. To
// add a surface: a checker in surfaces.ts and a cell in every row (the type checker lists the rows).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { TestClient } from '../client.ts';
import { FACTORY_PASSWORD } from '../factories.ts';
import { eachDialect } from '../harness.ts';
import { startSmtpSink } from '../smtp-sink.ts';
import { MATRIX } from './matrix.ts';
import { type Fetched, type Probe, SURFACE_NAMES, SURFACES } from './surfaces.ts';
import { buildWorld, VIEWERS, type ViewerName, type World } from './world.ts';

const sink = await startSmtpSink();
const profile: [string, number][] | null = process.env.PRIVACY_PROFILE ? [] : null;
after(() => {
  if (!profile) return;
  const sums = new Map<string, [number, number]>();
  for (const [url, ms] of profile) {
    const [n, t] = sums.get(url) ?? [0, 0];
    sums.set(url, [n + 1, t + ms]);
  }
  for (const [url, [n, t]] of [...sums].sort((a, b) => b[1][1] - a[1][1]).slice(0, 25))
    console.log(`${t.toFixed(0).padStart(7)} ms ${String(n).padStart(4)}× ${url}`);
});
after(() => sink.close());

it('the table is whole: every row names every surface with one mark per viewer, every item has its row', () => {
  for (const row of MATRIX) {
    assert.deepEqual(Object.keys(row.cells).sort(), [...SURFACE_NAMES].sort(), row.kind);
    for (const [surface, cell] of Object.entries(row.cells))
      assert.match(cell, new RegExp(`^(n/a|[Y.]{${VIEWERS.length}})$`), `${row.kind} · ${surface}`);
  }
  const items = MATRIX.map((row) => row.item);
  assert.equal(new Set(items).size, items.length, 'one row per item');
});

eachDialect(
  'privacy matrix',
  (env) => {
    let world: World;
    let probe: Probe;

    before(async () => {
      world = await buildWorld(env());
      const { app } = env();
      const clients = new Map<ViewerName, TestClient>();
      for (const name of VIEWERS) {
        const user = world.users[name];
        if (!user) continue;
        const client = new TestClient(app);
        const answer = await client.post('/login', { login: user.username, password: FACTORY_PASSWORD });
        assert.equal(answer.statusCode, 303, `${name} logs in`);
        clients.set(name, client);
      }
      const cache = new Map<string, Promise<Fetched>>();
      probe = {
        env: env(),
        world,
        mailsTo: sink.mailsTo,
        get(viewer, url, how = 'session') {
          const key = `${viewer} ${how} ${url}`;
          let answer = cache.get(key);
          if (!answer) {
            const client = clients.get(viewer);
            const token = world.apiTokens[viewer];
            answer = (
              how === 'session' && client
                ? client.get(url)
                : app.inject({
                    method: 'GET',
                    url,
                    headers: how === 'api' && token ? { authorization: `Bearer ${token}` } : {},
                  })
            ).then((r) => {
              if (profile)
                profile.push([url.replace(/\d+/g, 'N').replace(/\?.*/, '?'), performance.now() - t0]);
              return { status: r.statusCode, body: r.body };
            });
            const t0 = performance.now();
            cache.set(key, answer);
          }
          return answer;
        },
      };
    });

    it('every item of the world has its row', () => {
      assert.deepEqual(MATRIX.map((row) => row.item).sort(), Object.keys(world.items).sort());
    });

    for (const row of MATRIX) {
      it(`${row.kind}`, async () => {
        const item = world.items[row.item];
        assert.ok(item, `no item ${row.item} in the world`);
        // Every cell of the row at once (PostgreSQL overlaps the queries); answers are cached per URL.
        const checked = await Promise.all(
          SURFACE_NAMES.filter((surface) => row.cells[surface] !== 'n/a').map(async (surface) => {
            const seen = await Promise.all(VIEWERS.map((viewer) => SURFACES[surface](probe, item, viewer)));
            return { surface, actual: seen.map((visible) => (visible ? 'Y' : '.')).join('') };
          }),
        );
        const wrong = checked
          .filter(({ surface, actual }) => actual !== row.cells[surface])
          .map(
            ({ surface, actual }) => `${surface.padEnd(12)} expected ${row.cells[surface]}, got ${actual}`,
          );
        assert.deepEqual(wrong, [], `${row.kind} (viewers: ${VIEWERS.join(' ')})\n${wrong.join('\n')}`);
      });
    }
  },
  { config: { smtpUrl: sink.url } },
);
