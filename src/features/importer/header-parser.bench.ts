/**
 * Linearity check for the header parser (not a test: tests never assert timings). Run:
 *   node --import tsx src/features/importer/header-parser.bench.ts
 * For each adversarial input kind it parses 10k, 100k and 1M characters and prints the time and the
 * ratio between consecutive sizes: about 10 means linear, about 100 would mean quadratic.
 */
import { parsePost } from './header-parser.ts';
import { SEED_POST as seed } from '../../../test/seed.ts';

const fill = (unit: string, n: number, head = ''): string =>
  head + unit.repeat(Math.ceil((n - head.length) / unit.length));

const KINDS: [string, (n: number) => string][] = [
  ['colons', (n) => fill(':', n)],
  ["'<' characters", (n) => fill('<', n)],
  ['one line of letters', (n) => fill('x', n)],
  ['one line of words', (n) => fill('word ', n)],
  ['blank lines', (n) => fill('\n', n)],
  ['label lines', (n) => fill('Title: a\nRating: G\n', n)],
  ['label spam, one line', (n) => fill('Title: ', n)],
  ['pairing " and "', (n) => fill('a/b and ', n, 'Title: x\nPairing: ')],
  ['open parentheses in a value', (n) => fill('(', n, 'Title: x\nRating/Warnings: ')],
  ['"Part " in a title', (n) => fill('Part ', n, 'Title: ')],
  ['<b> tags', (n) => fill('<b>', n)],
  ['unclosed <a href', (n) => fill('<a href="', n)],
  ['<br> lines', (n) => fill('Title: a<br>', n)],
  ['nested inline tags', (n) => fill('<i><b>x', n)],
  ['dates', (n) => fill('Jan 21, 2006 19:20\n', n)],
  ['chrome lines', (n) => fill('Link | Reply\n', n)],
  ['seed post repeated', (n) => fill(seed, n)],
  ['whitespace runs then " by "', (n) => fill(' ', n, 'a') + ' by b'],
];

function time(input: string): number {
  const runs = input.length <= 100_000 ? 5 : 2;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    parsePost(input);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

console.log('kind'.padEnd(32), '10k ms'.padStart(9), '100k ms'.padStart(9), '1M ms'.padStart(9), '  ratios');
for (const [name, make] of KINDS) {
  const [a, b, c] = [10_000, 100_000, 1_000_000].map((n) => time(make(n))) as [number, number, number];
  const ratios = `${(b / a).toFixed(1)}x ${(c / b).toFixed(1)}x`;
  console.log(
    name.padEnd(32),
    a.toFixed(1).padStart(9),
    b.toFixed(1).padStart(9),
    c.toFixed(1).padStart(9),
    ' ',
    ratios,
  );
}
