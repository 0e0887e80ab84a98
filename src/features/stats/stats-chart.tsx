import type { SeriesPoint } from './stats.service.ts';

/**
 * The hits-and-kudos chart: an SVG drawn on the server (no JavaScript), one line per measure, each
 * on its own axis (hits on the left, kudos on the right: kudos are far fewer, and on one scale they
 * would lie flat on the floor). The lines differ by dash as well as colour. A `<title>` and a
 * `<desc>` say what it shows; the page adds its numbers as a table.
 */
const WIDTH = 720;
const HEIGHT = 260;
const M = { top: 24, right: 52, bottom: 44, left: 52 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1): a round top for an axis. */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 3" for a day, "Nov 2026" for a month. */
export function periodLabel(period: string): string {
  const month = MONTHS[Number(period.slice(5, 7)) - 1] ?? '';
  return period.length === 7 ? `${month} ${period.slice(0, 4)}` : `${month} ${Number(period.slice(8, 10))}`;
}

const round = (n: number) => Math.round(n * 10) / 10;
/** Counts are whole: a half-way tick of an axis topped at 1 (0.5 kudos) is left unlabelled. */
const tickLabel = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en') : '');

function coordinates(points: SeriesPoint[], key: 'hits' | 'kudos', top: number): string {
  const step = points.length > 1 ? PLOT_W / (points.length - 1) : 0;
  return points
    .map((p, i) => `${round(M.left + i * step)},${round(M.top + PLOT_H - (p[key] / top) * PLOT_H)}`)
    .join(' ');
}

export function describeSeries(points: SeriesPoint[], unit: 'day' | 'month', scope: string): string {
  const sum = (key: 'hits' | 'kudos') => points.reduce((n, p) => n + p[key], 0);
  const peak = points.reduce<SeriesPoint | null>((best, p) => (!best || p.hits > best.hits ? p : best), null);
  const span = unit === 'day' ? `the last ${points.length} days` : `the last ${points.length} months`;
  const most =
    peak && peak.hits > 0 ? ` The most hits in one ${unit}: ${peak.hits}, ${periodLabel(peak.period)}.` : '';
  return `Hits and kudos per ${unit} over ${span}, ${scope}: ${sum('hits')} hits and ${sum('kudos')} kudos in all.${most}`;
}

export function StatsChart({
  points,
  unit,
  scope,
  id = 'stats-chart',
}: {
  points: SeriesPoint[];
  unit: 'day' | 'month';
  /** "all works" or the work's title. */
  scope: string;
  id?: string;
}) {
  const hitsTop = niceCeiling(Math.max(0, ...points.map((p) => p.hits)));
  const kudosTop = niceCeiling(Math.max(0, ...points.map((p) => p.kudos)));
  const every = Math.max(1, Math.ceil(points.length / 6));
  const step = points.length > 1 ? PLOT_W / (points.length - 1) : 0;
  const ticks = [0, 0.5, 1];
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="stats-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{`Hits and kudos over time, ${scope}`}</title>
      <desc id={`${id}-desc`}>{describeSeries(points, unit, scope)}</desc>
      <g class="stats-chart__grid" aria-hidden="true">
        {ticks.map((t) => {
          const y = round(M.top + PLOT_H - t * PLOT_H);
          return (
            <g key={t}>
              <line x1={M.left} x2={M.left + PLOT_W} y1={y} y2={y} />
              <text
                class="stats-chart__axis stats-chart__axis--hits"
                x={M.left - 6}
                y={y + 4}
                text-anchor="end"
              >
                {tickLabel(hitsTop * t)}
              </text>
              <text class="stats-chart__axis stats-chart__axis--kudos" x={M.left + PLOT_W + 6} y={y + 4}>
                {tickLabel(kudosTop * t)}
              </text>
            </g>
          );
        })}
        {points.map((p, i) =>
          i % every === 0 || i === points.length - 1 ? (
            <text
              key={p.period}
              class="stats-chart__axis"
              x={round(M.left + i * step)}
              y={M.top + PLOT_H + 18}
              text-anchor="middle"
            >
              {periodLabel(p.period)}
            </text>
          ) : null,
        )}
      </g>
      <polyline
        class="stats-chart__line stats-chart__line--hits"
        points={coordinates(points, 'hits', hitsTop)}
      />
      <polyline
        class="stats-chart__line stats-chart__line--kudos"
        points={coordinates(points, 'kudos', kudosTop)}
      />
      <g class="stats-chart__legend" aria-hidden="true">
        <line class="stats-chart__line--hits" x1={M.left} x2={M.left + 24} y1={HEIGHT - 8} y2={HEIGHT - 8} />
        <text x={M.left + 30} y={HEIGHT - 4}>
          Hits (left axis)
        </text>
        <line
          class="stats-chart__line--kudos"
          x1={M.left + 170}
          x2={M.left + 194}
          y1={HEIGHT - 8}
          y2={HEIGHT - 8}
        />
        <text x={M.left + 200} y={HEIGHT - 4}>
          Kudos (right axis)
        </text>
      </g>
    </svg>
  );
}
