import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { readWork } from '../works/works.read.ts';
import { importAo3Html, importFileText } from './import-files.service.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`./ao3/fixtures/${name}`, import.meta.url), 'utf8');
const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

eachDialect('importer: AO3 downloads', (env) => {
  it('imports every chapter, tag, note and the series, dated as on AO3, once', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const html = fixture('multi-chapter.html');
    const { result } = await importAo3Html(env().ctx, writer, html, 'post');
    assert.equal(result.status, 'imported');
    const workId = result.status === 'imported' ? result.works[0]!.id : 0;
    const view = await readWork(env().ctx, null, workId);
    assert.equal(view.work.title, 'Allegro ma non troppo');
    assert.deepEqual(view.tags.rating, ['Teen And Up Audiences']);
    assert.deepEqual(view.tags.warning, ['Graphic Depictions Of Violence', 'Major Character Death']);
    assert.deepEqual(view.tags.category, ['M/M', 'Gen']);
    assert.equal(view.tags.fandom.length, 3);
    assert.ok(view.tags.relationship.includes('Aziraphale/Crowley (Good Omens)'));
    assert.ok(view.tags.freeform.includes('Slow Burn'));
    assert.deepEqual(
      view.series.map((s) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.match(view.work.summary, /Crowley plays second violin/);
    assert.match(view.work.notes, /Part five!/);
    assert.match(view.work.end_notes, /Thank you for reading/);
    assert.equal(view.chapters.length, 3);
    assert.equal(view.chapters[0]!.title, 'Exposition');
    assert.match(view.chapters[0]!.notes, /tempo marking/);
    assert.match(view.chapters[1]!.end_notes, /Co-written/);
    assert.equal(view.work.expected_chapters, null, '3/? stays a work in progress');
    assert.equal(view.work.complete, 0);
    assert.equal(view.work.published_at, '2022-09-14T12:00:00.000Z');
    assert.equal(view.work.revised_at, '2023-01-02T12:00:00.000Z', 'Date Updated as on AO3');

    const again = await importFileText(env().ctx, writer, html, { mode: 'post' });
    assert.equal(again[0]?.status, 'already');
  });

  it('imports a download in another language with its language code', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { result } = await importAo3Html(env().ctx, writer, fixture('non-english.html'), 'draft');
    const workId = result.status === 'imported' ? result.works[0]!.id : 0;
    const view = await readWork(env().ctx, writer, workId);
    assert.equal(view.work.language, 'pt-BR');
    assert.equal(view.work.posted, 0);
  });

  it('refuses a file that is not an AO3 download with one message', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    await assert.rejects(
      importAo3Html(env().ctx, writer, '<html><body><p>hello</p></body></html>', 'post'),
      (err: Error) => err.message.length > 0 && !/undefined/.test(err.message),
    );
  });
});
