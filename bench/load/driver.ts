// The load generator, run in its own process (bench/load/load.bench.ts starts it): autocannon
// against the server with the request mix of mix.ts, printing one JSON report on stdout.
// Usage: node --import tsx bench/load/driver.ts URL FIXTURE.json SECONDS CONNECTIONS PHASE (0 warm-up, 1 measured)
import fs from 'node:fs';
import autocannon from 'autocannon';
import type { Fixture } from './fixture.ts';
import { type Kind, MIX, type Planned, Planner } from './mix.ts';

const [url, fixtureFile, seconds, connections, phase] = process.argv.slice(2);
const fixture = JSON.parse(fs.readFileSync(fixtureFile!, 'utf8')) as Fixture;
const planner = new Planner(fixture, Number(phase ?? 1));

interface PerKind {
  count: number;
  bad: number;
  statuses: Record<string, number>;
  latencies: number[];
  sample?: string;
}
const perKind = new Map<Kind, PerKind>(
  MIX.map(([kind]) => [kind, { count: 0, bad: 0, statuses: {}, latencies: [] }]),
);
// One request in flight per connection (no pipelining): the connection's context says which.
type Ctx = { planned?: Planned; started?: number };

const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: url!,
  connections: Number(connections),
  duration: Number(seconds),
  pipelining: 1,
  timeout: 10,
  requests: [
    {
      setupRequest: (request, context) => {
        const planned = planner.next();
        (context as Ctx).planned = planned;
        (context as Ctx).started = performance.now();
        return { ...request, ...planned.request };
      },
      onResponse: (status, body, context) => {
        const { planned, started } = context as Ctx;
        if (!planned) return;
        const stats = perKind.get(planned.kind)!;
        stats.count++;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        stats.latencies.push(performance.now() - started!);
        if (status < 200 || status > 299) {
          stats.bad++;
          stats.sample ??= `${status} ${planned.request.method} ${planned.request.path}: ${String(body).slice(0, 300)}`;
        }
      },
    },
  ],
});

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

{
  const kinds = [...perKind].map(([kind, s]) => {
    const sorted = s.latencies.sort((a, b) => a - b);
    return {
      kind,
      count: s.count,
      bad: s.bad,
      statuses: s.statuses,
      p50: Math.round(percentile(sorted, 50) * 10) / 10,
      p99: Math.round(percentile(sorted, 99) * 10) / 10,
      sample: s.sample,
    };
  });
  process.stdout.write(
    JSON.stringify({
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      // What generating the load cost (it shares the machine's cores with the server).
      driverCpu: (() => {
        const used = process.cpuUsage(cpuBefore);
        return (used.user + used.system) / 1e6;
      })(),
      kinds,
    }),
  );
}
