// Browse engine benchmark: a synthetic archive of WORKS works (default 1,000,000; RUNS queries per kind,
// default 200) generated with a seeded PRNG, bulk-loaded into a WorkIndex, then a fixed seeded mix of
// filtered listings (each with and without facet counts), updates and removals.
// Run: `node --import tsx bench/browse-engine.bench.ts`. Prints Markdown for docs/performance.md.
// Target: p95 ≤ 60 ms per listing WITH facets at 1M works on 2 cores.
//
// The archive: 30,000 fandoms with Zipf popularity, each with its own character and relationship pools
// (bigger for popular fandoms, Zipf within); 80,000 global freeforms (Zipf); ratings, warnings and
// categories with AO3-like skew; ~12 tags per work; 5% crossovers; 3% restricted; log-normal word
// counts and hits; dates over 20 years (more recent ones likelier); 300,000 accounts (Zipf), 3% co-written.
// Every fandom, character, relationship and freeform is given a facet type up front, used or not.
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { WorkIndex, type WorkDoc, type WorkQuery } from '../src/features/browse/engine/index.ts';
import {
  CATEGORY_W,
  LANG_W,
  LANGS,
  RATING_W,
  type Rng,
  WARNING_W,
  fandomPicker,
  fandomPools,
  int,
  logNormal,
  prng,
  weighted,
  word,
  zipf,
} from './archive/synthetic.ts';

const WORKS = Number(process.env.WORKS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 200);
const FANDOMS = 30_000;
const FREEFORMS = 80_000;
const NOW = 1_767_225_600; // 2026-01-01
const SPAN = 20 * 365 * 86_400;

// A full collection before reading RSS, without needing --expose-gc on the command line. Array buffers
// are freed by a concurrent sweeper after the collection: give it a moment, then collect again.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const gc = async () => {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 250));
  collect();
};

// ---- The tag universe (generator parts shared with bench/archive: ./archive/synthetic.ts) ----
const RATINGS = [1, 2, 3, 4, 5]; // General, Teen, Mature, Explicit, Not Rated
const WARNINGS = [11, 12, 13, 14, 15, 16]; // No Archive Warnings Apply, Choose Not To Use, violence, MCD, non-con, underage
const CATEGORIES = [21, 22, 23, 24, 25, 26]; // M/M, F/M, Gen, F/F, Multi, Other
const fandomTag = (rank: number) => 1000 + rank;
const freeformTag = (rank: number) => 100_000 + rank;
const { charBase, charCount, relBase, relCount } = fandomPools(FANDOMS, 1_000_000);
const pickFandom = fandomPicker(FANDOMS);

/** Work number i (1-based) — regenerable from i alone. */
function makeDoc(i: number, variant = 0): WorkDoc {
  const r = prng(i * 7919 + variant * 104_729);
  const fandoms = [pickFandom(r)];
  const extra = r() < 0.05 ? (r() < 0.8 ? 1 : 2) : 0;
  for (let k = 0; k < extra; k++) fandoms.push(pickFandom(r));
  const tags = [RATINGS[weighted(r, RATING_W)]!, WARNINGS[weighted(r, WARNING_W)]!];
  if (r() < 0.15) tags.push(WARNINGS[2 + int(r, 4)]!);
  tags.push(CATEGORIES[weighted(r, CATEGORY_W)]!);
  if (r() < 0.2) tags.push(CATEGORIES[weighted(r, CATEGORY_W)]!);
  for (const f of fandoms) tags.push(fandomTag(f));
  const rels = weighted(r, [15, 45, 28, 12]);
  for (let k = 0; k < rels; k++) {
    const f = fandoms[int(r, fandoms.length)]!;
    tags.push(relBase[f]! + zipf(r, relCount[f]!));
  }
  const chars = 1 + int(r, 6);
  for (let k = 0; k < chars; k++) {
    const f = fandoms[int(r, fandoms.length)]!;
    tags.push(charBase[f]! + zipf(r, charCount[f]!));
  }
  const frees = int(r, 8);
  for (let k = 0; k < frees; k++) tags.push(freeformTag(zipf(r, FREEFORMS)));
  const creator = 1 + zipf(r, 300_000);
  const publishedAt = Math.floor(NOW - SPAN * (1 - Math.sqrt(r())));
  const complete = r() < 0.65;
  const revisedAt = complete
    ? publishedAt + (r() < 0.6 ? 0 : int(r, 30 * 86_400))
    : publishedAt + Math.floor((NOW - publishedAt) * r());
  const hits = Math.floor(logNormal(r, 800, 1.4));
  const kudos = Math.floor(hits * 0.07 * logNormal(r, 1, 0.5));
  return {
    id: i,
    tags,
    fandomCount: new Set(fandoms).size,
    creators: r() < 0.03 ? [creator, 1 + zipf(r, 300_000)] : [creator],
    complete,
    restricted: r() < 0.03,
    words: Math.max(100, Math.min(2_000_000, Math.floor(logNormal(r, 3500, 1.2)))),
    revisedAt,
    publishedAt,
    language: LANGS[weighted(r, LANG_W)]!,
    hits,
    kudos,
    comments: Math.floor(kudos * 0.12 * logNormal(r, 1, 0.6)),
    bookmarks: Math.floor(kudos * 0.15 * logNormal(r, 1, 0.6)),
    title: `${word(r)} ${word(r)}${r() < 0.5 ? ` ${word(r)}` : ''}`,
    creatorName: `user${creator}`,
  };
}

