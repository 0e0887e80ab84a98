import type { DB } from '../../db/connect.ts';
import { enqueueSearchIndex } from '../search/text/search-jobs.ts';
import { lockWork } from './work-counters.ts';

/**
 * The one owner of a work's "Date Updated" (`revised_at`), its word count, posted-chapter
 * count, completeness and versions. Nothing else writes those columns.
 *
 * | event            | revised_at                         | version      |
 * |------------------|------------------------------------|--------------|
 * | work-posted      | latest posted chapter's date       | major = 1    |
 * | chapter-posted   | that chapter's date (now/backdate) | major + 1    |
 * | edited           | unchanged (edits, re-tags, drafts) | minor + 1    |
 * | chapter-removed  | latest remaining posted chapter    | minor + 1    |
 * | chapter-redated  | latest posted chapter's date       | minor + 1    |
 */
export type RevisionEvent =
  | { kind: 'work-posted' }
  | { kind: 'chapter-posted'; publishedAt: string }
  | { kind: 'edited' }
  | { kind: 'chapter-removed' }
  | { kind: 'chapter-redated' };

export interface RevisionState {
  posted: boolean;
  publishedAt: string | null;
  revisedAt: string | null;
  majorVersion: number;
  minorVersion: number;
  expectedChapters: number | null;
}

export interface PostedChapter {
  publishedAt: string;
  wordCount: number;
}

export interface Revision {
  publishedAt: string | null;
  revisedAt: string | null;
  wordCount: number;
  postedChapters: number;
  complete: boolean;
  majorVersion: number;
  minorVersion: number;
}

const latest = (chapters: PostedChapter[]) =>
  chapters.reduce<string | null>(
    (max, c) => (max === null || c.publishedAt > max ? c.publishedAt : max),
    null,
  );
const earliest = (chapters: PostedChapter[]) =>
  chapters.reduce<string | null>(
    (min, c) => (min === null || c.publishedAt < min ? c.publishedAt : min),
    null,
  );

/** The rule itself: pure, so it can be tested as a table. */
export function nextRevision(
  state: RevisionState,
  chapters: PostedChapter[],
  event: RevisionEvent,
): Revision {
  const wordCount = chapters.reduce((sum, c) => sum + c.wordCount, 0);
  const postedChapters = chapters.length;
  const complete = state.expectedChapters !== null && postedChapters >= state.expectedChapters;
  const base = { wordCount, postedChapters, complete };
  if (!state.posted) {
    // A draft has no dates and no versions until it is posted.
    return { ...base, publishedAt: null, revisedAt: null, majorVersion: 0, minorVersion: 0 };
  }
  switch (event.kind) {
    case 'work-posted':
      return {
        ...base,
        publishedAt: earliest(chapters),
        revisedAt: latest(chapters),
        majorVersion: 1,
        minorVersion: 0,
      };
    case 'chapter-posted':
      return {
        ...base,
        publishedAt: state.publishedAt,
        revisedAt: event.publishedAt,
        majorVersion: state.majorVersion + 1,
        minorVersion: 0,
      };
    case 'edited':
      return {
        ...base,
        publishedAt: state.publishedAt,
        revisedAt: state.revisedAt,
        majorVersion: state.majorVersion,
        minorVersion: state.minorVersion + 1,
      };
    case 'chapter-removed':
    case 'chapter-redated':
      return {
        ...base,
        publishedAt: earliest(chapters) ?? state.publishedAt,
        revisedAt: latest(chapters) ?? state.revisedAt,
        majorVersion: state.majorVersion,
        minorVersion: state.minorVersion + 1,
      };
  }
}

/**
 * Applies the rule to a stored work, inside the caller's transaction. The work's row is locked
 * before its chapters are read (`lockWork`), so two chapters posted at once are both counted.
 */
export async function reviseWork(
  db: DB,
  workId: number,
  event: RevisionEvent,
  now: string,
): Promise<Revision> {
  await lockWork(db, workId, now);
  const work = await db
    .selectFrom('works')
    .select(['posted', 'published_at', 'revised_at', 'major_version', 'minor_version', 'expected_chapters'])
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  const chapters = await db
    .selectFrom('chapters')
    .select(['published_at', 'word_count'])
    .where('work_id', '=', workId)
    .where('posted', '=', 1)
    .execute();
  const revision = nextRevision(
    {
      posted: work.posted === 1,
      publishedAt: work.published_at,
      revisedAt: work.revised_at,
      majorVersion: work.major_version,
      minorVersion: work.minor_version,
      expectedChapters: work.expected_chapters,
    },
    chapters.map((c) => ({ publishedAt: c.published_at ?? now, wordCount: c.word_count })),
    event,
  );
  await db
    .updateTable('works')
    .set({
      published_at: revision.publishedAt,
      revised_at: revision.revisedAt,
      word_count: revision.wordCount,
      posted_chapters: revision.postedChapters,
      complete: revision.complete ? 1 : 0,
      major_version: revision.majorVersion,
      minor_version: revision.minorVersion,
      updated_at: now,
    })
    .where('id', '=', workId)
    .execute();
  await enqueueSearchIndex(db, [workId]);
  return revision;
}
