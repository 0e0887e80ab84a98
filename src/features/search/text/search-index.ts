import type { DB, Dialect } from '../../../db/connect.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { SafeHtml } from '../../../lib/safe-html.ts';
import { htmlToText } from '../../downloads/html-to-text.ts';
import type { SearchDoc } from './search-plan.ts';
import { searchProvider } from './search-provider.ts';
import { isListable } from '../../visibility/visibility.ts';

/**
 * At most this much chapter text (titles and bodies, as plain text) is indexed per work: about
 * 175,000 words, the first chapters of a longer work. Beyond it, loading and tokenizing cost more
 * than late matches are worth; PostgreSQL has a further size guard (postgres-tsvector.ts).
 */
export const MAX_INDEXED_BODY_CHARS = 1_000_000;

/**
 * Brings one work's index entry up to date: run after every post, edit, delete and visibility
 * change. Posted, unhidden works are indexed (registered-only ones too: callers filter by
 * viewer); drafts, hidden and missing works are removed.
 */
export async function indexWork(db: DB, dialect: Dialect, workId: number): Promise<'indexed' | 'removed'> {
  const provider = searchProvider(dialect);
  return inTransaction(db, async (trx) => {
    const doc = await loadSearchDoc(trx, workId);
    if (!doc) {
      await provider.remove(trx, workId);
      return 'removed';
    }
    await provider.upsert(trx, doc);
    return 'indexed';
  });
}

/** What the index holds for a work, or null when the work must not be in it. */
export async function loadSearchDoc(db: DB, workId: number): Promise<SearchDoc | null> {
  const work = await db
    .selectFrom('works')
    .select(['id', 'title', 'summary', 'notes', 'end_notes', 'posted', 'hidden_at'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work || !isListable(work)) return null;
  // Ratings are left out: rating: filters them, and their words (“Not Rated”, “Teen And Up
  // Audiences”) would otherwise match common searches.
  const tags = await db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select('tags.name')
    .where('work_tags.work_id', '=', workId)
    .where('tags.type', '!=', 'rating')
    .orderBy('work_tags.position')
    .orderBy('tags.id')
    .execute();
  const creators = await db
    .selectFrom('work_creators')
    .innerJoin('pseuds', 'pseuds.id', 'work_creators.pseud_id')
    .innerJoin('users', 'users.id', 'work_creators.user_id')
    .select(['pseuds.name as pseud', 'users.username'])
    .where('work_creators.work_id', '=', workId)
    .where('work_creators.accepted', '=', 1)
    .orderBy('work_creators.position')
    .execute();
  return {
    workId,
    title: work.title,
    summary: plain(work.summary),
    notes: [plain(work.notes), plain(work.end_notes)].filter(Boolean).join('\n\n'),
    tags: tags.map((t) => t.name),
    // A pseud and, when it differs, its account name: “Ada (ada_lovelace)” is found by either.
    creators: [...new Set(creators.flatMap((c) => [c.pseud, c.username]))],
    body: await chapterText(db, workId),
  };
}

/** Posted chapters' titles and text in order, loaded one at a time, up to the cap. */
async function chapterText(db: DB, workId: number): Promise<string> {
  const chapters = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .where('posted', '=', 1)
    .orderBy('position')
    .execute();
  const parts: string[] = [];
  let length = 0;
  for (const { id } of chapters) {
    if (length >= MAX_INDEXED_BODY_CHARS) break;
    const chapter = await db
      .selectFrom('chapters')
      .select(['title', 'body'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!chapter) continue;
    const text = [chapter.title, plain(chapter.body)].filter(Boolean).join('\n\n');
    parts.push(text);
    length += text.length + 2;
  }
  return cutAtWord(parts.join('\n\n'), MAX_INDEXED_BODY_CHARS);
}

function plain(html: string): string {
  return htmlToText(html as SafeHtml);
}

/** The text cut to at most `max` characters, at a space when one is near. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max - 200 ? space : max).replace(/[\ud800-\udbff]$/, '');
}

/**
 * Rebuilds the whole index: every work in id order (entries are replaced, so searches keep
 * working meanwhile), then removes entries of works that are gone, drafts or hidden.
 * Reports progress after each work.
 */
export async function reindexAll(
  db: DB,
  dialect: Dialect,
  onProgress?: (done: number, total: number) => void,
): Promise<{ indexed: number; removed: number }> {
  const { total } = await db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const counts = { indexed: 0, removed: 0 };
  let done = 0;
  let after = 0;
  for (;;) {
    const batch = await db
      .selectFrom('works')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (batch.length === 0) break;
    for (const { id } of batch) {
      counts[await indexWork(db, dialect, id)]++;
      onProgress?.(++done, Number(total));
    }
    after = batch[batch.length - 1]!.id;
  }
  await searchProvider(dialect).prune(db);
  return counts;
}
