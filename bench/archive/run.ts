// `quire bench browse` and `quire bench search`: fixed, seeded mixes of listings, text searches and
// tag look-ups run through the app's own services (browseWorks, suggestTags) on a seeded archive,
// timed per kind, with the filter engine's share (facets on and off) and the process's memory.
import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../../src/context.ts';
import { browseIndexFor } from '../../src/features/browse/browse-index.ts';
import { browseQuerySchema } from '../../src/features/browse/browse.schema.ts';
import { browseWorks } from '../../src/features/browse/browse.service.ts';
import type { WorkQuery } from '../../src/features/browse/engine/index.ts';
import type { Viewer } from '../../src/features/sessions/sessions.service.ts';
import { suggestTags, warmListings } from '../../src/features/browse/tag-suggestions.ts';
import type { AutocompleteType } from '../../src/features/tags/tags.autocomplete.schema.ts';
import type { SeedProgress } from './seed.ts';
import {
  ProseWriter,
  RATING_NAMES,
  RATING_W,
  type Rng,
  WARNING_NAMES,
  int,
  prng,
  vocabulary,
  weighted,
  zipf,
} from './synthetic.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

export interface Timing {
  kind: string;
  viewer: 'guest' | 'registered';
  runs: number;
  /** Median number of matching works. */
  matches: number;
  p50: number;
  p95: number;
  p99: number;
  /** The filter engine alone (browseIndex.query), with facets (facetLimit 10) and without. */
  engine?: { p95: number; p95NoFacets: number; facetShare: number };
}

export interface BenchReport {
  bench: 'browse' | 'search';
  dialect: string;
  indexedWorks: number;
  runs: number;
  seed: number;
  indexLoadSeconds: number;
  memoryMB: { rssAfterLoad: number; rssAfterRun: number; maxRss: number; heapUsedAfterRun: number };
  loadAverage: { before: number[]; after: number[] };
  machine: string;
  timings: Timing[];
  autocomplete?: Timing[];
}

interface Case {
  query: Record<string, unknown>;
  /** The same listing as the engine sees it (browse bench only). */
  engine?: WorkQuery;
}
interface Kind {
  name: string;
  viewer: 'guest' | 'registered';
  make: (r: Rng) => Case;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
const round = (ms: number) => Math.round(ms * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1048576);

interface NamedTag {
  id: number;
  name: string;
}

async function namesOf(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('tags').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Tags for the query mixes, found through the engine's own facet counts (no full scans). */
async function tagPools(ctx: Ctx) {
  const index = browseIndexFor(ctx.db);
  const all = await index.query({ facetLimit: 100, perPage: 1 });
  const fixedIds = await ctx.db
    .selectFrom('tags')
    .select(['id', 'name', 'type'])
    .where('type', 'in', ['rating', 'warning'])
    .execute();
  const named = await namesOf(
    ctx,
    [...all.facets.fandom, ...all.facets.freeform].map((f) => f.tag),
  );
  const fandoms: NamedTag[] = all.facets.fandom.map((f) => ({ id: f.tag, name: named.get(f.tag)! }));
  const freeforms: NamedTag[] = all.facets.freeform.map((f) => ({ id: f.tag, name: named.get(f.tag)! }));
  const relationshipsOf = new Map<number, NamedTag[]>();
  for (const fandom of fandoms.slice(0, 100)) {
    const within = await index.query({ include: [fandom.id], facetLimit: 10, perPage: 1 });
    const names = await namesOf(
      ctx,
      within.facets.relationship.map((f) => f.tag),
    );
    relationshipsOf.set(
      fandom.id,
      within.facets.relationship.map((f) => ({ id: f.tag, name: names.get(f.tag)! })),
    );
  }
  // Tags first used late in the archive's history are used rarely.
  const rare = await ctx.db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('type', 'in', ['relationship', 'freeform', 'character'])
    .where('merger_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(2000)
    .execute();
  const fixed = new Map(fixedIds.map((t) => [t.name, t.id]));
  return { fandoms, freeforms, relationshipsOf, rare, fixed };
}

async function registeredViewer(ctx: Ctx): Promise<Viewer> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'role'])
    .where('is_system', '=', 0)
    .orderBy('id')
    .limit(1) // executeTakeFirst alone reads every row: 300,000 accounts, ~47 MB of heap at 1M works
    .executeTakeFirst();
  if (!user) throw new Error('no accounts in the database: seed it first (quire bench seed)');
  return { id: user.id, username: user.username, email: user.email, role: user.role };
}

