// Posts a corpus of vectors through every field of Quire that accepts HTML, in chunks that fit each
// field's limit, through the same service calls the forms and the JSON API make (the sanitizer runs
// in the service). Returns the pages to load and, for each, the vector ids that must appear on it.
import { bookmarkSchema } from '../../src/features/bookmarks/bookmarks.schema.ts';
import { saveBookmark } from '../../src/features/bookmarks/bookmarks.service.ts';
import { postComment } from '../../src/features/comments/comments.service.ts';
import { createBoard } from '../../src/features/forums/boards.service.ts';
import { replyTo, startThread } from '../../src/features/forums/posting.service.ts';
import { ensurePersonalJournal } from '../../src/features/journals/journals.repository.ts';
import { postEntry, updateJournalSettings } from '../../src/features/journals/journals.service.ts';
import { pseudSchema } from '../../src/features/pseuds/pseuds.schema.ts';
import { createPseud } from '../../src/features/pseuds/pseuds.service.ts';
import { chapterSchema } from '../../src/features/works/works.schema.ts';
import { addChapter, postWork } from '../../src/features/works/works.service.ts';
import type { AppContext } from '../../src/context.ts';
import { sanitize } from '../../src/lib/sanitize.ts';
import { makeUser, uniqueName } from '../factories.ts';
import { seedWorkInput } from '../seed.ts';
import type { XssVector } from './vectors.ts';

export interface Chunk {
  ids: string[];
  text: string;
}

/** The text that marks where a vector starts: the page must show it, or the vector never got there. */
export const sentinel = (id: string) => `⟦${id}⟧`;

/** A vector's sentinel as it is posted: its own paragraph in HTML fields, bare in plain-text ones. */
const marked = (id: string, html: boolean) => (html ? `<p>${sentinel(id)}</p>` : sentinel(id));

/** A vector that eats what follows it (an unclosed <script>, <style>, attribute…) ends its chunk. */
const swallows = (v: XssVector) =>
  !sanitize(`${v.html}\n${marked('tail', true)}`).includes(`<p>${sentinel('tail')}</p>`);

/**
 * The corpus in chunks of at most `perChunk` vectors and `limit` characters, each vector preceded by
 * its sentinel; a vector longer than the limit is cut (it stays hostile: an unclosed tag).
 */
export function pack(
  vectors: XssVector[],
  limit: number,
  { perChunk = Infinity, html = true } = {},
): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { ids: [], text: '' };
  const close = () => {
    if (current.ids.length) chunks.push(current);
    current = { ids: [], text: '' };
  };
  for (const v of vectors) {
    const piece = `${marked(v.id, html)}\n${v.html}`.slice(0, limit);
    if (current.ids.length >= perChunk || current.text.length + piece.length + 1 > limit) close();
    current.ids.push(v.id);
    current.text += (current.text ? '\n' : '') + piece;
    if (html && swallows(v)) close();
  }
  close();
  return chunks;
}

export interface Target {
  /** What the page holds, e.g. "chapter bodies, notes and comments (full work)". */
  label: string;
  /** Which kind of page, for the layout baseline (the same kind posted with harmless content). */
  kind: string;
  path: string;
  ids: string[];
  /** Who loads it: a guest, or the author (the edit page, with its editor's script). */
  as: 'guest' | 'author';
}

export interface Posted {
  targets: Target[];
  author: { username: string; password: string };
}

type Ctx = AppContext;
const at = (list: Chunk[], i: number) => list[i]?.text ?? '';

