// Hand-built fixtures with the expected answers written out: filters, visibility, facets, sorts, paging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FacetType, WorkDoc, WorkQuery } from './types.ts';
import { WorkIndex } from './work-index.ts';

// Tags: ratings 1 General, 2 Teen, 3 Explicit · warnings 11 none, 12 death · categories 21 M/M, 22 F/F,
// 23 Gen · fandoms 101–103 · relationships 201, 202 (unused) · characters 301, 302 · freeforms 401 Fluff,
// 402 Angst · 900 untyped.
const TYPES: Record<FacetType, number[]> = {
  rating: [1, 2, 3],
  warning: [11, 12],
  category: [21, 22, 23],
  fandom: [101, 102, 103],
  relationship: [201, 202],
  character: [301, 302],
  freeform: [401, 402],
};

type Row = [number, number[], number, number[], boolean, boolean, number, number, number, string];
type Stats = [number, number, number, number, string, string];
// id, tags, fandomCount, creators, complete, restricted, words, revisedAt, publishedAt, language
const ROWS: Row[] = [
  [1, [1, 11, 21, 101, 201, 301, 401], 1, [7], true, false, 1000, 100, 10, 'en'],
  [2, [2, 11, 22, 102, 302, 402], 1, [8], false, false, 5000, 300, 20, 'en'],
  [3, [3, 12, 21, 101, 102, 201, 402, 900], 2, [7, 9], true, true, 20000, 200, 30, 'en'],
  [4, [1, 11, 23, 103, 401], 1, [9], true, false, 300, 300, 40, 'pt-BR'],
  [5, [2, 11, 21, 101, 201, 301, 401, 402], 1, [8], false, false, 12000, 50, 5, 'en'],
  [6, [1, 12, 22, 101, 103, 302], 2, [10], true, false, 800, 400, 50, 'es'],
];
// hits, kudos, comments, bookmarks, title, creatorName
const STATS: Stats[] = [
  [50, 5, 1, 0, 'Alpha', 'zed'],
  [500, 50, 10, 5, 'beta', 'Amy'],
  [80, 5, 3, 2, 'Gamma', 'zed'],
  [10, 1, 0, 0, 'alpha', 'bob'],
  [900, 90, 0, 9, 'Delta', 'amy'],
  [30, 5, 0, 1, '  Epsilon   story ', 'cy'],
];

function fixtureDocs(): WorkDoc[] {
  return ROWS.map(
    ([id, tags, fandomCount, creators, complete, restricted, words, revisedAt, publishedAt, language], i) => {
      const [hits, kudos, comments, bookmarks, title, creatorName] = STATS[i]!;
      const counts = { hits, kudos, comments, bookmarks };
      const flags = { complete, restricted };
      return {
        id,
        tags,
        fandomCount,
        creators,
        ...flags,
        words,
        revisedAt,
        publishedAt,
        language,
        ...counts,
        title,
        creatorName,
      };
    },
  );
}

function fixtureIndex(): WorkIndex {
  const index = new WorkIndex();
  for (const [type, tags] of Object.entries(TYPES))
    for (const tag of tags) index.setTagType(tag, type as FacetType);
  index.bulkLoad(fixtureDocs());
  return index;
}

const index = fixtureIndex();
const ids = (q: WorkQuery) => index.query(q).ids;
const total = (q: WorkQuery) => index.query(q).total;

