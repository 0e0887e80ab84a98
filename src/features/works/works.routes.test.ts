import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { it } from 'node:test';
import { TestClient, textOf } from '../../../test/client.ts';
import { FACTORY_PASSWORD, makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { seedStoryText } from '../../../test/seed.ts';
import { EPUBCHECK, epubcheck } from '../downloads/epubcheck.ts';

const seedForm = (overrides: Record<string, string> = {}) => ({
  title: 'Symphony, Part V',
  rating: 'Teen And Up Audiences',
  warnings: 'No Archive Warnings Apply',
  categories: 'F/M',
  fandoms: 'Smallville',
  relationships: 'Lex Luthor/Lana Lang',
  characters: 'Lex Luthor, Lana Lang',
  additionalTags: 'Future AU, Soul-crushing angst',
  summary: 'Peace.',
  notes: 'What? I’m done?',
  seriesTitle: 'Symphony',
  seriesPart: '5',
  language: 'en',
  expectedChapters: '?',
  postedAt: '2006-01-21',
  chapterBody: seedStoryText(),
  chapterFormat: 'text',
  save: 'post',
  ...overrides,
});

eachDialect('work pages', (env) => {
  async function writer() {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    return { user, browser };
  }
  const workIdFrom = (location: unknown) => Number(/\/works\/(\d+)/.exec(String(location))?.[1]);

  it('posts the seed story through the form and shows it with its meta block', async () => {
    const { user, browser } = await writer();
    const posted = await browser.post('/works', seedForm(), { csrfFrom: '/works/new' });
    assert.equal(posted.statusCode, 303);
    const id = workIdFrom(posted.headers.location);
    const page = await new TestClient(env().app).get(`/works/${id}`);
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    for (const expected of [
      'Symphony, Part V',
      `by ${user.username}`,
      'Teen And Up Audiences',
      'Smallville',
      'Lex Luthor/Lana Lang',
      'Part 5 of Symphony',
      'Words: 594',
      'Chapters: 1/?',
      'Lex opens the door',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.match(page.body, /<title>Symphony, Part V · Quire<\/title>/);
    const seriesUrl = page.body.match(/href="(\/series\/(\d+))"/)!;
    const series = await new TestClient(env().app).get(seriesUrl[1]!);
    assert.match(textOf(series.body), /Part 5: Symphony, Part V/);
    const form = await browser.get('/works/new');
    assert.match(
      form.body,
      new RegExp(`<option value="${seriesUrl[2]}">Symphony</option>`),
      'offered for the next part',
    );
    const part6 = await browser.post(
      '/works',
      seedForm({ title: 'Symphony, Part VI', seriesTitle: '', seriesPart: '', seriesId: seriesUrl[2]! }),
      { csrfFrom: '/works/new' },
    );
    assert.equal(part6.statusCode, 303);
    assert.match(
      textOf((await browser.get(seriesUrl[1]!)).body),
      /Part 5: Symphony, Part V .*Part 6: Symphony, Part VI/,
    );
    assert.match(textOf((await browser.get('/works')).body), /Symphony, Part V/);
  });

  it('keeps what was typed when the form is refused', async () => {
    const { browser } = await writer();
    const refused = await browser.post('/works', seedForm({ fandoms: '', rating: '' }), {
      csrfFrom: '/works/new',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /Please add at least one fandom/);
    assert.match(textOf(refused.body), /Please choose a rating/);
    assert.match(refused.body, /value="Symphony, Part V"/);
    assert.match(refused.body, /value="No Archive Warnings Apply" checked/);
    assert.match(refused.body, /Lex opens the door/, 'the chapter text is kept');
  });

  it('adds a chapter that bumps the work, with chapter navigation', async () => {
    const { browser } = await writer();
    const id = workIdFrom(
      (
        await browser.post('/works', seedForm({ title: 'Chaptered', seriesTitle: '' }), {
          csrfFrom: '/works/new',
        })
      ).headers.location,
    );
    const added = await browser.post(
      `/works/${id}/chapters`,
      { chapterTitle: 'Coda', chapterBody: '<p>After.</p>', chapterFormat: 'html', save: 'post' },
      { csrfFrom: `/works/${id}/chapters/new` },
    );
    assert.equal(added.statusCode, 303);
    const chapterPage = await browser.get(String(added.headers.location));
    assert.match(textOf(chapterPage.body), /Chapter 2: Coda/);
    assert.match(chapterPage.body, /← Previous chapter/);
    const full = await browser.get(`/works/${id}?view_full_work=true`);
    assert.match(textOf(full.body), /Chapter 1 .*Chapter 2: Coda/);
    assert.match(
      textOf((await browser.get('/works')).body),
      /Chaptered .*Symphony, Part V/,
      'newest chapter first',
    );
    const stranger = new TestClient(env().app);
    await stranger.post('/login', {
      login: (await makeUser(env().ctx)).username,
      password: FACTORY_PASSWORD,
    });
    assert.equal((await stranger.get(`/works/${id}/chapters/new`)).statusCode, 403);
  });

  it('shows an adult-content notice first, remembered once accepted', async () => {
    const { browser } = await writer();
    const id = workIdFrom(
      (
        await browser.post(
          '/works',
          seedForm({ title: 'Explicit one', rating: 'Explicit', seriesTitle: '' }),
          { csrfFrom: '/works/new' },
        )
      ).headers.location,
    );
    const reader = new TestClient(env().app);
    const notice = await reader.get(`/works/${id}`);
    assert.match(textOf(notice.body), /This work could have adult content/);
    assert.doesNotMatch(notice.body, /Lex opens the door/);
    const accepted = await reader.get(`/works/${id}?view_adult=true`);
    assert.match(accepted.body, /Lex opens the door/);
    assert.match((await reader.get(`/works/${id}`)).body, /Lex opens the door/, 'remembered by cookie');

    const member = await makeUser(env().ctx);
    const settled = new TestClient(env().app);
    await settled.post('/login', { login: member.username, password: FACTORY_PASSWORD });
    assert.match(textOf((await settled.get(`/works/${id}`)).body), /could have adult content/);
    await settled.post('/account/preferences', { view_adult: '1' }, { csrfFrom: '/account' });
    assert.match((await settled.get(`/works/${id}`)).body, /Lex opens the door/, 'always, by preference');
  });

  it('keeps restricted works and drafts from guests, downloads included', async () => {
    const { browser } = await writer();
    const restricted = workIdFrom(
      (
        await browser.post('/works', seedForm({ title: 'Members only', restricted: '1', seriesTitle: '' }), {
          csrfFrom: '/works/new',
        })
      ).headers.location,
    );
    const draft = workIdFrom(
      (
        await browser.post('/works', seedForm({ title: 'Unfinished', save: 'draft', seriesTitle: '' }), {
          csrfFrom: '/works/new',
        })
      ).headers.location,
    );
    const guest = new TestClient(env().app);
    for (const url of [
      `/works/${restricted}`,
      `/works/${restricted}/download.epub`,
      `/works/${draft}`,
      `/works/${draft}/download.txt`,
    ]) {
      assert.equal((await guest.get(url)).statusCode, 404, url);
    }
    assert.doesNotMatch(textOf((await guest.get('/works')).body), /Members only|Unfinished/);
    assert.match(textOf((await browser.get(`/works/${draft}`)).body), /Draft: only you can see this work/);
    const member = new TestClient(env().app);
    await member.post('/login', { login: (await makeUser(env().ctx)).username, password: FACTORY_PASSWORD });
    assert.equal((await member.get(`/works/${restricted}`)).statusCode, 200);
    assert.equal((await member.get(`/works/${draft}`)).statusCode, 404);
  });

  it('downloads EPUB, HTML and text, and the EPUB passes epubcheck', async (t) => {
    const { browser } = await writer();
    const id = workIdFrom(
      (await browser.post('/works', seedForm({ title: 'Downloadable' }), { csrfFrom: '/works/new' })).headers
        .location,
    );
    const guest = new TestClient(env().app);
    const epub = await guest.get(`/works/${id}/download.epub`);
    assert.equal(epub.headers['content-type'], 'application/epub+zip');
    assert.match(String(epub.headers['content-disposition']), /attachment; filename="Downloadable\.epub"/);
    assert.equal(epub.rawPayload.subarray(30, 38).toString(), 'mimetype');
    const html = await guest.get(`/works/${id}/download.html`);
    assert.match(html.body, /Lex opens the door/);
    assert.doesNotMatch(html.body, /<link |src="http/);
    const txt = await guest.get(`/works/${id}/download.txt`);
    assert.match(txt.body, /Lex opens the door/);
    assert.equal((await guest.get(`/works/${id}/download.pdf`)).statusCode, 404);
    if (!existsSync(EPUBCHECK)) return t.skip('epubcheck not installed');
    const report = await epubcheck(epub.rawPayload);
    assert.equal(report.fatals + report.errors, 0, report.messages.join('\n'));
  });
});

eachDialect('editing works', (env) => {
  it('edits a work and its chapters from the work page, posts a draft, reorders and deletes', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    const created = await browser.post(
      '/works',
      seedForm({ title: 'Editable', seriesTitle: '', save: 'draft' }),
      { csrfFrom: '/works/new' },
    );
    const id = Number(/\/works\/(\d+)/.exec(String(created.headers.location))?.[1]);
    const edit = await browser.get(`/works/${id}/edit`);
    assert.match(edit.body, /value="Editable"/);
    assert.match(edit.body, /value="Smallville"/);
    assert.match(edit.body, /value="Teen And Up Audiences" checked/);
    const refused = await browser.post(`/works/${id}/edit`, { ...seedForm({ title: '' }), save: 'edit' });
    assert.equal(refused.statusCode, 422);
    assert.match(textOf(refused.body), /Please give the work a title/);
    const posted = await browser.post(
      `/works/${id}/edit`,
      seedForm({ title: 'Edited and posted', save: 'post' }),
    );
    assert.equal(posted.statusCode, 303);
    const guestView = await new TestClient(env().app).get(`/works/${id}`);
    assert.match(textOf(guestView.body), /Edited and posted/, 'the draft is now posted');

    await browser.post(
      `/works/${id}/chapters`,
      { chapterTitle: 'Two', chapterBody: '<p>Second.</p>', save: 'post' },
      { csrfFrom: `/works/${id}/chapters/new` },
    );
    const page = await browser.get(`/works/${id}?view_full_work=true`);
    const chapterIds = [...page.body.matchAll(/\/chapters\/(\d+)\/edit"/g)].map((m) => Number(m[1]));
    assert.equal(chapterIds.length, 2);
    const [first, second] = chapterIds as [number, number];
    const chapterEdit = await browser.post(
      `/works/${id}/chapters/${second}/edit`,
      {
        chapterTitle: 'Two, revised',
        chapterBody: '<p>Second, revised.</p>',
        chapterFormat: 'html',
        save: 'post',
      },
      { csrfFrom: `/works/${id}/chapters/${second}/edit` },
    );
    assert.equal(chapterEdit.statusCode, 303);
    await browser.post(
      `/works/${id}/chapters/order`,
      { [`position-${first}`]: '2', [`position-${second}`]: '1' },
      { csrfFrom: `/works/${id}/navigate` },
    );
    const index = await browser.get(`/works/${id}/navigate`);
    assert.match(textOf(index.body), /Chapter 1: Two, revised .*Chapter 2/);
    await browser.post(`/works/${id}/chapters/${second}/delete`, {}, { csrfFrom: `/works/${id}` });
    assert.doesNotMatch(textOf((await browser.get(`/works/${id}`)).body), /Two, revised/);
    const deleted = await browser.post(`/works/${id}/delete`, {}, { csrfFrom: `/works/${id}/edit` });
    assert.equal(deleted.statusCode, 303);
    assert.equal((await browser.get(`/works/${id}`)).statusCode, 404);
  });
});

eachDialect('a creator’s works page', (env) => {
  it('lists the works a viewer may see, drafts only for their creator', async () => {
    const user = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: user.username, password: FACTORY_PASSWORD });
    await browser.post('/works', seedForm({ title: 'Public one', seriesTitle: '' }), {
      csrfFrom: '/works/new',
    });
    await browser.post('/works', seedForm({ title: 'Secret draft', seriesTitle: '', save: 'draft' }), {
      csrfFrom: '/works/new',
    });
    const own = textOf((await browser.get(`/users/${user.username}/works`)).body);
    assert.match(own, /Works by .*Secret draft by .*Draft.*Public one/);
    const guest = textOf((await new TestClient(env().app).get(`/users/${user.username}/works`)).body);
    assert.match(guest, /Public one/);
    assert.doesNotMatch(guest, /Secret draft/);
  });
});

eachDialect('co-creator invitations', (env) => {
  it('e-mails the invitation; the co-creator is shown and may edit only after accepting', async () => {
    const writer = await makeUser(env().ctx);
    const friend = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
    const created = await browser.post(
      '/works',
      seedForm({ title: 'Together', seriesTitle: '', coCreators: friend.username }),
      { csrfFrom: '/works/new' },
    );
    const id = Number(/\/works\/(\d+)/.exec(String(created.headers.location))?.[1]);
    assert.equal(created.statusCode, 303, textOf(created.body).slice(0, 400));
    const mail = await env()
      .ctx.db.selectFrom('jobs')
      .select('payload')
      .where('payload', 'like', `%${friend.email}%`)
      .executeTakeFirstOrThrow();
    assert.match(JSON.parse(mail.payload).subject, /invited you to co-create “Together”/);
    assert.doesNotMatch(textOf((await browser.get(`/works/${id}`)).body), new RegExp(friend.username));

    const guest = new TestClient(env().app);
    await guest.post('/login', { login: friend.username, password: FACTORY_PASSWORD });
    assert.match(textOf((await guest.get('/account/invitations')).body), /“Together”/);
    assert.equal((await guest.get(`/works/${id}/edit`)).statusCode, 403);
    const accepted = await guest.post(
      `/account/invitations/${id}/accept`,
      {},
      { csrfFrom: '/account/invitations' },
    );
    assert.equal(accepted.statusCode, 303);
    assert.match(
      textOf((await guest.get(`/works/${id}`)).body),
      new RegExp(`by ${writer.username} ?, ${friend.username}`),
    );
    assert.equal((await guest.get(`/works/${id}/edit`)).statusCode, 200);
    const again = await guest.post(
      `/account/invitations/${id}/accept`,
      {},
      { csrfFrom: '/account/invitations' },
    );
    assert.equal(again.statusCode, 404);
  });
});

eachDialect('gifts', (env) => {
  it('shows recipients, links accounts and tells them by e-mail once the work is posted', async () => {
    const writer = await makeUser(env().ctx);
    const friend = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
    const mails = async () =>
      (
        await env()
          .ctx.db.selectFrom('jobs')
          .select('payload')
          .where('payload', 'like', `%${friend.email}%`)
          .execute()
      )
        .map((j) => JSON.parse(j.payload).subject as string)
        .filter((subject) => subject.includes('wrote you a gift'));

    const posted = await browser.post(
      '/works',
      seedForm({ title: 'For a friend', seriesTitle: '', gifts: `${friend.username}, Lana Lang` }),
      { csrfFrom: '/works/new' },
    );
    const id = Number(/\/works\/(\d+)/.exec(String(posted.headers.location))?.[1]);
    const page = await new TestClient(env().app).get(`/works/${id}`);
    assert.match(textOf(page.body), new RegExp(`For ${friend.username} ?, Lana Lang ?\\.`));
    assert.match(page.body, new RegExp(`href="/users/${friend.username}">${friend.username}</a>`));
    assert.deepEqual(await mails(), [`${writer.username} wrote you a gift: “For a friend”`]);

    const draft = await browser.post(
      '/works',
      seedForm({ title: 'A draft gift', seriesTitle: '', gifts: friend.username, save: 'draft' }),
      { csrfFrom: '/works/new' },
    );
    const draftId = Number(/\/works\/(\d+)/.exec(String(draft.headers.location))?.[1]);
    assert.equal((await mails()).length, 1, 'nobody is told about a draft');
    await browser.post(
      `/works/${draftId}/edit`,
      seedForm({ title: 'A draft gift', seriesTitle: '', gifts: friend.username, save: 'post' }),
      { csrfFrom: `/works/${draftId}/edit` },
    );
    assert.deepEqual((await mails()).length, 2, 'told when it is posted');
    await browser.post(
      `/works/${draftId}/edit`,
      seedForm({ title: 'A draft gift', seriesTitle: '', gifts: friend.username, save: 'edit' }),
      { csrfFrom: `/works/${draftId}/edit` },
    );
    assert.deepEqual((await mails()).length, 2, 'and only once');
  });
});

eachDialect('editing a series', (env) => {
  it('lets its creators rename and describe it, and cached work pages follow', async () => {
    const writer = await makeUser(env().ctx);
    const browser = new TestClient(env().app);
    await browser.post('/login', { login: writer.username, password: FACTORY_PASSWORD });
    const posted = await browser.post(
      '/works',
      seedForm({ title: 'In a series', seriesTitle: 'Sympony (typo)', seriesPart: '1' }),
      { csrfFrom: '/works/new' },
    );
    const id = Number(/\/works\/(\d+)/.exec(String(posted.headers.location))?.[1]);
    const guest = new TestClient(env().app);
    assert.match(textOf((await guest.get(`/works/${id}`)).body), /Part 1 of Sympony \(typo\)/);
    const seriesId = Number(/href="\/series\/(\d+)"/.exec((await guest.get(`/works/${id}`)).body)?.[1]);
    assert.doesNotMatch((await guest.get(`/series/${seriesId}`)).body, /Edit series/);
    const refused = await browser.post(
      `/series/${seriesId}/edit`,
      { title: ' ', summary: 'kept' },
      { csrfFrom: `/series/${seriesId}/edit` },
    );
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, />kept</);
    await browser.post(
      `/series/${seriesId}/edit`,
      { title: 'Symphony', summary: 'Five movements.', complete: '1' },
      { csrfFrom: `/series/${seriesId}/edit` },
    );
    // On PostgreSQL the change reaches the page cache by NOTIFY, a few milliseconds after commit.
    const deadline = Date.now() + 10_000;
    let page = textOf((await guest.get(`/works/${id}`)).body);
    while (!/Part 1 of Symphony/.test(page) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      page = textOf((await guest.get(`/works/${id}`)).body);
    }
    assert.match(page, /Part 1 of Symphony/, 'the cached page was rendered again');
    assert.match(textOf((await guest.get(`/series/${seriesId}`)).body), /Complete .*Five movements\./);
    const stranger = new TestClient(env().app);
    await stranger.post('/login', {
      login: (await makeUser(env().ctx)).username,
      password: FACTORY_PASSWORD,
    });
    assert.equal((await stranger.get(`/series/${seriesId}/edit`)).statusCode, 404);
  });
});
