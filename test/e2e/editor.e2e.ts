// Browser journey through the posting form's script ([editor]): a writer picks "Smallville" from
// the Fandoms suggestions with the keyboard, writes the chapter in the rich-text editor with its
// toolbar (bold, a list, a link) and shortcuts, switches to HTML and back, and posts; the work
// shows the formatting. A chapter with HTML the editor can't keep opens as HTML, saying why.
// Plain text and no script at all keep working. axe with the listbox open and the editor on, in
// light and dark schemes; no console errors and no CSP violations anywhere.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TestClient } from '../client.ts';
import { FACTORY_PASSWORD, makeUser } from '../factories.ts';
import {
  A11yTracker,
  eachBrowserDialect,
  clickAndLoad,
  launchBrowser,
  startTestServer,
  type TestServer,
} from './browser.ts';

const SHOT = '/tmp/editor.png';
const SHOT_DARK = '/tmp/editor-dark.png';

eachBrowserDialect('posting form editor in Chromium', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let writer: { username: string; password: string };
  let seedAuthor: TestClient;
  let workId = 0;
  const problems: string[] = [];
  const a11y = new A11yTracker(dialect);

  /** Console errors, uncaught exceptions and CSP violations, from every page of a context. */
  async function watchForProblems(ctx: BrowserContext) {
    await ctx.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      ),
    );
    ctx.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} (${m.location().url})`));
    ctx.on('weberror', (e) => problems.push(`uncaught: ${e.error().message}`));
  }

  async function postSeed(fandoms: string) {
    const form = {
      title: `Seed: ${fandoms}`,
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms,
      chapterBody: 'Seeded.',
      chapterFormat: 'text',
      save: 'post',
    };
    const response = await seedAuthor.post('/works', form, { csrfFrom: '/works/new' });
    assert.equal(response.statusCode, 303);
  }

  before(async () => {
    server = await startTestServer(dialect);
    const author = await makeUser(server.env.ctx);
    seedAuthor = new TestClient(server.env.app);
    await seedAuthor.post('/login', { login: author.username, password: FACTORY_PASSWORD });
    await postSeed('Smallville');
    await postSeed('Smallville, Small Soldiers');
    const user = await makeUser(server.env.ctx);
    writer = { username: user.username, password: FACTORY_PASSWORD };
    browser = await launchBrowser();
    context = await browser.newContext({ colorScheme: 'light', reducedMotion: 'reduce' });
    context.setDefaultTimeout(10_000);
    await watchForProblems(context);
    page = a11y.watch(await context.newPage());
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const main = () => page.getByRole('main');
  const editor = () => main().getByRole('textbox', { name: 'Chapter text' });
  const bodySource = () => page.locator('textarea[name="chapterBody"]');
  const toolButton = (name: string) =>
    main().getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });
  /** Lets the page run what is queued: ProseMirror takes a moved caret on selectionchange. */
  const settle = () =>
    page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0))));
  const mode = (name: 'Rich text' | 'HTML') =>
    main().getByRole('group', { name: 'Edit as' }).getByRole('button', { name });

  test('a. the writer logs in and opens the posting form; the editor and the tag fields wake up', async () => {
    await page.goto(server.url('/login'));
    await a11y.check(page, 'login');
    await page.getByLabel(/^Username or e-mail/).fill(writer.username);
    await page.getByLabel(/^Password/).fill(writer.password);
    await clickAndLoad(page, main().getByRole('button', { name: 'Log in' }));
    await a11y.check(page, 'home (writer)');
    await page.goto(server.url('/works/new'));
    await main().getByRole('toolbar', { name: 'Formatting' }).waitFor();
    assert.equal(await mode('Rich text').getAttribute('aria-pressed'), 'true');
    assert.ok(await bodySource().isHidden(), 'the textarea hides behind the editor');
    const script = await page.locator('script[type="module"]').getAttribute('src');
    assert.match(script ?? '', /^\/assets\/js\/posting-form\.(\w+\.)?js$/);
    for (const name of [/^Fandoms/, /^Relationships/, /^Characters/, /^Additional tags/]) {
      assert.equal(await main().getByRole('combobox', { name }).getAttribute('autocomplete'), 'off');
    }
  });

  test('b. "Small" in Fandoms suggests Smallville first; the keyboard picks it', async () => {
    const fandoms = main().getByRole('combobox', { name: /^Fandoms/ });
    await fandoms.pressSequentially('Small');
    const listbox = main().getByRole('listbox', { name: 'Suggested fandoms' });
    await listbox.waitFor();
    assert.equal(await fandoms.getAttribute('aria-expanded'), 'true');
    const options = listbox.getByRole('option');
    assert.deepEqual(
      (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')),
      ['Smallville 2 works', 'Small Soldiers 1 work'],
    );
    await main().getByRole('status').filter({ hasText: '2 suggestions.' }).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowDown');
    const first = options.first();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await fandoms.getAttribute('aria-activedescendant'), await first.getAttribute('id'));

    // The form with the listbox open and the editor on: axe in both schemes, and a look.
    await a11y.check(page, 'post a new work (listbox open, editor on)');
    await page.screenshot({ path: SHOT, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.screenshot({ path: SHOT_DARK, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    assert.ok(await listbox.isVisible(), 'still open after the checks');

    await page.keyboard.press('Enter');
    assert.equal(await fandoms.inputValue(), 'Smallville');
    assert.ok(await listbox.isHidden());
    assert.equal(await fandoms.getAttribute('aria-expanded'), 'false');
    assert.equal(new URL(page.url()).pathname, '/works/new', 'Enter picked the tag, it did not post');

    // A second tag after a comma: Escape closes the list and keeps what was typed.
    await fandoms.pressSequentially(', Small');
    await listbox.waitFor();
    assert.deepEqual(
      await options.allInnerTexts(),
      ['Small Soldiers\n1 work'],
      'Smallville is already there',
    );
    await page.keyboard.press('Escape');
    assert.ok(await listbox.isHidden());
    await fandoms.fill('Smallville');
  });

  test('c. the chapter is written with the toolbar and shortcuts; the textarea follows', async () => {
    await main()
      .getByLabel(/^Work title/)
      .fill('Formatted');
    await main().getByRole('radio', { name: 'General Audiences' }).check();
    await main().getByRole('checkbox', { name: 'No Archive Warnings Apply' }).check();
    await editor().click();
    await page.keyboard.type('Lex opens the ');
    await toolButton('Bold').click();
    assert.equal(await toolButton('Bold').getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('door');
    await toolButton('Bold').click();
    await page.keyboard.type(' and ');
    await page.keyboard.press('ControlOrMeta+i');
    await page.keyboard.type('waits');
    await page.keyboard.press('ControlOrMeta+i');
    await page.keyboard.type('.');
    await page.keyboard.press('Enter');
    await toolButton('Bulleted list').click();
    await page.keyboard.type('coffee');
    await page.keyboard.press('Enter');
    await page.keyboard.type('snow');
    assert.equal(await toolButton('Bulleted list').getAttribute('aria-pressed'), 'true');

    // A link through the panel (Ctrl+K), on the word just typed; Enter applies, it doesn't post.
    await page.keyboard.press('Shift+Home');
    // ProseMirror takes the selection from the browser's selectionchange event: wait for it.
    await page.waitForFunction(() => {
      type Pm = { editor: { state: { selection: { from: number; to: number; $from: { doc: Doc } } } } };
      type Doc = { textBetween(from: number, to: number): string };
      const { selection } = (document.querySelector('.ProseMirror') as unknown as Pm).editor.state;
      return selection.$from.doc.textBetween(selection.from, selection.to) === 'snow';
    });
    await page.keyboard.press('ControlOrMeta+k');
    const address = main().getByRole('group', { name: 'Add a link' }).getByLabel('Link address');
    await address.fill('example.org/snow');
    await address.press('Enter');
    assert.ok(await address.isHidden());
    // The editor takes focus back on the next animation frame (Tiptap's focus command): wait for it.
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));

    // Alt+F10 reaches the toolbar; arrows move in it; Escape comes back to the text.
    await page.keyboard.press('End');
    await page.keyboard.press('Alt+F10');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Bulleted list',
    );
    await page.keyboard.press('ArrowRight');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Numbered list',
    );
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));

    const html = await bodySource().inputValue();
    assert.match(html, /<p>Lex opens the <strong>door<\/strong> and <em>waits<\/em>\.<\/p>/);
    assert.match(
      html,
      /<ul><li><p>coffee<\/p><\/li><li><p><a href="https:\/\/example\.org\/snow">snow<\/a><\/p><\/li><\/ul>/,
    );
  });

  test('c2. an image by its address, and a table with its own tools', async () => {
    await editor().press('End');
    await settle();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // out of the list
    await toolButton('Image').click();
    const panel = main().getByRole('group', { name: 'Add an image' });
    await panel.getByLabel('Image address').fill('ftp://example.org/lex.png');
    await panel.getByRole('button', { name: 'Add image' }).click();
    await panel.getByText('starting with https://').waitFor();
    assert.equal(await panel.getByLabel('Image address').getAttribute('aria-invalid'), 'true');
    await panel.getByLabel('Image address').fill(server.url('/assets/favicon.svg'));
    await panel.getByLabel('Description').fill('A fleuron');
    await panel.getByLabel('Description').press('Enter');
    await editor().getByRole('img', { name: 'A fleuron' }).waitFor();

    assert.ok(await toolButton('Add row').isHidden(), 'table tools only show in a table');
    await toolButton('Table').click();
    await page.keyboard.type('Who');
    await toolButton('Add row').click();
    assert.equal(await toolButton('Table').getAttribute('aria-disabled'), 'true', 'no table in a table');
    assert.equal(await editor().locator('tr').count(), 4);
    await toolButton('Delete table').click();
    assert.equal(await editor().locator('table').count(), 0);
    assert.ok(await toolButton('Add row').isHidden());
    assert.match(await bodySource().inputValue(), /<img src="[^"]+\/assets\/favicon\.svg" alt="A fleuron">/);
  });

  test('d. HTML mode shows the source; edits there come back to rich text; kept-out markup is refused', async () => {
    await mode('HTML').click();
    assert.equal(await mode('HTML').getAttribute('aria-pressed'), 'true');
    const source = main().getByRole('textbox', { name: 'Chapter text' });
    assert.equal(await source.evaluate((el) => el.localName), 'textarea', 'the label names the textarea now');
    const html = await source.inputValue();
    await source.fill(`${html}<p>The end, in <u>HTML</u>.</p>`);

    await mode('Rich text').click();
    assert.equal(await mode('Rich text').getAttribute('aria-pressed'), 'true');
    await editor().locator('u', { hasText: 'HTML' }).waitFor();
    await editor().locator('strong', { hasText: 'door' }).waitFor();

    await mode('HTML').click();
    await source.fill(`${await source.inputValue()}<p><abbr title="Lex Luthor">LL</abbr></p>`);
    await mode('Rich text').click();
    assert.equal(await mode('HTML').getAttribute('aria-pressed'), 'true', 'it stays in HTML');
    await main().getByRole('status').filter({ hasText: 'can’t keep (<abbr>)' }).waitFor();
    await main().getByRole('button', { name: 'Use rich text anyway' }).waitFor();
    await source.fill((await source.inputValue()).replace(/<p><abbr.*<\/abbr><\/p>/, ''));
    await mode('Rich text').click();
    assert.equal(await mode('Rich text').getAttribute('aria-pressed'), 'true');
    assert.equal(await main().getByRole('status').filter({ hasText: 'can’t keep' }).count(), 0);
  });

  test('e. posted, the work shows the formatting', async () => {
    await clickAndLoad(page, main().getByRole('button', { name: 'Post', exact: true }));
    await page.getByRole('status').filter({ hasText: 'Your work was posted.' }).waitFor();
    workId = Number(/^\/works\/(\d+)/.exec(new URL(page.url()).pathname)?.[1]);
    assert.ok(workId > 0, page.url());
    const body = main().locator('.chapter__body');
    assert.equal(await body.locator('strong').innerText(), 'door');
    assert.equal(await body.locator('em').innerText(), 'waits');
    assert.deepEqual(await body.locator('ul > li').allInnerTexts(), ['coffee', 'snow']);
    assert.equal(await body.locator('a').getAttribute('href'), 'https://example.org/snow');
    assert.equal(await body.locator('u').innerText(), 'HTML');
    assert.equal(await body.getByRole('img', { name: 'A fleuron' }).count(), 1);
    assert.match(await main().locator('.work-meta').innerText(), /Smallville/);
    await a11y.check(page, 'work page (formatted)');
  });

  test('f. a chapter with HTML the editor would drop opens as HTML and says why', async () => {
    const form = {
      chapterTitle: 'Footnotes',
      chapterBody: '<p>H<sub>2</sub>O and <abbr title="Lex Luthor">LL</abbr>.</p>',
      chapterFormat: 'html',
      save: 'post',
    };
    const viewer = new TestClient(server.env.app);
    await viewer.post('/login', { login: writer.username, password: writer.password });
    const added = await viewer.post(`/works/${workId}/chapters`, form, {
      csrfFrom: `/works/${workId}/chapters/new`,
    });
    const chapterPath = String(added.headers.location);
    await page.goto(server.url(`${chapterPath}/edit`));
    await main().getByRole('group', { name: 'Edit as' }).waitFor();
    assert.equal(await mode('HTML').getAttribute('aria-pressed'), 'true');
    await main().getByRole('status').filter({ hasText: '<sub>, <abbr>' }).waitFor();
    assert.match(await bodySource().inputValue(), /<abbr title="Lex Luthor">LL<\/abbr>/);
    await a11y.check(page, 'edit chapter (opened as HTML)');

    await main().getByRole('button', { name: 'Use rich text anyway' }).click();
    assert.equal(await mode('Rich text').getAttribute('aria-pressed'), 'true');
    assert.doesNotMatch(await bodySource().inputValue(), /<abbr|<sub/, 'the writer chose to drop them');
  });

  test('g. plain text: the editor steps aside, and unformatted text converts both ways', async () => {
    await page.goto(server.url(`/works/${workId}/chapters/new`));
    await editor().click();
    await page.keyboard.type('First paragraph.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second paragraph.');
    await main().getByRole('radio', { name: 'Plain text (blank lines make paragraphs)' }).check();
    assert.ok(await main().getByRole('group', { name: 'Edit as' }).isHidden());
    const text = main().getByLabel(/^Chapter text/);
    assert.equal(await text.inputValue(), 'First paragraph.\n\nSecond paragraph.');
    await text.fill('One.\n\nTwo &amp; three.');
    await main().getByRole('radio', { name: 'HTML', exact: true }).check();
    assert.equal(await mode('Rich text').getAttribute('aria-pressed'), 'true');
    assert.equal(await bodySource().inputValue(), '<p>One.</p>\n<p>Two &amp;amp; three.</p>');
    assert.deepEqual(await editor().locator('p').allInnerTexts(), ['One.', 'Two &amp; three.']);
    await a11y.check(page, 'new chapter');
  });

  test('h. without script the form is the plain form', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await noScript.goto(server.url('/login'));
    await noScript.getByLabel(/^Username or e-mail/).fill(writer.username);
    await noScript.getByLabel(/^Password/).fill(writer.password);
    await clickAndLoad(noScript, noScript.getByRole('main').getByRole('button', { name: 'Log in' }));
    await noScript.goto(server.url('/works/new'));
    assert.ok(
      await noScript
        .getByRole('main')
        .getByLabel(/^Chapter text/)
        .isVisible(),
    );
    assert.equal(await noScript.getByRole('combobox').count(), 0);
    assert.equal(await noScript.getByRole('toolbar').count(), 0);
    await plain.close();
  });

  test('the bundle is served hashed and cached for ever; the alias is not', async () => {
    const src = await page
      .goto(server.url(`/works/${workId}/chapters/new`))
      .then(() => page.locator('script[type="module"]').getAttribute('src'));
    assert.match(src ?? '', /^\/assets\/js\/posting-form\.\w+\.js$/, 'hashed once built');
    const hashed = await fetch(server.url(src!));
    assert.equal(hashed.status, 200);
    assert.match(hashed.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(hashed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const alias = await fetch(server.url('/assets/js/posting-form.js'));
    assert.equal(alias.headers.get('cache-control'), 'no-cache');
    assert.equal(await alias.text(), await hashed.text());
    assert.equal((await fetch(server.url('/assets/js/nothing.js'))).status, 404);
    await a11y.check(page, 'new chapter (again)');
  });

  test('no console errors or CSP violations; every page passes axe, light and dark', () => {
    assert.deepEqual(problems, []);
    a11y.assertAllClean();
  });
});
