// Markdown for the bench commands' reports (docs/performance.md takes them as they are).
import type { BenchReport, Timing } from './run.ts';
import type { SeedReport } from './seed.ts';

const n = (v: number) => v.toLocaleString('en');
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

export function seedMarkdown(r: SeedReport): string {
  return [
    `### Seeded ${n(r.works)} works (${r.dialect}, bodies ${r.bodies}, seed ${r.seed})`,
    '',
    `${n(r.listable)} listable works, ${n(r.chapters)} chapters, ${n(r.tags)} tags, ${n(r.accounts)} accounts, ${n(r.series)} series.`,
    '',
    '| step | seconds |',
    '|---|---|',
    `| accounts and pseuds | ${r.seconds.accounts} |`,
    `| works, chapters, tags, creators, filter tags, series, search entries | ${r.seconds.works} |`,
    `| metatag links and their filter tags | ${r.seconds.links} |`,
    `| indexes rebuilt, statistics | ${r.seconds.indexes} |`,
    `| **total** | **${r.seconds.total}** |`,
    '',
    `Load average ${load(r.loadAverage.before)} before, ${load(r.loadAverage.after)} after.`,
    '',
  ].join('\n');
}

function timingRows(timings: Timing[], engine: boolean): string[] {
  const head = engine
    ? [
        '| kind | viewer | runs | matches (median) | p50 ms | p95 ms | p99 ms | engine p95 ms | engine p95, no facets | facets’ share |',
        '|---|---|---|---|---|---|---|---|---|---|',
      ]
    : [
        '| kind | viewer | runs | results (median) | p50 ms | p95 ms | p99 ms |',
        '|---|---|---|---|---|---|---|',
      ];
  return [
    ...head,
    ...timings.map((t) => {
      const cells = [t.kind, t.viewer, n(t.runs), n(t.matches), ms(t.p50), ms(t.p95), ms(t.p99)];
      if (engine && t.engine)
        cells.push(ms(t.engine.p95), ms(t.engine.p95NoFacets), `${Math.round(t.engine.facetShare * 100)}%`);
      else if (engine) cells.push('', '', '');
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

export function benchMarkdown(r: BenchReport): string {
  const lines = [
    `### quire bench ${r.bench}: ${n(r.indexedWorks)} listable works (${r.dialect}, ${r.runs} runs per kind, seed ${r.seed})`,
    '',
    `${r.machine}; load average ${load(r.loadAverage.before)} before, ${load(r.loadAverage.after)} after.`,
    `Filter engine loaded from the database in ${r.indexLoadSeconds} s. RSS ${n(r.memoryMB.rssAfterLoad)} MB after loading, ${n(r.memoryMB.rssAfterRun)} MB after the run; peak (maxRSS) ${n(r.memoryMB.maxRss)} MB; heap used ${n(r.memoryMB.heapUsedAfterRun)} MB.`,
    '',
    ...timingRows(r.timings, r.bench === 'browse'),
    '',
  ];
  if (r.autocomplete) {
    lines.push('Tag autocomplete (`suggestTags`, guest):', '', ...timingRows(r.autocomplete, false), '');
  }
  return lines.join('\n');
}
