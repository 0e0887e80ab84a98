import { LRUCache } from 'lru-cache';
import type { DB } from '../../db/connect.ts';
import type { Decoration } from './blurbs.ts';
import type { WorkFacts } from './work-facts.ts';

/**
 * What is kept in memory of a work, per process and database, under its version (`works.updated_at`):
 * - `decoration`: a listing blurb's tags and accepted creators (blurbs.ts), read in a batch for a
 *   page of works;
 * - `facts`: a work page's creators, tags, series, gifts and posted chapters (work-facts.ts).
 *
 * The rule that makes this right: every change that shows on a work's pages or blurbs stamps
 * `updated_at` (its tags, creators, a pseud's rename, its series, gifts, chapters; the guest page
 * cache relies on the same rule, works.repository.ts `workVersion`), and a tag's name and type never
 * change. A caller reads the work's row first and keeps what it reads after under that row's
 * version, so a kept value is never older than its key: a change committed between the two reads
 * leaves a newer value under an older version, which the next reader of the newer row replaces.
 * Counters and visibility are never kept: they come from the row read for each page.
 *
 * Kept values are shared between requests, so callers freeze them or never change them.
 */
export interface Kept {
  version: string;
  decoration?: Decoration;
  facts?: WorkFacts;
}

/** Works kept per database, and their bytes at most (chapter bodies dominate). */
const KEPT_WORKS = 4000;
const KEPT_BYTES = 24 * 1024 * 1024;
/** A decoration (~1.7 KB) and the blurb rendered from it (~2 KB, works-list.views.tsx). */
const DECORATION_BYTES = 4096;

const sizeOf = ({ decoration, facts }: Kept) =>
  256 +
  (decoration ? DECORATION_BYTES : 0) +
  (facts
    ? 512 + facts.postedChapters.reduce((n, c) => n + 256 + 2 * (c.body.length + c.notes.length), 0)
    : 0);

const keptByDb = new WeakMap<DB, LRUCache<number, Kept>>();

function keptFor(db: DB): LRUCache<number, Kept> {
  let kept = keptByDb.get(db);
  if (!kept)
    keptByDb.set(
      db,
      (kept = new LRUCache({ max: KEPT_WORKS, maxSize: KEPT_BYTES, sizeCalculation: sizeOf })),
    );
  return kept;
}

/** What is kept of this work at this version (nothing when it was kept at another). */
export function keptOf(db: DB, workId: number, version: string): Kept | undefined {
  const found = keptFor(db).get(workId);
  return found?.version === String(version) ? found : undefined;
}

/**
 * Keeps `value` as the work's `slot` at `version`, beside what is kept at the same version; a
 * value kept at another version goes, with all that was kept beside it.
 */
export function keep<K extends 'decoration' | 'facts'>(
  db: DB,
  workId: number,
  version: string,
  slot: K,
  value: NonNullable<Kept[K]>,
): void {
  const kept = keptFor(db);
  const found = kept.peek(workId);
  const at = String(version);
  kept.set(workId, { ...(found?.version === at ? found : { version: at }), [slot]: value });
}
