import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeUser } from '../../../test/factories.ts';
import { eachDialect } from '../../../test/harness.ts';
import { SEED_POST } from '../../../test/seed.ts';
import { escapeHtml } from '../../lib/safe-html.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { listByDateUpdated } from '../works/works.repository.ts';
import { readWork } from '../works/works.read.ts';
import { importJournal } from './journal-import.service.ts';
import { parseLjXml } from './lj-xml/lj-xml.ts';

const asViewer = (u: { id: number; username: string; email: string; role: Viewer['role'] }): Viewer => ({
  id: u.id,
  username: u.username,
  email: u.email,
  role: u.role,
});

/** The seed post's header and story, as a journal entry's body (its tags come from the export). */
const seedEvent = SEED_POST.slice(SEED_POST.indexOf('Title:'), SEED_POST.indexOf('symphony, fic')).trim();

function entry(
  itemid: number,
  fields: { subject: string; event: string; security?: string; tags?: string; time: string },
) {
  return `<entry>
<itemid>${itemid}</itemid>
<eventtime>${fields.time}</eventtime>
<logtime>${fields.time}</logtime>
<subject>${escapeHtml(fields.subject)}</subject>
<event>${escapeHtml(fields.event)}</event>
<security>${fields.security ?? 'public'}</security>${fields.security === 'usemask' ? '\n<allowmask>1</allowmask>' : ''}
<current_mood>accomplished</current_mood>
<current_music>Dar Williams - Iowa</current_music>${fields.tags ? `\n<taglist>${fields.tags}</taglist>` : ''}
</entry>`;
}

const lockedFic = `Title: Behind the Curtain
Fandom: Smallville
Rating: R
Pairing: Clark/Lex

The friends-only story begins here.`;

const journalXml = `<?xml version="1.0" encoding="utf-8"?>
<livejournal>
${entry(1, { subject: 'Monday', event: 'Had a long day.\nCoffee helped.', time: '2006-01-19 08:00:00' })}
${entry(2, { subject: 'Fic: Symphony, Part V', event: seedEvent, tags: 'symphony, fic', time: '2006-01-21 19:20:00' })}
${entry(3, { subject: 'locked', event: lockedFic, security: 'usemask', tags: 'fic', time: '2006-01-22 10:00:00' })}
${entry(4, { subject: 'private notes', event: 'Just for me.', security: 'private', time: '2006-01-23 10:00:00' })}
</livejournal>`;

eachDialect('importer: journals', (env) => {
  it('makes works of the fics, drafts of locked fics, and nothing twice', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { entries, journal } = parseLjXml(journalXml);
    const report = await importJournal(env().ctx, writer, entries, {
      journal: journal ?? 'mydw',
      mode: 'post',
    });
    assert.deepEqual(
      { total: report.total, imported: report.imported, works: report.works, withoutFic: report.withoutFic },
      { total: 4, imported: 4, works: 2, withoutFic: 2 },
    );
    assert.deepEqual(report.failed, []);

    const listed = await listByDateUpdated(env().ctx.db, null, 50);
    const mine = listed.filter((w) => ['Symphony, Part V', 'Behind the Curtain'].includes(w.title));
    assert.deepEqual(
      mine.map((w) => w.title),
      ['Symphony, Part V'],
      'the friends-only fic is a draft: guests never see it',
    );
    const symphony = await readWork(env().ctx, null, mine[0]!.id);
    assert.equal(symphony.work.published_at, '2006-01-21T19:20:00.000Z');
    assert.deepEqual(
      symphony.series.map((s) => [s.title, s.part]),
      [['Symphony', 5]],
    );
    assert.match(symphony.chapters[0]!.body, /^<p>Lex opens the door/);

    const rows = await env()
      .ctx.db.selectFrom('imports')
      .select(['source_key', 'entry'])
      .where('user_id', '=', writer.id)
      .orderBy('source_key')
      .execute();
    assert.equal(rows.length, 4);
    const kept = JSON.parse(rows.find((r) => r.source_key.endsWith(':3'))!.entry!);
    assert.equal(kept.security, 'usemask');
    assert.equal(kept.mood, 'accomplished');
    assert.equal(kept.music, 'Dar Williams - Iowa');

    const again = await importJournal(env().ctx, writer, entries, {
      journal: journal ?? 'mydw',
      mode: 'post',
    });
    assert.deepEqual({ imported: again.imported, already: again.already }, { imported: 0, already: 4 });
  });

  it('resumes after an interruption without repeating what finished', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const { entries } = parseLjXml(journalXml);
    const stop = new AbortController();
    const first = await importJournal(env().ctx, writer, entries, {
      journal: 'resume',
      mode: 'post',
      signal: stop.signal,
      onProgress: ({ done }) => done === 2 && stop.abort(),
    });
    assert.equal(first.interrupted, true);
    assert.equal(first.imported, 2);
    const second = await importJournal(env().ctx, writer, entries, { journal: 'resume', mode: 'post' });
    assert.deepEqual({ imported: second.imported, already: second.already }, { imported: 2, already: 2 });
    const works = await env()
      .ctx.db.selectFrom('work_creators')
      .select('work_id')
      .where('user_id', '=', writer.id)
      .execute();
    assert.equal(works.length, 2, 'one work per fic, never two');
  });

  it('reports an entry that cannot be imported and goes on with the rest', async () => {
    const writer = asViewer(await makeUser(env().ctx));
    const noFandom = 'Title: Orphaned\nRating: PG\n\nA fic with no fandom line.';
    const xml = `<livejournal>${entry(7, { subject: 'fic', event: noFandom, time: '2007-01-01 10:00:00' })}${entry(8, { subject: 'Fic: Symphony', event: seedEvent, time: '2007-01-02 10:00:00' })}</livejournal>`;
    const report = await importJournal(env().ctx, writer, parseLjXml(xml).entries, {
      journal: 'x',
      mode: 'draft',
    });
    assert.equal(report.works, 1);
    assert.equal(report.failed.length, 1);
    assert.equal(report.failed[0]!.itemid, '7');
    assert.match(report.failed[0]!.message, /^fandoms: Please add at least one fandom/);
  });
});