let generateMs = 0;
/** The archive as a stream (1M work objects at once would dwarf the index), timing its own generation. */
function* archive(n: number): Generator<WorkDoc> {
  for (let i = 1; i <= n; i++) {
    const start = performance.now();
    const doc = makeDoc(i);
    generateMs += performance.now() - start;
    yield doc;
  }
}

// ---- Load ----
const load0 = os.loadavg();
const rss0 = process.memoryUsage().rss;
const index = new WorkIndex();
for (const t of RATINGS) index.setTagType(t, 'rating');
for (const t of WARNINGS) index.setTagType(t, 'warning');
for (const t of CATEGORIES) index.setTagType(t, 'category');
for (let f = 0; f < FANDOMS; f++) {
  index.setTagType(fandomTag(f), 'fandom');
  for (let k = 0; k < charCount[f]!; k++) index.setTagType(charBase[f]! + k, 'character');
  for (let k = 0; k < relCount[f]!; k++) index.setTagType(relBase[f]! + k, 'relationship');
}
for (let k = 0; k < FREEFORMS; k++) index.setTagType(freeformTag(k), 'freeform');
const t0 = performance.now();
index.bulkLoad(archive(WORKS), WORKS);
const loadMs = performance.now() - t0 - generateMs;
await gc();
const memory = process.memoryUsage();
const indexBytes = index.memoryBytes();
const partsLoaded = index.memoryBreakdown();

// ---- Queries ----
type Kind = { name: string; make: (r: Rng) => WorkQuery };
const topFandom = (r: Rng, n: number) => fandomTag(int(r, n));
const kinds: Kind[] = [
  { name: 'popular fandom, sorted by updated', make: (r) => ({ include: [topFandom(r, 30)] }) },
  {
    name: 'fandom + relationship + 2 excluded + rating + complete',
    make: (r) => {
      const f = zipf(r, 500);
      return {
        include: [fandomTag(f), relBase[f]! + int(r, 5), RATINGS[weighted(r, RATING_W)]!],
        exclude: [freeformTag(int(r, 50)), freeformTag(int(r, 50))],
        complete: true,
      };
    },
  },
  {
    name: 'rare tag listing',
    make: (r) => {
      const f = 2000 + int(r, FANDOMS - 2000);
      return { include: [r() < 0.5 ? relBase[f]! + int(r, 3) : freeformTag(20_000 + int(r, 60_000))] };
    },
  },
  {
    name: 'word-count range over everything',
    make: (r) => {
      const from = [0, 1000, 5000, 10_000, 40_000][int(r, 5)]!;
      return { wordsFrom: from, wordsTo: r() < 0.3 ? undefined : from * (2 + int(r, 8)) + 1000 };
    },
  },
  { name: 'popular fandom, sorted by kudos', make: (r) => ({ include: [topFandom(r, 30)], sort: 'kudos' }) },
  { name: 'popular fandom, page 50', make: (r) => ({ include: [topFandom(r, 30)], page: 50 }) },
  { name: 'everything, no filters', make: () => ({}) },
  {
    name: 'guest: fandom − warning, crossovers out',
    make: (r) => ({ include: [topFandom(r, 300)], exclude: [13], crossover: 'exclude', guest: true }),
  },
  {
    name: 'signed-in: fandom − warning, crossovers out',
    make: (r) => ({ include: [topFandom(r, 300)], exclude: [13], crossover: 'exclude' }),
  },
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (v: number) => v.toFixed(v < 10 ? 2 : 1);
for (let i = 0; i < 30; i++) for (const k of kinds) index.query(k.make(prng(i)));

const rows: string[] = [];
for (const [ki, kind] of kinds.entries()) {
  const r = prng(1000 + ki);
  const withF: number[] = [];
  const without: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const q = kind.make(r);
    let s = performance.now();
    const result = index.query(q);
    withF.push(performance.now() - s);
    s = performance.now();
    index.query({ ...q, facetLimit: 0 });
    without.push(performance.now() - s);
    totals.push(result.total);
  }
  const sumF = withF.reduce((a, b) => a + b, 0);
  const sumN = without.reduce((a, b) => a + b, 0);
  withF.sort((a, b) => a - b);
  without.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  rows.push(
    `| ${kind.name} | ${pct(totals, 0.5).toLocaleString('en')} | ${ms(pct(withF, 0.5))} | ${ms(pct(withF, 0.95))} | ${ms(pct(withF, 0.99))} | ${ms(pct(without, 0.95))} | ${Math.round(Math.max(0, (sumF - sumN) / sumF) * 100)}% |`,
  );
}