/** Everything posted for one corpus; `tag` keeps names unique when called twice on one database. */
export async function postCorpus(ctx: Ctx, vectors: XssVector[], tag: string): Promise<Posted> {
  const targets: Target[] = [];
  const idsOf = (chunks: Chunk[]) => chunks.flatMap((c) => c.ids);
  const [author, summarist, bookmarker, commenter, diarist, admin, poster] = await Promise.all([
    makeUser(ctx, { username: uniqueName(`${tag}author`) }),
    makeUser(ctx, { username: uniqueName(`${tag}summ`) }),
    makeUser(ctx),
    makeUser(ctx),
    makeUser(ctx, { username: uniqueName(`${tag}diary`) }),
    makeUser(ctx, { role: 'admin' }),
    makeUser(ctx),
  ]);

  // One work whose chapters carry bodies (25 vectors each), summaries, notes and end notes;
  // comments on it. The full-work view shows them all on one page.
  const bodies = pack(vectors, 500_000, { perChunk: 25 });
  const chSummaries = pack(vectors, 1250);
  const chNotes = pack(vectors, 5000);
  const comments = pack(vectors, 10_000);
  const chapters = Math.max(bodies.length, chSummaries.length, chNotes.length);
  const chapterFields = (i: number) => ({
    title: `Part ${i + 1}`,
    body: at(bodies, i) || 'Quiet.',
    summary: at(chSummaries, i),
    notes: at(chNotes, i),
    endNotes: at(chNotes, chNotes.length - 1 - i),
  });
  const { workId } = await postWork(
    ctx,
    author,
    seedWorkInput({
      title: `${tag} chapters`,
      series: undefined,
      chapter: { ...chapterFields(0), format: 'html' },
    }),
  );
  for (let i = 1; i < chapters; i++)
    await addChapter(ctx, author, workId, chapterSchema.parse({ ...chapterFields(i), format: 'html' }));
  for (const c of comments) await postComment(ctx, commenter, { kind: 'work', id: workId }, { body: c.text });
  targets.push({
    label: 'chapter bodies, summaries, notes, end notes; comments on a work',
    kind: 'full-work',
    path: `/works/${workId}?view_full_work=true`,
    ids: [...idsOf(bodies), ...idsOf(chSummaries), ...idsOf(chNotes), ...idsOf(comments)],
    as: 'guest',
  });
  const first = await ctx.db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .orderBy('position')
    .executeTakeFirstOrThrow();
  targets.push({
    label: 'the chapter editor (stored HTML in the editor)',
    kind: 'chapter-edit',
    path: `/works/${workId}/chapters/${first.id}/edit`,
    ids: bodies[0]!.ids,
    as: 'author',
  });

  // Works whose summaries, notes and end notes carry the corpus; bookmarks of them with notes.
  const summaries = pack(vectors, 1250);
  const notes = pack(vectors, 5000);
  const bookmarkNotes = pack(vectors, 5000);
  // A works listing shows 20: each summarist posts at most that many.
  const summarists = [summarist];
  while (summarists.length * 20 < summaries.length)
    summarists.push(await makeUser(ctx, { username: uniqueName(`${tag}summ`) }));
  for (let i = 0; i < summaries.length; i++) {
    const { workId: id } = await postWork(
      ctx,
      summarists[Math.floor(i / 20)]!,
      seedWorkInput({
        title: `${tag} summary ${i + 1}`,
        series: undefined,
        summary: at(summaries, i),
        notes: at(notes, i),
        endNotes: at(notes, notes.length - 1 - i),
        chapter: { body: 'A short story.', format: 'text' },
      }),
    );
    if (i < notes.length)
      targets.push({
        label: `work notes and end notes ${i + 1}`,
        kind: 'work',
        path: `/works/${id}`,
        ids: [...notes[i]!.ids, ...notes[notes.length - 1 - i]!.ids, ...summaries[i]!.ids],
        as: 'guest',
      });
    if (i < bookmarkNotes.length)
      await saveBookmark(
        ctx,
        bookmarker,
        { type: 'work', id },
        bookmarkSchema.parse({ notes: at(bookmarkNotes, i) }),
      );
  }
  for (const [n, who] of summarists.entries())
    targets.push({
      label: 'work summaries (a listing)',
      kind: 'works-list',
      path: `/users/${who.username}/works`,
      ids: idsOf(summaries.slice(n * 20, n * 20 + 20)),
      as: 'guest',
    });
  targets.push({
    label: 'bookmark notes',
    kind: 'bookmarks',
    path: `/users/${bookmarker.username}/bookmarks`,
    ids: idsOf(bookmarkNotes),
    as: 'guest',
  });

  // Journal entries (the journal's first page shows them all) and comments on one entry.
  const entries = pack(vectors, 500_000, { perChunk: 25 });
  const journal = await ensurePersonalJournal(ctx.db, diarist);
  const entryIds: number[] = [];
  for (const [i, c] of entries.entries())
    entryIds.push(
      await postEntry(ctx, diarist, journal, {
        subject: `Entry ${i + 1}`,
        body: c.text,
        format: 'html',
        security: 'public',
      }),
    );
  targets.push({
    label: 'journal entries',
    kind: 'journal',
    path: `/journals/${diarist.username}`,
    ids: idsOf(entries),
    as: 'guest',
  });
  for (const c of comments)
    await postComment(ctx, commenter, { kind: 'entry', id: entryIds[0]! }, { body: c.text });
  targets.push({
    label: 'an entry and comments on it',
    kind: 'entry',
    path: `/journals/${diarist.username}/entries/${entryIds[0]}`,
    ids: [...entries[0]!.ids, ...idsOf(comments)],
    as: 'guest',
  });

  // A forum thread: the opening post and replies.
  const posts = pack(vectors, 100_000, { perChunk: 25 });
  const board = await createBoard(ctx, admin, {
    name: `${tag} board`,
    access: 'public',
    moderated: false,
    community: '',
  });
  const { threadId } = await startThread(ctx, poster, board.id, {
    title: `${tag} thread`,
    body: posts[0]!.text,
  });
  for (const c of posts.slice(1)) await replyTo(ctx, poster, threadId, { body: c.text, bump: true });
  targets.push({
    label: 'forum posts',
    kind: 'thread',
    path: `/forums/threads/${threadId}`,
    ids: idsOf(posts),
    as: 'guest',
  });

  // Pseud descriptions (each on its pseud's profile page).
  for (const [i, c] of pack(vectors, 2000).entries()) {
    const pseud = await createPseud(
      ctx,
      author.id,
      pseudSchema.parse({ name: `${tag} pen ${i + 1}`, description: c.text }),
    );
    targets.push({
      label: `pseud description ${i + 1}`,
      kind: 'pseud',
      path: `/users/${author.username}/pseuds/${encodeURIComponent(pseud.name)}`,
      ids: c.ids,
      as: 'guest',
    });
  }

  // Journal subtitles (plain text, 255 characters): one journal each, shown in the journal's header.
  for (const c of pack(vectors, 255, { html: false })) {
    const owner = await makeUser(ctx);
    await updateJournalSettings(ctx, owner, { title: 'A journal', subtitle: c.text });
    targets.push({
      label: 'journal subtitle',
      kind: 'subtitle',
      path: `/journals/${owner.username}`,
      ids: c.ids,
      as: 'guest',
    });
  }
  return { targets, author };
}
