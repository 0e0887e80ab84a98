import { LRUCache } from 'lru-cache';
import type { DB } from '../../db/connect.ts';
import type { Chapter, Work } from '../../db/schema.ts';
import { tagsOfWorks, type WorkTag } from '../tags/tags.repository.ts';
import { giftsOfWork } from './gifts.ts';
import { seriesOfWork } from './series.repository.ts';
import * as repo from './works.repository.ts';

/**
 * What a work's pages show besides its row: its creators, tags, series, gifts and posted chapters.
 * None of them changes without a new version of the work: every change that shows on its pages
 * stamps `works.updated_at` (the rule the guest page cache and the listing blurbs rely on, see
 * works.repository.ts `workVersion` and blurbs.ts), and a tag's name and type never change.
 */
export interface WorkFacts {
  creatorRows: readonly Readonly<Awaited<ReturnType<typeof repo.creatorsOfWork>>[number]>[];
  tags: readonly Readonly<WorkTag>[];
  series: readonly Readonly<Awaited<ReturnType<typeof seriesOfWork>>[number]>[];
  gifts: readonly Readonly<Awaited<ReturnType<typeof giftsOfWork>>[number]>[];
  /** Posted chapters only: a creator's drafts are read for them each time. */
  postedChapters: readonly Readonly<Chapter>[];
}

/**
 * Facts of recently read works, per database, kept under the `updated_at` of the row read before
 * them: a change that commits between the two reads leaves facts newer than their version, which
 * the next page (reading the newer row) replaces, so a kept entry is never older than its key.
 * The row itself (counters, visibility) is read fresh for every page. Shared between requests, so
 * frozen: a caller that tried to change them would fail loudly instead of changing another's page.
 */
const keptByDb = new WeakMap<DB, LRUCache<number, { version: string; facts: WorkFacts }>>();

/** Works kept per database, and their bytes at most (chapter bodies dominate). */
const KEPT_WORKS = 2000;
const KEPT_BYTES = 16 * 1024 * 1024;

function keptFor(db: DB) {
  let kept = keptByDb.get(db);
  if (!kept)
    keptByDb.set(
      db,
      (kept = new LRUCache({
        max: KEPT_WORKS,
        maxSize: KEPT_BYTES,
        sizeCalculation: ({ facts }) =>
          512 + facts.postedChapters.reduce((n, c) => n + 256 + 2 * (c.body.length + c.notes.length), 0),
      })),
    );
  return kept;
}

const frozen = <T extends object>(rows: T[]): readonly Readonly<T>[] =>
  Object.freeze(rows.map((row) => Object.freeze(row)));

/** The facts of this work, whose row was just read: from memory when its version is unchanged. */
export async function workFacts(db: DB, work: Work): Promise<WorkFacts> {
  const kept = keptFor(db);
  const found = kept.get(work.id);
  if (found && found.version === work.updated_at) return found.facts;
  const facts: WorkFacts = Object.freeze({
    creatorRows: frozen(await repo.creatorsOfWork(db, work.id)),
    tags: frozen(await tagsOfWorks(db, [work.id])),
    series: frozen(await seriesOfWork(db, work.id)),
    gifts: frozen(await giftsOfWork(db, work.id)),
    postedChapters: frozen(await repo.chaptersOfWork(db, work.id, { postedOnly: true })),
  });
  kept.set(work.id, { version: work.updated_at, facts });
  return facts;
}
