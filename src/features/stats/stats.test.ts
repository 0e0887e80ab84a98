import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { TestClient, textOf, signedInClient } from '../../../test/client.ts';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedWorkInput } from '../../../test/seed.ts';
import { nowIso } from '../../lib/clock.ts';
import { xmlProblem } from '../downloads/xml-check.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { forgetOldVisits, recordHit } from '../works/hits.ts';
import { setWorkCounter } from '../works/work-counters.ts';
import { postWork } from '../works/works.service.ts';
import { countKudosDay, dayOf } from './daily-stats.ts';
import { creatorStats, statsQuerySchema } from './stats.service.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

eachDialect('creator statistics', (env) => {
  let writer: Viewer & { password: string };
  let reader: Viewer & { password: string };
  const ids = { old: 0, recent: 0, draft: 0, other: 0 };

  const query = (raw: Record<string, string> = {}) => statsQuerySchema.parse(raw);
  const login = (user: { username: string; password: string }) =>
    signedInClient(env().app, user, user.password);
  const giveKudos = async (workId: number, userId: number, day: string) => {
    await env()
      .ctx.db.insertInto('kudos')
      .values({ work_id: workId, user_id: userId, guest_key: null, day, created_at: nowIso() })
      .execute();
    const n = await env()
      .ctx.db.selectFrom('kudos')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('work_id', '=', workId)
      .executeTakeFirstOrThrow();
    await setWorkCounter(env().ctx.db, workId, 'kudos_count', async () => Number(n.n));
    return countKudosDay(env().ctx.db, workId, day);
  };

  before(async () => {
    const { ctx } = env();
    writer = await makeUser(ctx);
    reader = await makeUser(ctx);
    const fans = await Promise.all([1, 2, 3].map(() => makeUser(ctx)));
    ids.old = (
      await postWork(ctx, writer, seedWorkInput({ title: 'Zephyr', series: null, postedAt: '2024-03-01' }))
    ).workId;
    ids.recent = (
      await postWork(
        ctx,
        writer,
        seedWorkInput({
          title: 'Aurora',
          series: null,
          postedAt: '2025-06-01',
          chapter: { body: 'One two three four five.', format: 'text' },
        }),
      )
    ).workId;
    ids.draft = (
      await postWork(ctx, writer, seedWorkInput({ title: 'Middle draft', series: null, draft: true }))
    ).workId;
    ids.other = (await postWork(ctx, reader, seedWorkInput({ title: 'Not mine', series: null }))).workId;

    // Hits: Zephyr 3 visitors today (one twice) and 2 ten days ago; Aurora 1 today; the other's work 4.
    for (const v of ['a', 'b', 'c', 'a']) await recordHit(ctx.db, ids.old, v, daysAgo(0));
    for (const v of ['a', 'b']) await recordHit(ctx.db, ids.old, v, daysAgo(10));
    await recordHit(ctx.db, ids.recent, 'a', daysAgo(0));
    for (const v of ['a', 'b', 'c', 'd']) await recordHit(ctx.db, ids.other, v, daysAgo(0));
    // Kudos: Zephyr two today and one 40 days ago; Aurora one 200 days ago (outside 90 days, inside 12 months).
    await giveKudos(ids.old, fans[0]!.id, dayOf(daysAgo(0)));
    await giveKudos(ids.old, fans[1]!.id, dayOf(daysAgo(0)));
    await giveKudos(ids.old, fans[2]!.id, dayOf(daysAgo(40)));
    await giveKudos(ids.recent, fans[0]!.id, dayOf(daysAgo(200)));
    await setWorkCounter(ctx.db, ids.old, 'comment_count', async () => 4);
    await setWorkCounter(ctx.db, ids.recent, 'comment_count', async () => 1);
    await setWorkCounter(ctx.db, ids.old, 'bookmark_count', async () => 2);
    await setWorkCounter(ctx.db, ids.other, 'bookmark_count', async () => 9);
    for (const fan of fans)
      await ctx.db
        .insertInto('subscriptions')
        .values({ user_id: fan.id, target_type: 'work', target_id: ids.recent, created_at: nowIso() })
        .execute();
    // A subscription to a creator whose id happens to be a work's id is not a work's subscriber.
    await ctx.db
      .insertInto('subscriptions')
      .values({ user_id: reader.id, target_type: 'user', target_id: ids.old, created_at: nowIso() })
      .execute();
  });

  it('counts hits, kudos, comments, bookmarks, subscriptions and words per work, drafts included, with totals', async () => {
    const { ctx } = env();
    const stats = await creatorStats(ctx, writer.id, query({ sort: 'title', dir: 'asc' }));
    const words = await ctx.db
      .selectFrom('works')
      .select(['id', 'word_count'])
      .where('id', 'in', [ids.old, ids.recent, ids.draft])
      .execute();
    const wordsOf = new Map(words.map((w) => [w.id, w.word_count]));
    assert.equal(wordsOf.get(ids.recent), 5);
    assert.deepEqual(
      stats.works.map((w) => [
        w.title,
        w.status,
        w.hits,
        w.kudos,
        w.comments,
        w.bookmarks,
        w.subscriptions,
        w.words,
      ]),
      [
        ['Aurora', 'posted', 1, 1, 1, 0, 3, 5],
        ['Middle draft', 'draft', 0, 0, 0, 0, 0, wordsOf.get(ids.draft)],
        ['Zephyr', 'posted', 5, 3, 4, 2, 0, wordsOf.get(ids.old)],
      ],
    );
    assert.deepEqual(stats.totals, {
      words: 5 + wordsOf.get(ids.draft)! + wordsOf.get(ids.old)!,
      hits: 6,
      kudos: 4,
      comments: 5,
      bookmarks: 2,
      subscriptions: 3,
    });
    assert.ok(!stats.works.some((w) => w.id === ids.other), 'only the account’s own works');
  });

  it('filters by the year published, lists the years, and sorts by each column', async () => {
    const { ctx } = env();
    const y2024 = await creatorStats(ctx, writer.id, query({ year: '2024' }));
    assert.deepEqual(y2024.years, [2025, 2024]);
    assert.deepEqual(
      y2024.works.map((w) => w.title),
      ['Zephyr'],
    );
    assert.equal(y2024.totals.hits, 5);
    const titles = async (sort: string, dir: string) =>
      (await creatorStats(ctx, writer.id, query({ sort, dir }))).works.map((w) => w.title);
    assert.deepEqual(await titles('hits', 'desc'), ['Zephyr', 'Aurora', 'Middle draft']);
    assert.deepEqual(await titles('hits', 'asc'), ['Middle draft', 'Aurora', 'Zephyr']);
    assert.deepEqual(await titles('subscriptions', 'desc'), ['Aurora', 'Middle draft', 'Zephyr']);
    assert.deepEqual(await titles('kudos', 'desc'), ['Zephyr', 'Aurora', 'Middle draft']);
    assert.deepEqual(await titles('title', 'desc'), ['Zephyr', 'Middle draft', 'Aurora']);
    assert.deepEqual(
      await titles('date', 'asc'),
      ['Middle draft', 'Zephyr', 'Aurora'],
      'a draft has no date',
    );
    assert.deepEqual(await titles('comments', 'asc'), ['Middle draft', 'Aurora', 'Zephyr']);
    assert.deepEqual(await titles('bookmarks', 'desc'), ['Zephyr', 'Aurora', 'Middle draft']);
  });

  it('keeps daily hits and kudos after the visits are forgotten: 90 days by day, 12 months by month, one work or all', async () => {
    const { ctx } = env();
    await forgetOldVisits(ctx.db, daysAgo(-1));
    const daily = (await creatorStats(ctx, writer.id, query())).series;
    assert.equal(daily.unit, 'day');
    assert.equal(daily.points.length, 90);
    assert.equal(daily.points.at(-1)!.period, dayOf(daysAgo(0)));
    const at = (n: number) => daily.points.find((p) => p.period === dayOf(daysAgo(n)))!;
    assert.deepEqual([at(0).hits, at(0).kudos], [4, 2]);
    assert.deepEqual([at(10).hits, at(10).kudos], [2, 0]);
    assert.deepEqual([at(40).hits, at(40).kudos], [0, 1]);
    assert.equal(
      daily.points.reduce((n, p) => n + p.kudos, 0),
      3,
      'the kudos of 200 days ago are outside',
    );

    const monthly = (await creatorStats(ctx, writer.id, query({ range: '12m' }))).series;
    assert.equal(monthly.points.length, 12);
    assert.equal(monthly.points.at(-1)!.period, dayOf(daysAgo(0)).slice(0, 7));
    assert.equal(
      monthly.points.reduce((n, p) => n + p.hits, 0),
      6,
    );
    assert.equal(
      monthly.points.reduce((n, p) => n + p.kudos, 0),
      4,
    );

    const one = (await creatorStats(ctx, writer.id, query({ work: String(ids.recent) }))).series;
    assert.equal(one.workId, ids.recent);
    assert.equal(
      one.points.reduce((n, p) => n + p.hits, 0),
      1,
    );
    const notMine = (await creatorStats(ctx, writer.id, query({ work: String(ids.other) }))).series;
    assert.equal(notMine.workId, null, 'another creator’s work is not charted: all works are');
    assert.equal(
      notMine.points.reduce((n, p) => n + p.hits, 0),
      6,
    );
  });

  it('recounts a day’s kudos from the rows (countKudosDay), so a removed kudos leaves the series too', async () => {
    const { ctx } = env();
    const today = dayOf(daysAgo(0));
    const row = () =>
      ctx.db
        .selectFrom('work_daily_stats')
        .select(['hits', 'kudos'])
        .where('work_id', '=', ids.old)
        .where('day', '=', today)
        .executeTakeFirstOrThrow();
    assert.deepEqual(await row(), { hits: 3, kudos: 2 });
    const one = await ctx.db
      .selectFrom('kudos')
      .select('id')
      .where('work_id', '=', ids.old)
      .where('day', '=', today)
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom('kudos').where('id', '=', one.id).execute();
    assert.equal(await countKudosDay(ctx.db, ids.old, today), 1);
    assert.equal(await countKudosDay(ctx.db, ids.old, today), 1, 'a recount again changes nothing');
    assert.deepEqual(await row(), { hits: 3, kudos: 1 }, 'hits are kept');
    assert.equal(await countKudosDay(ctx.db, ids.draft, '2020-01-01'), 0);
  });

  it('shows the owner a sortable table with totals and an accessible SVG chart of 90 points', async () => {
    const owner = await login(writer);
    const response = await owner.get(`/users/${writer.username}/stats?sort=title&dir=asc`);
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(
      html,
      /aria-sort="ascending"><a href="\/users\/[^"]+\/stats\?sort=title">Work/,
      'sorted by title: its link turns the order',
    );
    assert.match(html, /<a href="\/users\/[^"]+\/stats\?sort=kudos">Kudos/);
    assert.match(textOf(html), /Total \(3 works\)/);
    assert.match(textOf(html), /Middle draft\s*Draft/);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    assert.equal(xmlProblem(svg), null, 'the chart is well-formed XML');
    assert.match(svg, /role="img"/);
    assert.match(svg, /<title id="stats-chart-title">Hits and kudos over time, all works<\/title>/);
    assert.match(svg, /<desc id="stats-chart-desc">[^<]*6 hits and 2 kudos/);
    const lines = [...svg.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1]!.trim().split(/\s+/));
    assert.equal(lines.length, 2, 'hits and kudos');
    for (const points of lines) {
      assert.equal(points.length, 90);
      for (const p of points) assert.match(p, /^-?[\d.]+,-?[\d.]+$/);
    }
    const tableRows = html.slice(html.indexOf('class="stats-data"')).match(/<tr>/g) ?? [];
    assert.equal(tableRows.length, 91, 'a heading row and one row a day');

    const monthly = (await owner.get(`/users/${writer.username}/stats?range=12m&work=${ids.old}`)).body;
    const monthlySvg = monthly.slice(monthly.indexOf('<svg'), monthly.indexOf('</svg>') + 6);
    assert.equal(xmlProblem(monthlySvg), null);
    assert.match(monthlySvg, /over time, Zephyr<\/title>/);
    const monthlyPoints = monthlySvg
      .match(/<polyline[^>]*points="([^"]*)"/)![1]!
      .trim()
      .split(/\s+/);
    assert.equal(monthlyPoints.length, 12);

    const year = textOf((await owner.get(`/users/${writer.username}/stats?year=2025`)).body);
    assert.match(year, /Aurora/);
    assert.doesNotMatch(year, /Zephyr\s+2024/);
  });

  it('is the owner’s alone: others, admins and guests are refused, on the page and the API', async () => {
    const { ctx } = env();
    const admin = await makeUser(ctx, { role: 'admin' });
    assert.equal((await (await login(reader)).get(`/users/${writer.username}/stats`)).statusCode, 403);
    assert.equal((await (await login(admin)).get(`/users/${writer.username}/stats`)).statusCode, 403);
    assert.equal((await new TestClient(env().app).get(`/users/${writer.username}/stats`)).statusCode, 401);
    assert.equal((await new TestClient(env().app).get(`/users/nobody-here/stats`)).statusCode, 401);

    const call = (token?: string, qs = '') =>
      env().app.inject({
        method: 'GET',
        url: `/api/v1/me/stats${qs}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    assert.equal((await call()).statusCode, 401);
    const { token } = await createToken(ctx, writer.id, 'stats');
    const mine = (await call(token, '?sort=kudos&range=12m')).json();
    assert.deepEqual(
      mine.works.map((w: { title: string; kudos: number }) => [w.title, w.kudos]),
      [
        ['Zephyr', 3],
        ['Aurora', 1],
        ['Middle draft', 0],
      ],
    );
    assert.equal(mine.totals.subscriptions, 3);
    assert.equal(mine.series.points.length, 12);
    const { token: theirs } = await createToken(ctx, reader.id, 'stats');
    const readers = (await call(theirs)).json();
    assert.deepEqual(
      readers.works.map((w: { title: string }) => w.title),
      ['Not mine'],
      'each sees their own',
    );
    const doc = (await env().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/me/stats'].get);
  });
});