async function browseKinds(ctx: Ctx): Promise<Kind[]> {
  const { fandoms, freeforms, relationshipsOf, rare, fixed } = await tagPools(ctx);
  if (fandoms.length === 0) throw new Error('no listable works in the database: seed it first');
  const top = (r: Rng, n: number) => fandoms[int(r, Math.min(n, fandoms.length))]!;
  const violence = fixed.get(WARNING_NAMES[2]!);
  const listing = (query: Record<string, unknown>, engine: WorkQuery, guest: boolean): Case => ({
    query,
    engine: { sort: 'updated', page: 1, perPage: 20, crossover: 'include', guest, ...engine },
  });
  const popular = (sort?: 'kudos', page?: number) => (r: Rng) => {
    const f = top(r, 30);
    return listing(
      { tags: [f.name], sort, page },
      { include: [f.id], sort: sort ?? 'updated', page: page ?? 1 },
      true,
    );
  };
  const notViolent = (guest: boolean) => (r: Rng) => {
    const f = top(r, 100);
    return listing(
      { tags: [f.name], excludeWarnings: [WARNING_NAMES[2]], crossover: 'exclude' },
      { include: [f.id], exclude: violence ? [violence] : [], crossover: 'exclude' },
      guest,
    );
  };
  return [
    { name: 'popular fandom, by date updated', viewer: 'guest', make: popular() },
    {
      name: 'fandom + relationship + 2 excluded + rating + complete',
      viewer: 'guest',
      make: (r) => {
        const f = fandoms[zipf(r, Math.min(100, fandoms.length))]!;
        const rels = relationshipsOf.get(f.id) ?? [];
        const rel = rels[int(r, Math.min(5, rels.length))];
        const ex = [freeforms[int(r, freeforms.length)]!, freeforms[int(r, freeforms.length)]!];
        const rating = RATING_NAMES[weighted(r, RATING_W)]!;
        const include = [f.id, ...(rel ? [rel.id] : []), fixed.get(rating)!];
        return listing(
          {
            tags: [f.name, ...(rel ? [rel.name] : [])],
            excludeTags: ex.map((t) => t.name),
            rating: [rating],
            complete: 'true',
          },
          { include, exclude: [...new Set(ex.map((t) => t.id))], complete: true },
          true,
        );
      },
    },
    {
      name: 'rare tag',
      viewer: 'guest',
      make: (r) => {
        const t = rare[int(r, rare.length)]!;
        return listing({ tags: [t.name] }, { include: [t.id] }, true);
      },
    },
    {
      name: 'word-count range over everything',
      viewer: 'guest',
      make: (r) => {
        const from = [0, 1000, 5000, 10_000, 40_000][int(r, 5)]!;
        const to = r() < 0.3 ? undefined : from * (2 + int(r, 8)) + 1000;
        return listing({ wordsFrom: from, wordsTo: to }, { wordsFrom: from, wordsTo: to }, true);
      },
    },
    { name: 'popular fandom, by kudos', viewer: 'guest', make: popular('kudos') },
    { name: 'popular fandom, page 50', viewer: 'guest', make: popular(undefined, 50) },
    { name: 'everything, no filters', viewer: 'guest', make: () => listing({}, {}, true) },
    { name: 'fandom − violence, crossovers out', viewer: 'guest', make: notViolent(true) },
    { name: 'fandom − violence, crossovers out', viewer: 'registered', make: notViolent(false) },
  ];
}

