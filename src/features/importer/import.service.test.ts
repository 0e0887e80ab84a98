import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { SEED_POST } from '../../../test/seed.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { readWork } from '../works/works.read.ts';
import { importPostText, readPost } from './import.service.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

const chapterPost = (n: number, total: number | '?') => `Title: The Long Way Round (${n}/${total})
Fandom: Supernatural
Rating: PG
Pairing: Sam/Dean

Chapter ${n} begins here, and the road goes on.

It goes on for a while.`;

eachDialect('importer: posts', (env) => {
  it('imports the seed post with its real metadata, once', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const [first] = await importPostText(env().ctx, writer, SEED_POST, { mode: 'post' });
    assert.equal(first?.status, 'imported');
    const workId = first.status === 'imported' ? first.works[0]!.id : 0;
    const view = await readWork(env().ctx, null, workId);
    assert.equal(view.work.title, 'Symphony, Part V');
    assert.equal(view.work.word_count, 594);
    assert.equal(view.work.published_at, '2006-01-21T19:20:00.000Z');
    assert.deepEqual(view.tags.rating, ['Teen And Up Audiences']);
    assert.deepEqual(view.tags.warning, ['Creator Chose Not To Use Archive Warnings']);
    assert.deepEqual(view.tags.fandom, ['Smallville']);
    assert.deepEqual(view.tags.relationship, ['Lex/Lana']);
    assert.deepEqual(view.tags.freeform, [
      'future AU (takes into account series up to Lexmas)',
      'soul-crushing angst',
    ]);
    assert.deepEqual(
      view.series.map((s) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.equal(view.work.summary, '<p>Peace.</p>');
    assert.match(view.work.notes, /What\? I(&#39;|')m done\?/);
    assert.match(view.chapters[0]!.body, /^<p>Lex opens the door/);
    assert.doesNotMatch(view.chapters[0]!.body, /symphony, fic|Previous post/);

    const [again] = await importPostText(env().ctx, writer, SEED_POST, { mode: 'post' });
    assert.equal(again?.status, 'already');
    assert.deepEqual(again.status === 'already' && again.works.map((w) => w.id), [workId]);
  });

  it('joins a series the writer already has, and saves drafts when asked', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const part4 = SEED_POST.replace('Symphony, Part V', 'Symphony, Part IV');
    const [four] = await importPostText(env().ctx, writer, part4, { mode: 'post' });
    const [five] = await importPostText(env().ctx, writer, SEED_POST, { mode: 'draft' });
    assert.equal(four?.status, 'imported');
    assert.equal(five?.status, 'imported');
    const ids = [four, five].map((r) => (r?.status === 'imported' ? r.works[0]!.id : 0));
    const [a, b] = await Promise.all(ids.map((id) => readWork(env().ctx, writer, id)));
    assert.equal(a!.series[0]!.id, b!.series[0]!.id, 'one series “Symphony”');
    assert.deepEqual([a!.series[0]!.part, b!.series[0]!.part], [4, 5]);
    assert.equal(b!.work.posted, 0, 'the draft is not posted');
    await assert.rejects(readWork(env().ctx, null, ids[1]!), /not found|There is no/i);
  });

  it('adds a later chapter post to the work it continues', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const [one] = await importPostText(env().ctx, writer, chapterPost(1, 3), { mode: 'post' });
    const [two] = await importPostText(env().ctx, writer, chapterPost(2, 3), { mode: 'post' });
    assert.equal(one?.status, 'imported');
    assert.equal(two?.status, 'imported');
    const workId = one.status === 'imported' ? one.works[0]!.id : 0;
    assert.equal(two.status === 'imported' && two.works[0]!.id, workId);
    const view = await readWork(env().ctx, null, workId);
    assert.equal(view.work.title, 'The Long Way Round');
    assert.equal(view.chapters.length, 2);
    assert.equal(view.work.expected_chapters, 3);
    assert.match(view.chapters[1]!.body, /Chapter 2 begins here/);
  });

  it('refuses a post the posting form would refuse, and writes nothing', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const noFandom = 'Title: Lost\nRating: R\n\nA story with no fandom at all.';
    await assert.rejects(
      importPostText(env().ctx, writer, noFandom, { mode: 'post' }),
      (err: unknown) => err instanceof ValidationError && /fandom/i.test(err.fields.fandoms ?? ''),
    );
    const rows = await env()
      .ctx.db.selectFrom('imports')
      .select('id')
      .where('user_id', '=', writer.id)
      .execute();
    assert.equal(rows.length, 0);
  });

  it('marks what the parser was unsure of for the form', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { works } = await readPost(env().ctx, writer, SEED_POST);
    const [draft] = works;
    assert.equal(draft?.values.title, 'Symphony, Part V');
    assert.equal(draft?.values.seriesTitle, 'Symphony');
    assert.equal(draft?.values.seriesPart, '5');
    assert.equal(draft?.values.postedAt, '2006-01-21T19:20:00Z');
    assert.match(draft?.notices.warnings ?? '', /not archive warnings/);
    assert.ok(!draft?.notices.title, 'the title was read from its label');
    assert.ok(
      draft?.problems.some((p) => /595/.test(p)),
      'the claimed word count is reported',
    );
  });
});
