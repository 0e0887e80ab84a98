import type { DB } from '../../db/connect.ts';
import type { Chapter, Work } from '../../db/schema.ts';
import { tagsOfWorks, type WorkTag } from '../tags/tags.repository.ts';
import { giftsOfWork } from './gifts.ts';
import { keep, keptOf } from './kept-by-version.ts';
import { seriesOfWork } from './series.repository.ts';
import * as repo from './works.repository.ts';

/**
 * What a work's pages show besides its row: its creators, tags, series, gifts and posted chapters.
 * None of them changes without a new version of the work (the rule in kept-by-version.ts).
 */
export interface WorkFacts {
  creatorRows: readonly Readonly<Awaited<ReturnType<typeof repo.creatorsOfWork>>[number]>[];
  tags: readonly Readonly<WorkTag>[];
  series: readonly Readonly<Awaited<ReturnType<typeof seriesOfWork>>[number]>[];
  gifts: readonly Readonly<Awaited<ReturnType<typeof giftsOfWork>>[number]>[];
  /** Posted chapters only: a creator's drafts are read for them each time. */
  postedChapters: readonly Readonly<Chapter>[];
}

const frozen = <T extends object>(rows: T[]): readonly Readonly<T>[] =>
  Object.freeze(rows.map((row) => Object.freeze(row)));

/**
 * The facts of this work, whose row was just read: kept under the row's version (kept-by-version.ts),
 * frozen because they are shared between requests: a caller that tried to change them would fail
 * loudly instead of changing another reader's page.
 */
export async function workFacts(db: DB, work: Work): Promise<WorkFacts> {
  const found = keptOf(db, work.id, work.updated_at)?.facts;
  if (found) return found;
  const facts: WorkFacts = Object.freeze({
    creatorRows: frozen(await repo.creatorsOfWork(db, work.id)),
    tags: frozen(await tagsOfWorks(db, [work.id])),
    series: frozen(await seriesOfWork(db, work.id)),
    gifts: frozen(await giftsOfWork(db, work.id)),
    postedChapters: frozen(await repo.chaptersOfWork(db, work.id, { postedOnly: true })),
  });
  keep(db, work.id, work.updated_at, 'facts', facts);
  return facts;
}
