// A U+0000 in user input (found by the XSS corpus: the "NUL inside scheme" vector in a journal
// subtitle) made PostgreSQL refuse the statement, a 500. Plain-text fields, comments written as
// text and searches all carry it to the database: each is saved (or searched) on both databases.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { postComment } from '../../src/features/comments/comments.service.ts';
import { updateJournalSettings } from '../../src/features/journals/journals.service.ts';
import { findJournalByName } from '../../src/features/journals/journals.repository.ts';
import { makeEntry } from '../../src/features/comments/comments.fixtures.ts';
import { makeUser } from '../factories.ts';
import { eachDialect } from '../harness.ts';

eachDialect('a NUL character in user input', (env) => {
  it('is dropped on PostgreSQL and kept as text on SQLite: the write succeeds either way', async () => {
    const { ctx } = env();
    const owner = await makeUser(ctx);
    await updateJournalSettings(ctx, owner, { title: 'A journal', subtitle: 'java\u0000script' });
    const journal = (await findJournalByName(ctx.db, owner.username))!;
    assert.equal(journal.subtitle.replace('\u0000', ''), 'javascript');
    const entryId = await makeEntry(ctx, owner);
    const { id } = await postComment(ctx, owner, { kind: 'entry', id: entryId }, { body: 'a\u0000b' });
    const row = await ctx.db
      .selectFrom('comments')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.body.replace('\u0000', ''), '<p>ab</p>');
    if (ctx.dialect === 'postgres') assert.equal(journal.subtitle, 'javascript');
  });

  it('in a search parameter, finds nothing rather than failing', async () => {
    const { ctx } = env();
    const rows = await ctx.db.selectFrom('journals').select('id').where('title', '=', 'x\u0000y').execute();
    assert.deepEqual(rows, []);
  });
});
