import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { csrfToken, TestClient, textOf, signedInClient } from '../../../test/client.ts';
import { eachDialect } from '../../../test/harness.ts';
import { type Cast, comment, makeCast, makeEntry, makeWork } from './comments.fixtures.ts';

eachDialect('comment pages, forms and the comments API', (env) => {
  let cast: Cast;
  const ctx = () => env().ctx;
  const login = (user: { username: string }) => signedInClient(env().app, user);
  const follow = async (client: TestClient, response: { headers: Record<string, unknown> }) => {
    let location = String(response.headers.location);
    let page = await client.get(location);
    while (page.statusCode === 303 || page.statusCode === 302) {
      location = String(page.headers.location);
      page = await client.get(location);
    }
    return { page, location };
  };
  const rows = async () => ctx().db.selectFrom('comments').selectAll().orderBy('id').execute();

  before(async () => {
    cast = await makeCast(ctx());
  });

  it('a reader comments on a chapter; the comment shows in its thread with its anchor; the count follows', async () => {
    const { workId, chapterIds } = await makeWork(ctx(), cast.author, {}, 2);
    const reader = await login(cast.reader);
    const chapterUrl = `/works/${workId}/chapters/${chapterIds[1]}`;
    const empty = await reader.get(chapterUrl);
    assert.match(textOf(empty.body), /Comments \(0\)/);
    const posted = await reader.post(
      `/works/${workId}/comments`,
      { body: 'What a chapter!', chapterId: String(chapterIds[1]) },
      { csrfFrom: chapterUrl },
    );
    assert.equal(posted.statusCode, 303);
    const { page, location } = await follow(reader, posted);
    const [row] = (await rows()).filter((r) => r.work_id === workId);
    assert.equal(row!.chapter_id, chapterIds[1]);
    assert.equal(location, `${chapterUrl}?thread=${row!.id}#comment-${row!.id}`);
    assert.match(page.body, new RegExp(`id="comment-${row!.id}"`));
    assert.match(textOf(page.body), /What a chapter!/);
    const chapterPage = await reader.get(chapterUrl);
    assert.match(textOf(chapterPage.body), /Comments \(1\)/);
    const otherChapter = await reader.get(`/works/${workId}/chapters/${chapterIds[0]}`);
    assert.match(textOf(otherChapter.body), /Comments \(0\)/);
    const full = await reader.get(`/works/${workId}?view_full_work=true`);
    assert.match(textOf(full.body), /Comments \(1\).*Chapter 2: Part 2/);
  });

  it('refused comments come back with the text as typed and the reason; a filled honeypot saves nothing', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const reader = await login(cast.reader);
    const before = (await rows()).length;
    const tooLong = 'y'.repeat(10_001);
    const refused = await reader.post(
      `/works/${workId}/comments`,
      { body: tooLong },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /at most 10,000 characters/);
    assert.ok(refused.body.includes(tooLong), 'the text is kept');
    const blank = await reader.post(
      `/works/${workId}/comments`,
      { body: '  ' },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(blank.statusCode, 422);
    assert.match(blank.body, /Write a comment/);
    const bot = await reader.post(
      `/works/${workId}/comments`,
      { body: 'Buy pills', website: 'http://spam.example' },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(bot.statusCode, 303);
    assert.equal((await rows()).length, before, 'nothing saved');

    const closed = await makeWork(ctx(), cast.author, { comments: 'none' });
    const page = await reader.get(`/works/${closed.workId}`);
    assert.match(textOf(page.body), /turned comments off/);
    const off = await reader.post(
      `/works/${closed.workId}/comments`,
      { body: 'Let me in' },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(off.statusCode, 403);
    assert.match(off.body, /turned comments off/);
    assert.ok(off.body.includes('Let me in'), 'the form keeps the text even when refused');
    const hidden = await reader.post(
      `/works/999999/comments`,
      { body: 'Hello?' },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(hidden.statusCode, 404);
    assert.equal((await rows()).length, before);
  });

  it('guests get a form page on works (cached pages carry no token); their comment is screened until unscreened', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const guest = new TestClient(env().app);
    const workPage = await guest.get(`/works/${workId}`);
    assert.doesNotMatch(workPage.body, /name="_csrf"/, 'a guest’s work page is cacheable: no token in it');
    assert.match(workPage.body, new RegExp(`href="/works/${workId}/comments/new`));
    const form = await guest.get(`/works/${workId}/comments/new`);
    assert.equal(form.statusCode, 200);
    const noName = await guest.post(
      `/works/${workId}/comments`,
      { body: 'Hi' },
      { csrfFrom: `/works/${workId}/comments/new` },
    );
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /Give a name/);
    const posted = await guest.post(
      `/works/${workId}/comments`,
      { body: 'Lovely work', name: 'Wanderer' },
      { csrfFrom: `/works/${workId}/comments/new` },
    );
    assert.equal(posted.statusCode, 303);
    const row = (await rows()).at(-1)!;
    assert.equal(row.state, 'screened');
    assert.equal(row.guest_name, 'Wanderer');
    assert.doesNotMatch(textOf((await guest.get(`/works/${workId}`)).body), /Lovely work/);
    assert.equal((await guest.get(`/comments/${row.id}`)).statusCode, 404);

    const author = await login(cast.author);
    const authorView = await author.get(`/works/${workId}`);
    assert.match(textOf(authorView.body), /Wanderer \(guest\).*Screened.*Lovely work/);
    const unscreened = await author.post(
      `/comments/${row.id}/unscreen`,
      {},
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(unscreened.statusCode, 303);
    const after = await guest.get(`/works/${workId}`);
    assert.match(textOf(after.body), /Comments \(1\).*Lovely work/);
  });

  it('replies via ?reply=, thread permalinks, continue-thread links beyond the nesting cap, the flat view', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const top = await comment(ctx(), cast.reader, { kind: 'work', id: workId }, 'Top comment');
    const reader = await login(cast.author);
    const replyPage = await reader.get(`/works/${workId}?reply=${top}`);
    assert.match(replyPage.body, new RegExp(`<input type="hidden" name="parentId" value="${top}"/>`));
    const posted = await reader.post(
      `/works/${workId}/comments`,
      { body: 'Author answers', parentId: String(top) },
      { csrfFrom: `/works/${workId}` },
    );
    assert.equal(posted.statusCode, 303);
    let parent = (await rows()).at(-1)!.id;
    for (let i = 0; i < 6; i++)
      parent = await comment(ctx(), cast.reader, { kind: 'work', id: workId }, `Deeper ${i}`, {
        parentId: parent,
      });
    const page = await reader.get(`/works/${workId}`);
    assert.match(page.body, /Continue this thread/);
    assert.match(page.body, /<details class="comment__replies"/);
    assert.doesNotMatch(textOf(page.body), /Deeper 5/, 'beyond the cap, behind the link');
    const thread = await reader.get(`/works/${workId}?thread=${parent}`);
    assert.match(textOf(thread.body), /Deeper 5/);
    assert.match(textOf(thread.body), /All comments/);
    const flat = await reader.get(`/works/${workId}?view=flat`);
    const order = ['Top comment', 'Author answers', 'Deeper 0', 'Deeper 5'].map((t) =>
      textOf(flat.body).indexOf(t),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.ok(order.every((i) => i > 0));
  });

  it('an entry: a guest comments inline, screened; the owner sees it, unscreens it by replying', async () => {
    const entryId = await makeEntry(ctx(), cast.author, { screening: 'guests' });
    const entryUrl = `/journals/${cast.author.username}/entries/${entryId}`;
    const guest = new TestClient(env().app);
    const page = await guest.get(entryUrl);
    assert.match(page.body, /name="_csrf"/, 'entry pages carry the form for guests');
    const posted = await guest.post(
      `/entries/${entryId}/comments`,
      { body: 'Hello from a guest', name: 'Pat' },
      { csrfFrom: entryUrl },
    );
    assert.equal(posted.statusCode, 303);
    const row = (await rows()).at(-1)!;
    assert.equal(row.state, 'screened');
    assert.doesNotMatch(textOf((await guest.get(entryUrl)).body), /Hello from a guest/);
    const owner = await login(cast.author);
    assert.match(textOf((await owner.get(entryUrl)).body), /Hello from a guest/);
    const recent = `/journals/${cast.author.username}`;
    const countOn = (html: string) =>
      new RegExp(`href="${entryUrl}#comments">(\\d+) comments?<`).exec(html)?.[1];
    assert.equal(
      countOn((await guest.get(recent)).body),
      '0',
      'a screened comment is not counted for guests',
    );
    assert.equal(countOn((await owner.get(recent)).body), '1', 'the owner counts what they see');
    await owner.post(
      `/entries/${entryId}/comments`,
      { body: 'Welcome!', parentId: String(row.id) },
      { csrfFrom: entryUrl },
    );
    assert.match(textOf((await guest.get(entryUrl)).body), /Comments \(2\).*Hello from a guest.*Welcome!/);
    assert.equal(countOn((await guest.get(recent)).body), '2');
  });

  it('page links: 25 threads a page; a reply link keeps the page it was on', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const ids: number[] = [];
    for (let i = 0; i < 26; i++)
      ids.push(await comment(ctx(), cast.reader, { kind: 'work', id: workId }, `Number ${i}`));
    const reader = await login(cast.other);
    const one = await reader.get(`/works/${workId}`);
    assert.match(one.body, new RegExp(`href="/works/${workId}\\?page=2#comments"`));
    assert.doesNotMatch(textOf(one.body), /Number 25/);
    const two = await reader.get(`/works/${workId}?page=2`);
    assert.match(textOf(two.body), /Number 25/);
    assert.match(
      two.body,
      new RegExp(`href="/works/${workId}\\?page=2&amp;reply=${ids[25]}#reply-${ids[25]}"`),
    );
    const replying = await reader.get(`/works/${workId}?page=2&reply=${ids[25]}`);
    assert.match(replying.body, new RegExp(`name="parentId" value="${ids[25]}"`));
    assert.equal(
      (replying.body.match(/id="f-body"/g) ?? []).length,
      1,
      'one form on the page: no duplicate ids',
    );
  });

  it('the moderation queue: creators approve or delete; nobody else finds it', async () => {
    const { workId } = await makeWork(ctx(), cast.author, { moderatedComments: true });
    const reader = await login(cast.reader);
    await reader.post(`/works/${workId}/comments`, { body: 'Held one' }, { csrfFrom: `/works/${workId}` });
    await reader.post(`/works/${workId}/comments`, { body: 'Held two' }, { csrfFrom: `/works/${workId}` });
    const [one, two] = (await rows()).slice(-2);
    assert.equal((await reader.get(`/works/${workId}/comments/moderation`)).statusCode, 404);
    const author = await login(cast.author);
    const work = await author.get(`/works/${workId}`);
    assert.match(textOf(work.body), /2 comments await approval/);
    const queue = await author.get(`/works/${workId}/comments/moderation`);
    assert.match(textOf(queue.body), /Held one.*Held two/);
    const approved = await author.post(
      `/comments/${one!.id}/approve`,
      { back: 'queue' },
      { csrfFrom: `/works/${workId}/comments/moderation` },
    );
    assert.equal(approved.headers.location, `/works/${workId}/comments/moderation`);
    await author.post(
      `/comments/${two!.id}/delete`,
      { back: 'queue' },
      { csrfFrom: `/works/${workId}/comments/moderation` },
    );
    const guestView = await new TestClient(env().app).get(`/works/${workId}`);
    assert.match(textOf(guestView.body), /Comments \(1\).*Held one/);
    assert.doesNotMatch(textOf(guestView.body), /Held two/);
  });

  it('edit and delete through the pages: "Edited at", the deleted stub', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const top = await comment(ctx(), cast.reader, { kind: 'work', id: workId }, 'First version');
    await comment(ctx(), cast.other, { kind: 'work', id: workId }, 'A reply', { parentId: top });
    const reader = await login(cast.reader);
    const form = await reader.get(`/comments/${top}/edit`);
    assert.match(form.body, /First version/);
    assert.equal((await (await login(cast.other)).get(`/comments/${top}/edit`)).statusCode, 404);
    const bad = await reader.post(`/comments/${top}/edit`, { body: '' });
    assert.equal(bad.statusCode, 422);
    await reader.post(`/comments/${top}/edit`, { body: 'Second version' });
    const page = await reader.get(`/works/${workId}`);
    assert.match(textOf(page.body), /Second version Edited at/);
    await reader.post(`/comments/${top}/delete`, {}, { csrfFrom: `/works/${workId}` });
    const after = await reader.get(`/works/${workId}`);
    assert.match(textOf(after.body), /\(Previous comment deleted\.\).*A reply/);
    assert.doesNotMatch(textOf(after.body), /Second version/);
  });

  it('csrf: a comment form post without the token is refused', async () => {
    const { workId } = await makeWork(ctx(), cast.author);
    const reader = await login(cast.reader);
    await reader.get(`/works/${workId}`);
    const response = await reader.post(`/works/${workId}/comments`, { body: 'Forged' }, { csrf: false });
    assert.equal(response.statusCode, 403);
    void csrfToken;
  });
});

eachDialect(
  'comment rate limit',
  (env) => {
    it('limits comments per address', async () => {
      const cast = await makeCast(env().ctx);
      const { workId } = await makeWork(env().ctx, cast.author);
      const guest = new TestClient(env().app);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (
            await guest.post(
              `/works/${workId}/comments`,
              { body: `Hi ${i}`, name: 'G' },
              { csrfFrom: `/works/${workId}/comments/new` },
            )
          ).statusCode,
        );
      assert.deepEqual(statuses, [303, 303, 303, 429]);
    });
  },
  { app: { rateLimitMax: 3 } },
);