describe('WorkIndex filters', () => {
  it('lists everything by Date Updated, newest first, ties by id descending', () => {
    assert.deepEqual(index.query({}), {
      total: 6,
      page: 1,
      ids: [6, 4, 2, 3, 1, 5],
      facets: {
        rating: [
          { tag: 1, count: 3 },
          { tag: 2, count: 2 },
          { tag: 3, count: 1 },
        ],
        warning: [
          { tag: 11, count: 4 },
          { tag: 12, count: 2 },
        ],
        category: [
          { tag: 21, count: 3 },
          { tag: 22, count: 2 },
          { tag: 23, count: 1 },
        ],
        fandom: [
          { tag: 101, count: 4 },
          { tag: 102, count: 2 },
          { tag: 103, count: 2 },
        ],
        relationship: [{ tag: 201, count: 3 }],
        character: [
          { tag: 301, count: 2 },
          { tag: 302, count: 2 },
        ],
        freeform: [
          { tag: 401, count: 3 },
          { tag: 402, count: 3 },
        ],
      },
    });
  });

  it('hides restricted works from guests, in the list and in every count', () => {
    assert.deepEqual(index.query({ guest: true }), {
      total: 5,
      page: 1,
      ids: [6, 4, 2, 1, 5],
      facets: {
        rating: [
          { tag: 1, count: 3 },
          { tag: 2, count: 2 },
        ],
        warning: [
          { tag: 11, count: 4 },
          { tag: 12, count: 1 },
        ],
        category: [
          { tag: 21, count: 2 },
          { tag: 22, count: 2 },
          { tag: 23, count: 1 },
        ],
        fandom: [
          { tag: 101, count: 3 },
          { tag: 103, count: 2 },
          { tag: 102, count: 1 },
        ],
        relationship: [{ tag: 201, count: 2 }],
        character: [
          { tag: 301, count: 2 },
          { tag: 302, count: 2 },
        ],
        freeform: [
          { tag: 401, count: 3 },
          { tag: 402, count: 2 },
        ],
      },
    });
    assert.deepEqual(ids({ include: [900], guest: true }), []);
    assert.deepEqual(ids({ include: [900] }), [3]);
  });

  it('includes every tag given and none of the excluded ones', () => {
    assert.deepEqual(ids({ include: [101] }), [6, 3, 1, 5]);
    assert.deepEqual(ids({ include: [101, 401] }), [1, 5]);
    assert.deepEqual(ids({ include: [101], exclude: [402] }), [6, 1]);
    assert.deepEqual(ids({ exclude: [1, 2] }), [3]);
    const facets = index.query({ include: [101], exclude: [402] }).facets;
    assert.deepEqual(facets.freeform, [{ tag: 401, count: 1 }]);
    assert.deepEqual(index.query({ include: [101] }).facets.fandom, [
      { tag: 101, count: 4 },
      { tag: 102, count: 1 },
      { tag: 103, count: 1 },
    ]);
  });

  it('treats an include no work carries as matching nothing, and ignores unknown excludes', () => {
    assert.deepEqual(index.query({ include: [999] }), {
      total: 0,
      page: 1,
      ids: [],
      facets: index.query({ facetLimit: 0 }).facets,
    });
    assert.equal(total({ include: [202] }), 0);
    assert.equal(total({ exclude: [999, 202] }), 6);
  });

  it('filters crossovers, completion, word count, dates and language', () => {
    assert.deepEqual(ids({ crossover: 'exclude' }), [4, 2, 1, 5]);
    assert.deepEqual(ids({ crossover: 'only' }), [6, 3]);
    assert.deepEqual(ids({ crossover: 'include' }), [6, 4, 2, 3, 1, 5]);
    assert.deepEqual(ids({ complete: true }), [6, 4, 3, 1]);
    assert.deepEqual(ids({ complete: false }), [2, 5]);
    assert.deepEqual(ids({ wordsFrom: 1000, wordsTo: 12000 }), [2, 1, 5]);
    assert.deepEqual(ids({ wordsFrom: 12001 }), [3]);
    assert.deepEqual(ids({ updatedFrom: 100, updatedTo: 300 }), [4, 2, 3, 1]);
    assert.deepEqual(ids({ language: 'pt-BR' }), [4]);
    assert.deepEqual(ids({ language: ' PT-br ' }), [4]);
    assert.equal(total({ language: 'fr' }), 0);
    assert.deepEqual(ids({ include: [101], crossover: 'exclude', complete: true, language: 'en' }), [1]);
  });

  it('filters by creators and a blocklist', () => {
    assert.deepEqual(ids({ creators: [7] }), [3, 1]);
    assert.deepEqual(ids({ creators: [7], guest: true }), [1]);
    assert.deepEqual(ids({ creators: [7, 8] }), [2, 3, 1, 5]);
    assert.deepEqual(ids({ excludeCreators: [8] }), [6, 4, 3, 1]);
    assert.deepEqual(ids({ creators: [9], excludeCreators: [7] }), [4]);
    assert.equal(total({ creators: [12345] }), 0);
    assert.equal(total({ excludeCreators: [12345] }), 6);
  });

  it('restricts to `within` ids and sorts by relevance', () => {
    assert.deepEqual(ids({ within: { ids: [5, 1, 3, 999] } }), [3, 1, 5]);
    assert.deepEqual(
      ids({ within: { ids: [5, 1, 3, 999], scores: [0.5, 0.9, 0.1, 1] }, sort: 'relevance' }),
      [1, 5, 3],
    );
    assert.deepEqual(ids({ within: { ids: [5, 1, 3] }, sort: 'relevance' }), [5, 1, 3]);
    assert.deepEqual(ids({ within: { ids: [5, 1, 3], scores: [2, 2, 2] }, sort: 'relevance' }), [5, 3, 1]);
    assert.deepEqual(
      ids({ within: { ids: new Int32Array([5, 1, 3]) }, sort: 'relevance', direction: 'asc' }),
      [3, 1, 5],
    );
    assert.deepEqual(ids({ within: { ids: [5, 1, 3] }, include: [401], guest: true }), [1, 5]);
    assert.deepEqual(index.query({ within: { ids: [] } }).total, 0);
    assert.deepEqual(ids({ sort: 'relevance' }), [6, 4, 2, 3, 1, 5]);
  });
});

