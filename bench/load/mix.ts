// The request mix of the load benchmark: what a fan site serves, mostly reads (work and chapter
// pages, listings with filters, tag pages, journal entries, forum threads) by guests and signed-in
// readers, and some writes (comments, kudos, forum replies, new chapters) through the JSON API
// with bearer tokens. Weights are per 100 requests.
import type { Fixture } from './fixture.ts';

export type Kind =
  | 'work page, guest'
  | 'work page, reader'
  | 'chapter page, guest'
  | 'listing'
  | 'tag page'
  | 'entry'
  | 'journal'
  | 'forum thread'
  | 'board'
  | 'home'
  | 'comment (write)'
  | 'kudos (write)'
  | 'forum reply (write)'
  | 'chapter post (write)';

export const MIX: [Kind, number][] = [
  ['work page, guest', 20],
  ['work page, reader', 8],
  ['chapter page, guest', 10],
  ['listing', 14],
  ['tag page', 6],
  ['entry', 10],
  ['journal', 3],
  ['forum thread', 8],
  ['board', 3],
  ['home', 5],
  ['comment (write)', 4],
  ['kudos (write)', 4],
  ['forum reply (write)', 4],
  ['chapter post (write)', 1],
];

export interface Planned {
  kind: Kind;
  /** A signed-in reader's page or a write with a token: what no guest page cache can answer. */
  signedIn: boolean;
  request: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
}

const SORTS = ['updated', 'kudos', 'hits', 'words', 'posted', 'comments'];

/**
 * How readers choose among works, entries, threads, tags, journals and boards: `uniform` (the
 * default: every one as likely, the worst case for every cache) or `zipf` (BENCH_POPULARITY=zipf:
 * the k-th most popular is chosen in proportion to 1/k, as on a real archive where a few works
 * draw most of the hits). Which ones are popular is fixed by their order in the fixture.
 */
export const POPULARITY: 'uniform' | 'zipf' = process.env.BENCH_POPULARITY === 'zipf' ? 'zipf' : 'uniform';

/** Cumulative 1/k weights for lists of this length, for choosing by binary search. */
const zipfTables = new Map<number, Float64Array>();
function zipfTable(n: number): Float64Array {
  let table = zipfTables.get(n);
  if (!table) {
    table = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) table[k] = sum += 1 / (k + 1);
    for (let k = 0; k < n; k++) table[k]! /= sum;
    zipfTables.set(n, table);
  }
  return table;
}
const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature'];

/** A small, seeded generator, so two runs ask for the same things. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Planner {
  private readonly rand: () => number;
  private readonly wheel: Kind[] = MIX.flatMap(([kind, weight]) => Array<Kind>(weight).fill(kind));
  private kudos: number;
  private writes = 0;

  /** `phase` 0 warms up, 1 measures: other random picks, and other (reader, work) pairs for kudos. */
  constructor(
    private readonly f: Fixture,
    phase: number,
  ) {
    this.rand = random(9 + phase);
    this.kudos = phase * Math.floor((f.readers.length * f.works.length) / 2);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)]!;
  }

  /** A work, entry, thread, tag, journal or board, as readers choose them (POPULARITY). */
  private popular<T>(list: readonly T[]): T {
    if (POPULARITY === 'uniform') return this.pick(list);
    const table = zipfTable(list.length);
    const r = this.rand();
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  }

  next(): Planned {
    return this.plan(this.pick(this.wheel));
  }

  /** One request of the given kind. */
  plan(kind: Kind): Planned {
    const request = this.request(kind);
    const cookies = (request.headers.cookie ?? '').split('; ').filter(Boolean);
    const signedIn =
      request.headers.authorization !== undefined || cookies.some((c) => !c.startsWith('quire_adult='));
    return { kind, signedIn, request };
  }

  private get(path: string, signedIn = false, adult = false): Planned['request'] {
    const cookies = [signedIn ? this.pick(this.f.readers).cookie : '', adult ? 'quire_adult=1' : ''];
    const cookie = cookies.filter(Boolean).join('; ');
    return { method: 'GET', path, headers: cookie ? { cookie } : {} };
  }

  private post(path: string, token: string, body: unknown): Planned['request'] {
    return {
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  private listing(): string {
    const r = this.rand();
    const sort = this.pick(SORTS);
    if (r < 0.3) return `/works?sort=${sort}`;
    if (r < 0.6) return `/works?tags=${encodeURIComponent(this.popular(this.f.tags).name)}&sort=${sort}`;
    if (r < 0.8)
      return `/works?rating=${encodeURIComponent(this.pick(RATINGS))}&complete=true&sort=${sort}&page=${1 + Math.floor(this.rand() * 5)}`;
    return `/tags/${this.popular(this.f.tags).id}/works?sort=${sort}`;
  }

  private request(kind: Kind): Planned['request'] {
    const signedIn = this.rand() < 0.3;
    switch (kind) {
      case 'work page, guest':
        return this.get(`/works/${this.popular(this.f.works)[0]}`, false, this.rand() < 0.5);
      case 'work page, reader':
        return this.get(`/works/${this.popular(this.f.works)[0]}`, true);
      case 'chapter page, guest': {
        const [work, ...chapters] = this.popular(this.f.works);
        return this.get(`/works/${work}/chapters/${this.pick(chapters!)}`, false, true);
      }
      case 'listing':
        return this.get(this.listing(), signedIn);
      case 'tag page':
        return this.get(`/tags/${this.popular(this.f.tags).id}`, signedIn);
      case 'entry': {
        const [journal, id] = this.popular(this.f.entries);
        return this.get(`/journals/${journal}/entries/${id}`, signedIn);
      }
      case 'journal':
        return this.get(`/journals/${this.popular(this.f.journals)}`, signedIn);
      case 'forum thread':
        return this.get(`/forums/threads/${this.popular(this.f.threads)}`, signedIn);
      case 'board':
        return this.get(`/forums/boards/${this.popular(this.f.boards)}`, signedIn);
      case 'home':
        return this.get('/', signedIn);
      case 'comment (write)':
        return this.post(
          `/api/v1/works/${this.popular(this.f.works)[0]}/comments`,
          this.pick(this.f.readers).token,
          {
            body: `Comment ${++this.writes}: this chapter made me cry on the bus.`,
          },
        );
      case 'kudos (write)': {
        // Each (reader, work) pair once: a second kudos would rightly be refused (409).
        const k = this.kudos++;
        const reader = this.f.readers[k % this.f.readers.length]!;
        const work = this.f.works[Math.floor(k / this.f.readers.length) % this.f.works.length]!;
        return this.post(`/api/v1/works/${work[0]}/kudos`, reader.token, {});
      }
      case 'forum reply (write)':
        return this.post(
          `/api/v1/threads/${this.popular(this.f.threads)}/posts`,
          this.pick(this.f.readers).token,
          {
            body: `Reply ${++this.writes}: seconding this, and adding one more.`,
          },
        );
      case 'chapter post (write)': {
        const writer = this.pick(this.f.writers);
        return this.post(`/api/v1/works/${this.pick(writer.works)}/chapters`, writer.token, {
          title: `Part ${++this.writes}`,
          body: `<p>${'She walked on, counting the lamps. '.repeat(60)}</p>`,
          format: 'html',
        });
      }
    }
  }
}