async function searchKinds(ctx: Ctx): Promise<Kind[]> {
  const { fandoms } = await tagPools(ctx);
  const words = vocabulary();
  const common = (r: Rng) => words[50 + zipf(r, 3000)]!;
  const names = [
    'Harry',
    'Sherlock',
    'Steve',
    'Castiel',
    'Hermione',
    'Geralt',
    'Kara',
    'Zuko',
    'Levi',
    'Crowley',
  ];
  const phraseFrom = (r: Rng) => {
    const plain: string[] = [];
    new ProseWriter(words, r).paragraphs(12, [], [], plain);
    const k = int(r, plain.length - 1);
    return `"${plain[k]} ${plain[k + 1]}"`;
  };
  const kinds: [string, (r: Rng) => string][] = [
    ['one word', (r) => (r() < 0.3 ? names[int(r, names.length)]! : common(r))],
    ['one rare word', (r) => words[3000 + int(r, words.length - 3000)]!],
    ['two words', (r) => `${common(r)} ${common(r)}`],
    ['quoted phrase', phraseFrom],
    ['word −excluded', (r) => `${common(r)} -${words[20 + int(r, 200)]}`],
    ['fandom: + word', (r) => `fandom:"${fandoms[int(r, Math.min(30, fandoms.length))]!.name}" ${common(r)}`],
    ['word words>5000', (r) => `${common(r)} words>5000`],
    ['word complete:yes', (r) => `${common(r)} complete:yes`],
  ];
  return kinds.map(([name, make]) => ({ name, viewer: 'guest', make: (r) => ({ query: { q: make(r) } }) }));
}

const AUTOCOMPLETE_TYPES: AutocompleteType[] = ['fandom', 'character', 'relationship', 'freeform'];
const AUTOCOMPLETE_BUDGET_MS = 45_000;

async function autocompleteKinds(ctx: Ctx) {
  const sample = await ctx.db
    .selectFrom('tags')
    .select(['name', 'type'])
    .where('type', 'in', AUTOCOMPLETE_TYPES)
    .where(sql<boolean>`id % 97 = 5`)
    .orderBy('id')
    .limit(5000)
    .execute();
  const ofType = (type: string) => sample.filter((t) => t.type === type).map((t) => t.name);
  const pick = (r: Rng) => {
    const type = AUTOCOMPLETE_TYPES[weighted(r, [30, 30, 20, 20])]!;
    const names = ofType(type);
    return { type, name: names.length ? names[int(r, names.length)]! : 'a' };
  };
  const prefix = (letters: (r: Rng) => number) => (r: Rng) => {
    const p = pick(r);
    return { type: p.type, q: p.name.slice(0, letters(r)) };
  };
  const kinds: [string, (r: Rng) => { type: AutocompleteType; q: string }][] = [
    ['1 letter', prefix(() => 1)],
    ['2 letters', prefix(() => 2)],
    ['3–4 letters', prefix((r) => 3 + int(r, 2))],
    [
      'word start ("Sam W")',
      (r) => {
        const p = pick(r);
        const space = p.name.indexOf(' ');
        return { type: p.type, q: space > 0 ? p.name.slice(0, space + 2 + int(r, 2)) : p.name.slice(0, 4) };
      },
    ],
  ];
  return kinds;
}