// ---- Updates (documents generated before the clock starts) ----
function timeOps<T>(inputs: T[], op: (input: T) => void): string {
  const count = inputs.length;
  const times: number[] = [];
  for (const input of inputs) {
    const s = performance.now();
    op(input);
    times.push((performance.now() - s) * 1000);
  }
  const mean = times.reduce((a, b) => a + b, 0) / count;
  times.sort((a, b) => a - b);
  return `${mean.toFixed(1)} µs mean, ${pct(times, 0.99).toFixed(0)} µs p99, ${times.at(-1)!.toFixed(0)} µs max`;
}
const OPS = 5000;
const ur = prng(77);
const pickId = () => 1 + int(ur, WORKS);
const docs = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const upsert = (doc: WorkDoc) => index.upsert(doc);
const updates = [
  [
    'upsert, same tags (counters changed)',
    timeOps(
      docs(OPS, () => ({ ...makeDoc(pickId()), kudos: 5 })),
      upsert,
    ),
  ],
  [
    'upsert, tags changed',
    timeOps(
      docs(OPS, () => {
        const id = pickId();
        return { ...makeDoc(id, 1), id };
      }),
      upsert,
    ),
  ],
  [
    'upsert, new work',
    timeOps(
      docs(OPS, (i) => makeDoc(WORKS + 1 + i)),
      upsert,
    ),
  ],
  [
    'remove',
    timeOps(
      docs(OPS, (i) => 1 + ((i * 7919) % WORKS)),
      (id) => index.remove(id),
    ),
  ],
  [
    'upsert, new work into a freed slot',
    timeOps(
      docs(OPS, (i) => makeDoc(WORKS + OPS + 1 + i)),
      upsert,
    ),
  ],
];

const load1 = os.loadavg();
await gc();
const rssAfter = process.memoryUsage().rss;
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
console.log(
  `\n### Browse engine, ${WORKS.toLocaleString('en')} works (${RUNS} queries per kind, facetLimit 10)\n`,
);
console.log(
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${load0.map((l) => l.toFixed(2)).join(' / ')} before, ${load1.map((l) => l.toFixed(2)).join(' / ')} after.\n`,
);
console.log(
  `Bulk load ${(loadMs / 1000).toFixed(1)} s (plus ${(generateMs / 1000).toFixed(1)} s generating the synthetic works); ${index.size.toLocaleString('en')} works indexed.\n`,
);
console.log(
  `Memory after loading: memoryBytes() ${mb(indexBytes)}; process RSS ${mb(memory.rss)} (${mb(rss0)} before loading), heap used ${mb(memory.heapUsed)}, array buffers ${mb(memory.arrayBuffers)}. After the queries and updates: memoryBytes() ${mb(index.memoryBytes())} (query buffers included), RSS ${mb(rssAfter)} (both after a full GC; no work object is held at either point: the archive is generated as a stream).\n`,
);
console.log(
  '| query kind | matches (median) | p50 ms | p95 ms | p99 ms | p95 ms, no facets | time on facets |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('\n| update | cost |\n|---|---|');
for (const [name, cost] of updates) console.log(`| ${name} | ${cost} |`);
const partsAfter = index.memoryBreakdown();
const mb1 = (b = 0) => (b / 1048576).toFixed(1);
console.log('\n| memoryBytes() part | after loading, MB | after queries and updates, MB |\n|---|---|---|');
for (const part of Object.keys(partsAfter)) {
  console.log(`| ${part} | ${mb1(partsLoaded[part])} | ${mb1(partsAfter[part])} |`);
}