describe('WorkIndex sorting and paging', () => {
  it('sorts by every column, ties by id descending in both directions', () => {
    const cases: [WorkQuery, number[]][] = [
      [{ sort: 'updated', direction: 'asc' }, [5, 1, 3, 4, 2, 6]],
      [{ sort: 'posted' }, [6, 4, 3, 2, 1, 5]],
      [{ sort: 'posted', direction: 'asc' }, [5, 1, 2, 3, 4, 6]],
      [{ sort: 'title' }, [4, 1, 2, 5, 6, 3]],
      [{ sort: 'title', direction: 'desc' }, [3, 6, 5, 2, 4, 1]],
      [{ sort: 'creator' }, [5, 2, 4, 6, 3, 1]],
      [{ sort: 'words' }, [3, 5, 2, 1, 6, 4]],
      [{ sort: 'words', direction: 'asc' }, [4, 6, 1, 2, 5, 3]],
      [{ sort: 'hits' }, [5, 2, 3, 1, 6, 4]],
      [{ sort: 'kudos' }, [5, 2, 6, 3, 1, 4]],
      [{ sort: 'kudos', direction: 'asc' }, [4, 6, 3, 1, 2, 5]],
      [{ sort: 'comments' }, [2, 3, 1, 6, 5, 4]],
      [{ sort: 'bookmarks' }, [5, 2, 3, 6, 4, 1]],
    ];
    for (const [q, expected] of cases) assert.deepEqual(ids(q), expected, JSON.stringify(q));
  });

  it('pages deterministically, with an empty page past the end', () => {
    assert.deepEqual(ids({ perPage: 2 }), [6, 4]);
    assert.deepEqual(ids({ perPage: 2, page: 2 }), [2, 3]);
    assert.deepEqual(ids({ perPage: 2, page: 3 }), [1, 5]);
    assert.deepEqual(index.query({ perPage: 2, page: 4, facetLimit: 0 }), {
      total: 6,
      page: 4,
      ids: [],
      facets: {
        rating: [],
        warning: [],
        category: [],
        fandom: [],
        relationship: [],
        character: [],
        freeform: [],
      },
    });
    assert.deepEqual(ids({ sort: 'kudos', perPage: 2, page: 2 }), [6, 3]);
  });

  it('clamps bad paging input', () => {
    assert.deepEqual(index.query({ page: -3, perPage: 2 }).page, 1);
    assert.deepEqual(ids({ page: -3, perPage: 2 }), [6, 4]);
    assert.deepEqual(ids({ page: NaN }), [6, 4, 2, 3, 1, 5]);
    assert.deepEqual(ids({ page: 2.7, perPage: 4 }), [1, 5]);
    assert.deepEqual(ids({ perPage: 0 }), [6]);
    assert.equal(ids({ perPage: 10_000 }).length, 6);
    assert.deepEqual(index.query({ page: 1e300 }).ids, []);
  });

  it('limits facets per type: count descending, then tag id ascending; 0 turns them off', () => {
    const { facets } = index.query({ facetLimit: 1 });
    assert.deepEqual(facets.rating, [{ tag: 1, count: 3 }]);
    assert.deepEqual(facets.fandom, [{ tag: 101, count: 4 }]);
    assert.deepEqual(facets.character, [{ tag: 301, count: 2 }]);
    assert.deepEqual(facets.freeform, [{ tag: 401, count: 3 }]);
    const none = index.query({ facetLimit: 0 }).facets;
    assert.deepEqual(Object.values(none).flat(), []);
    assert.deepEqual(Object.keys(none), [
      'rating',
      'warning',
      'category',
      'fandom',
      'relationship',
      'character',
      'freeform',
    ]);
  });

  it('counts facets over all matches, not just the page', () => {
    const result = index.query({ include: [21], perPage: 1 });
    assert.deepEqual(result.ids, [3]);
    assert.equal(result.total, 3);
    assert.deepEqual(result.facets.freeform, [
      { tag: 401, count: 2 },
      { tag: 402, count: 2 },
    ]);
  });
});
