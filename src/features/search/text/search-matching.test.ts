import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eachDialect } from '../../../../test/harness.ts';
import { uniqueName } from '../../../../test/factories.ts';
import { parseSearchQuery, type SearchQuery } from './query-syntax.ts';
import { hasTextCriteria } from './search-provider.ts';
import { bestFirst, searchKit, sorted } from './search-test-kit.ts';

eachDialect('search: matching and ranking', (env) => {
  let kit: Awaited<ReturnType<typeof searchKit>>;
  let other: Awaited<ReturnType<typeof searchKit>>;
  const id: Record<string, number> = {};
  const creator = uniqueName('Penname');

  before(async () => {
    kit = await searchKit(env(), creator);
    other = await searchKit(env());
    id.zephyr = await kit.post('Zephyr Gardens', 'The moonlit harbour was quiet. Lex waited by the door.', {
      additionalTags: ['Crème Brûlée', 'Slow Burn'],
    });
    id.harbour = await kit.post('Harbour Lights', 'Nothing grows here, though a zephyr passed once.', {
      fandoms: ['Star Trek: The Original Series'],
    });
    id.quiet = await kit.post('Quiet Things', 'A quiet harbour and a moonlit night at Café Müller.', {
      summary: 'Ελληνικά: καλημέρα κόσμε.',
    });
    id.stranger = await other.post('Zephyr Elsewhere', 'Someone else wrote about a moonlit harbour.');
  });

  const find = (query: string) => kit.find(query);
  const findSet = async (query: string) => sorted(await find(query));

  it('requires every word, anywhere in the work', async () => {
    assert.deepEqual(await findSet('moonlit harbour'), sorted([id.zephyr!, id.quiet!]));
    assert.deepEqual(await findSet('MOONLIT harbour quiet'), sorted([id.zephyr!, id.quiet!]));
    assert.deepEqual(await findSet('moonlit harbour door'), [id.zephyr!]);
    assert.deepEqual(await findSet('moonlit nowhere'), []);
  });

  it('matches quoted phrases as written', async () => {
    assert.deepEqual(await findSet('"moonlit harbour"'), [id.zephyr!]);
    assert.deepEqual(await findSet('"harbour moonlit"'), []);
    assert.deepEqual(await findSet('"by-the door"'), [id.zephyr!], 'punctuation separates words');
  });

  it('excludes words and phrases', async () => {
    assert.deepEqual(await findSet('harbour -zephyr'), [id.quiet!]);
    assert.deepEqual(await findSet('moonlit -"moonlit harbour"'), [id.quiet!]);
    const withoutHarbour = await findSet('-harbour');
    assert.ok(!withoutHarbour.includes(id.zephyr!) && !withoutHarbour.includes(id.quiet!));
  });

  it('restricts title:, creator:, tag: and fandom: to their field', async () => {
    assert.deepEqual(await findSet('title:zephyr'), [id.zephyr!]);
    assert.deepEqual(await findSet('title:"harbour lights"'), [id.harbour!]);
    assert.deepEqual(await findSet(`creator:${creator} moonlit`), sorted([id.zephyr!, id.quiet!]));
    assert.deepEqual(await findSet(`creator:${creator} title:zephyr`), [id.zephyr!]);
    assert.deepEqual(await findSet('fandom:"star trek"'), [id.harbour!]);
    assert.deepEqual(await findSet('tag:"slow burn"'), [id.zephyr!]);
    assert.deepEqual(await findSet('tag:moonlit'), [], 'a body word is not a tag');
    assert.deepEqual(await findSet(`tag:${creator}`), [], 'a creator is not a tag');
    assert.deepEqual(await findSet('creator:smallville'), [], 'a tag is not a creator');
    assert.deepEqual(await findSet('title:moonlit'), []);
  });

  it('ignores accents and case, in works and in queries', async () => {
    assert.deepEqual(await findSet('creme brulee'), [id.zephyr!]);
    assert.deepEqual(await findSet('tag:"CRÈME BRULÉE"'), [id.zephyr!]);
    assert.deepEqual(await findSet('cafe muller'), [id.quiet!]);
    assert.deepEqual(await findSet('CAFÉ MÜLLER'), [id.quiet!]);
    assert.deepEqual(await findSet('καλημερα ΚΟΣΜΕ'), [id.quiet!]);
  });

  it('ranks a title match above a body match, scoring every match or only the head fields', async () => {
    for (const exactUpTo of [undefined, 0]) {
      const hits = await kit.provider.search(env().ctx.db, parseSearchQuery('zephyr'), {
        rank: true,
        exactUpTo,
      });
      const ranked = bestFirst(hits.ids, hits.scores!);
      const ours = ranked.filter((i) => i === id.zephyr || i === id.harbour);
      assert.deepEqual(ours, [id.zephyr!, id.harbour!], `exactUpTo ${exactUpTo}`);
      assert.ok(ranked.includes(id.stranger!), 'other creators’ works are found too');
    }
  });

  it('gives ids only unless asked to rank', async () => {
    const hits = await kit.provider.search(env().ctx.db, parseSearchQuery('zephyr'));
    assert.equal(hits.scores, undefined);
    assert.ok(hits.ids.includes(id.zephyr!) && hits.ids.includes(id.harbour!));
  });

  it('gives nothing for a query without text, and says so', async () => {
    for (const query of ['', 'rating:teen words>10', '"" - :']) {
      const parsed = parseSearchQuery(query);
      assert.equal(hasTextCriteria(parsed), false, query);
      assert.deepEqual(await kit.provider.search(env().ctx.db, parsed, { rank: true }), {
        ids: [],
        scores: [],
      });
      assert.deepEqual(await kit.provider.search(env().ctx.db, parsed), { ids: [] });
    }
  });

  it('never throws or breaks the SQL on hostile input', async () => {
    const inputs = [
      '"',
      '*',
      'NEAR(',
      'NEAR(moonlit harbour, 2)',
      'OR',
      'moonlit OR harbour',
      '-',
      ':',
      '^moonlit',
      'moonlit*',
      "'; drop table works; --",
      "it's lex's",
      'title:"\\" OR *',
      '{title body}:moonlit',
      'a & b | !c <-> d:*',
      '!@#$%^&*()_+{}|:"<>?,./;\'[]\\=-`~'.repeat(40).slice(0, 1000),
      '-'.repeat(1000),
      '"'.repeat(999),
      'x'.repeat(1000),
      'ü'.repeat(1000),
    ];
    for (const input of inputs) {
      await kit.provider.search(env().ctx.db, parseSearchQuery(input), { rank: true });
    }
    const raw: SearchQuery = {
      terms: ['"', '*', 'NEAR(', 'OR', "it's", '\\'],
      phrases: ['a " b'],
      excluded: ['"', "'", 'NOT'],
      fields: { fandom: ['"x'], tag: ['*'], creator: ["o'brien"], title: [':'], rating: [] },
      problems: [],
    };
    assert.deepEqual(await kit.provider.search(env().ctx.db, raw), { ids: [] });
    assert.deepEqual(await findSet("harbour -'"), sorted([id.zephyr!, id.harbour!, id.quiet!]));
  });

  it('ranks head-field matches first when there are too many to score, and still finds every match', async () => {
    const query = parseSearchQuery('moonlit harbour');
    const exact = await kit.provider.search(env().ctx.db, query, { rank: true });
    const headOnly = await kit.provider.search(env().ctx.db, query, { rank: true, exactUpTo: 0 });
    assert.deepEqual(sorted(headOnly.ids), sorted(exact.ids), 'the same works match either way');
    const phrase = parseSearchQuery('"moonlit harbour"');
    for (const exactUpTo of [undefined, 0, 1]) {
      const hits = await kit.provider.search(env().ctx.db, phrase, { rank: true, exactUpTo });
      assert.deepEqual(sorted(hits.ids.filter((i) => i === id.zephyr || i === id.quiet)), [id.zephyr!]);
      assert.equal(hits.scores!.length, hits.ids.length);
    }
    const score = (hits: typeof exact, workId: number) => hits.scores![hits.ids.indexOf(workId)]!;
    // "Harbour Lights" has harbour in its title but no "moonlit": it does not match at all.
    assert.ok(!headOnly.ids.includes(id.harbour!));
    // None of the three has "moonlit" or "harbour" in its title, summary, notes, tags or creators:
    // body-only matches, scored -1, below any head-field match.
    for (const workId of [id.zephyr!, id.quiet!, id.stranger!]) assert.equal(score(headOnly, workId), -1);
    const titled = await kit.post('Moonlit Nights', 'The harbour again, at last.');
    const again = await kit.provider.search(env().ctx.db, query, { rank: true, exactUpTo: 0 });
    assert.ok(score(again, titled) >= 0);
    assert.equal(bestFirst(again.ids, again.scores!)[0], titled);
    // When even the head fields match more works than may be scored, none is: newest first.
    const unscored = await kit.provider.search(env().ctx.db, query, {
      rank: true,
      exactUpTo: 0,
      headScoredUpTo: 0,
    });
    assert.deepEqual(sorted(unscored.ids), sorted(again.ids));
    assert.deepEqual(
      unscored.scores,
      again.ids.map(() => 0),
    );
  });
});