function machine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}`;
}

async function timeKinds(
  ctx: Ctx,
  kinds: Kind[],
  runs: number,
  seed: number,
  viewerOf: (v: 'guest' | 'registered') => Viewer | null,
  progress: SeedProgress,
  withEngine: boolean,
): Promise<Timing[]> {
  const index = browseIndexFor(ctx.db);
  const timings: Timing[] = [];
  progress.start(kinds.length * runs, 'queries');
  let done = 0;
  for (const [k, kind] of kinds.entries()) {
    const viewer = viewerOf(kind.viewer);
    // Warm up (not timed): the statement caches and the engine's buffers.
    const warm = prng(seed * 7 + k + 500);
    for (let i = 0; i < 5; i++)
      await browseWorks(ctx, viewer, browseQuerySchema.parse(kind.make(warm).query));
    const r = prng(seed * 1000 + k);
    const total: number[] = [];
    const withFacets: number[] = [];
    const noFacets: number[] = [];
    const matches: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c = kind.make(r);
      const query = browseQuerySchema.parse(c.query);
      let t = performance.now();
      const result = await browseWorks(ctx, viewer, query);
      total.push(performance.now() - t);
      matches.push(result.total);
      if (withEngine && c.engine) {
        t = performance.now();
        await index.query({ ...c.engine, facetLimit: 10 });
        withFacets.push(performance.now() - t);
        t = performance.now();
        await index.query({ ...c.engine, facetLimit: 0 });
        noFacets.push(performance.now() - t);
      }
      progress.update(++done);
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const share = withFacets.length ? Math.max(0, sum(withFacets) - sum(noFacets)) / sum(total) : 0;
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const st = sorted(total);
    timings.push({
      kind: kind.name,
      viewer: kind.viewer,
      runs,
      matches: pct(sorted(matches), 0.5),
      p50: round(pct(st, 0.5)),
      p95: round(pct(st, 0.95)),
      p99: round(pct(st, 0.99)),
      engine: withFacets.length
        ? {
            p95: round(pct(sorted(withFacets), 0.95)),
            p95NoFacets: round(pct(sorted(noFacets), 0.95)),
            facetShare: Math.round(share * 100) / 100,
          }
        : undefined,
    });
  }
  progress.stop();
  return timings;
}

async function timeAutocomplete(ctx: Ctx, runs: number, seed: number, progress: SeedProgress) {
  const kinds = await autocompleteKinds(ctx);
  // As the server does at start (server.ts): every type's popular list is built before readers come.
  await warmListings(ctx);
  const timings: Timing[] = [];
  progress.start(kinds.length * runs, 'tag look-ups');
  let done = 0;
  for (const [k, [name, make]] of kinds.entries()) {
    const r = prng(seed * 31 + k);
    const times: number[] = [];
    const found: number[] = [];
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      const { type, q } = make(r);
      const t = performance.now();
      const suggestions = await suggestTags(ctx, null, type, q);
      times.push(performance.now() - t);
      found.push(suggestions.length);
      progress.update(++done);
      if (performance.now() - started > AUTOCOMPLETE_BUDGET_MS) break;
    }
    done = (k + 1) * runs;
    progress.update(done);
    times.sort((a, b) => a - b);
    timings.push({
      kind: name,
      viewer: 'guest',
      runs: times.length,
      matches: pct(
        found.sort((a, b) => a - b),
        0.5,
      ),
      p50: round(pct(times, 0.5)),
      p95: round(pct(times, 0.95)),
      p99: round(pct(times, 0.99)),
    });
  }
  progress.stop();
  return timings;
}

async function run(
  bench: 'browse' | 'search',
  ctx: Ctx,
  options: { runs: number; seed: number },
  progress: SeedProgress,
): Promise<BenchReport> {
  const loadBefore = os.loadavg();
  const index = browseIndexFor(ctx.db);
  progress.step('loading the filter engine');
  const t0 = performance.now();
  await index.ready();
  const indexLoadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const rssAfterLoad = process.memoryUsage().rss;
  const registered = await registeredViewer(ctx);
  const viewerOf = (v: 'guest' | 'registered') => (v === 'guest' ? null : registered);
  const kinds = bench === 'browse' ? await browseKinds(ctx) : await searchKinds(ctx);
  const timings = await timeKinds(
    ctx,
    kinds,
    options.runs,
    options.seed,
    viewerOf,
    progress,
    bench === 'browse',
  );
  const autocomplete =
    bench === 'browse'
      ? await timeAutocomplete(ctx, Math.min(options.runs, 50), options.seed, progress)
      : undefined;
  const memory = process.memoryUsage();
  return {
    bench,
    dialect: ctx.dialect,
    indexedWorks: index.size,
    runs: options.runs,
    seed: options.seed,
    indexLoadSeconds,
    memoryMB: {
      rssAfterLoad: mb(rssAfterLoad),
      rssAfterRun: mb(memory.rss),
      maxRss: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedAfterRun: mb(memory.heapUsed),
    },
    loadAverage: { before: loadBefore, after: os.loadavg() },
    machine: machine(),
    timings,
    autocomplete,
  };
}

export const runBrowseBench = (ctx: Ctx, options: { runs: number; seed: number }, progress: SeedProgress) =>
  run('browse', ctx, options, progress);
export const runSearchBench = (ctx: Ctx, options: { runs: number; seed: number }, progress: SeedProgress) =>
  run('search', ctx, options, progress);
