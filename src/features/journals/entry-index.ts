import { z } from 'zod';
import type { DB, Dialect } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import type { SafeHtml } from '../../lib/safe-html.ts';
import { htmlToText } from '../downloads/html-to-text.ts';
import { entrySearchIndex } from '../search/text/entry-search.ts';
import * as repo from './journals.repository.ts';

/**
 * Keeps the entry search index (search/text/entry-search.ts) in step with entries. Posting and
 * editing index the entry in their own transaction (a rolled-back post indexes nothing, and the
 * poster finds the entry at once); deleting removes its row through the database (a trigger on
 * SQLite, a cascade on PostgreSQL), deleted journals and accounts included. Security, moderation
 * and access changes need nothing here: visibility is applied when searching.
 */
export async function indexEntry(db: DB, dialect: Dialect, entryId: number): Promise<'indexed' | 'removed'> {
  const index = entrySearchIndex(dialect);
  const entry = await db
    .selectFrom('entries')
    .select(['id', 'journal_id', 'subject', 'body'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  const journal = entry && (await repo.findJournal(db, entry.journal_id));
  if (!entry || !journal) {
    await index.remove(db, entryId);
    return 'removed';
  }
  const tags = await repo.tagsOfEntries(db, [entry.id]);
  await index.upsert(db, {
    entryId: entry.id,
    subject: entry.subject,
    body: htmlToText(entry.body as SafeHtml),
    tags: tags.get(entry.id) ?? [],
    journal: journal.display_name,
  });
  return 'indexed';
}

/** Indexes every entry again, in id order (a rebuild, or the entries posted before the index). */
export async function reindexAllEntries(db: DB, dialect: Dialect): Promise<number> {
  let after = 0;
  let done = 0;
  for (;;) {
    const batch = await db
      .selectFrom('entries')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (batch.length === 0) return done;
    for (const { id } of batch) {
      await inTransaction(db, (trx) => indexEntry(trx, dialect, id));
      done++;
    }
    after = batch[batch.length - 1]!.id;
  }
}

/** Enqueued by migration 0012 when entries already exist: fills the index from them. */
export const REINDEX_ENTRIES = 'search.index-entries';

const payload = z.object({ all: z.literal(true) });

export const reindexEntriesJob: JobHandler = async (raw, ctx) => {
  payload.parse(raw);
  await reindexAllEntries(ctx.db, ctx.dialect);
};
