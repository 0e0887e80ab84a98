import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DB } from '../../db/connect.ts';
import { countListableWorks, listableAmong, listableWorkIds } from '../../db/listable-works.ts';
import { prepared, type Slots } from '../../db/prepared.ts';
import { type FacetType, type WorkQuery, type WorkResult, WorkIndex } from './engine/index.ts';
import { readTagTypes, readWorkDocs } from './work-docs.ts';

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * How often a query looks for works changed since the last look (any process may change them):
 * every time, so a writer sees their new work at once. The look is one indexed range read that
 * usually returns nothing.
 */
const SYNC_MS = 0;
/** Changed works read per round trip. */
const PULL_LIMIT = 5000;
/** How often the index's size is compared with the database's (catches deletions). */
const AUDIT_MS = 30_000;
/**
 * How far behind the cursor changes are looked for again. A change's `updated_at` is stamped by
 * the writing process before its transaction commits, so a slow transaction (or a process whose
 * clock runs a little behind) can commit a change stamped before one the cursor has already
 * passed: read in (updated_at, id) order alone, it would never be seen. Looking back this far,
 * such a change is read once it commits (test/scale/two-processes.test.ts).
 */
const LATE_MS = 60_000;
/** How often the look back runs (one indexed range read of the last minute's changes). */
const LATE_CHECK_MS = 1_000;

/**
 * The filter engine of one serving process, kept in step with the database: loaded on first use,
 * then before a query (at most once a second) the works whose `updated_at` moved since the last
 * look are read again, whichever process wrote them (posting, editing, wrangling re-index,
 * visibility changes all move it). Deleted works leave no row to find, so the number of listable
 * works is compared now and then and missing ones are dropped.
 */
export class BrowseIndex {
  private readonly index = new WorkIndex();
  private loading: Promise<void> | null = null;
  /** The last change read, as (`updated_at`, id): changes are read in that order, after it. */
  private cursor = { at: EPOCH, id: 0 };
  private lastSync = 0;
  private lastAudit = 0;
  private syncing: Promise<void> | null = null;
  /** Tags are numbered in creation order: types are read once, then only for newer tags. */
  private knownTags = 0;
  private maxSeenId = 0;
  private changes = 0;
  private auditing: Promise<void> | null = null;
  /** Changes read within the look-back window: id → the `updated_at` read. */
  private readonly recent = new Map<number, string>();
  private lastLateCheck = 0;

  constructor(
    private readonly db: DB,
    private readonly pullLimit = PULL_LIMIT,
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** Moves whenever the index changes (a work read again or dropped, new tags): for caches over it. */
  get version(): number {
    return this.changes;
  }

  /** Listable works a filter by this tag finds (guest: only those guests may see); call after sync(). */
  tagCount(tag: number, guest: boolean): number {
    return this.index.tagCount(tag, guest);
  }

  /** The most used tags of a type, most first; call after sync(). */
  topTags(type: FacetType, limit: number, guest: boolean): number[] {
    return this.index.topTags(type, limit, guest);
  }

  async query(query: WorkQuery): Promise<WorkResult> {
    await this.ready();
    await this.sync();
    return this.index.query(query);
  }

  ready(): Promise<void> {
    // A failed load (the database away for a moment) is tried again by the next caller.
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async load() {
    // Everything up to now is read by the load; changes from here on are pulled after it.
    const [at, top, stored] = await Promise.all([this.latestChange(), this.topId(), this.storedWorks()]);
    this.cursor = { at, id: top };
    await this.readNewTags();
    // Streamed into the index: no array of every work is held while loading. How many works are
    // stored bounds how many come, so the per-work arrays are sized once: grown step by step, each
    // step freed megabytes that the allocator kept as fragmentation.
    this.index.beginLoad(stored);
    try {
      for await (const doc of readWorkDocs(this.db)) {
        this.index.add(doc);
        this.maxSeenId = Math.max(this.maxSeenId, doc.id);
      }
      // The load's end (tags renumbered, posting lists built: seconds at a million works) in steps,
      // with a turn for other requests between them.
      for (const steps = this.index.endLoadSteps(); !steps.next().done;) await nextTurn();
    } finally {
      this.index.endLoad();
    }
    this.lastSync = this.lastAudit = Date.now();
  }

  private async readNewTags() {
    this.changes++;
    for await (const [id, type] of readTagTypes(this.db, this.knownTags)) {
      this.index.setTagType(id, type);
      this.knownTags = Math.max(this.knownTags, id);
    }
  }

  private async latestChange(): Promise<string> {
    const row = await this.db
      .selectFrom('works')
      .select((eb) => eb.fn.max('updated_at').as('latest'))
      .executeTakeFirst();
    return row?.latest ? String(row.latest) : EPOCH;
  }

  private async storedWorks(): Promise<number> {
    const row = await this.db
      .selectFrom('works')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async topId(): Promise<number> {
    const row = await this.db
      .selectFrom('works')
      .select((eb) => eb.fn.max('id').as('top'))
      .executeTakeFirst();
    return Number(row?.top ?? 0);
  }

  /** Reads changed works again; concurrent queries share one sync. */
  sync(force = false): Promise<void> {
    if (!force && Date.now() - this.lastSync < SYNC_MS) return Promise.resolve();
    this.syncing ??= this.pull().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async pull() {
    this.lastSync = Date.now();
    // Keyset order (updated_at, id): a bulk change stamping thousands of works with one instant is
    // read in pages, none skipped, none read twice.
    for (let round = 0; round < 100; round++) {
      const { at, id } = this.cursor;
      const changed = await changedSince(this.db, { at, id, limit: this.pullLimit });
      if (changed.length === 0) break;
      await this.refresh(changed.map((w) => w.id));
      for (const w of changed) this.recent.set(w.id, String(w.updated_at));
      const last = changed[changed.length - 1]!;
      this.cursor = { at: String(last.updated_at), id: last.id };
      if (changed.length < this.pullLimit) break;
    }
    if (Date.now() - this.lastLateCheck >= LATE_CHECK_MS) await this.lookBack();
    // The audit counts every listable work (seconds at a million): it runs beside queries, never in
    // their way; the next one waits for it to finish.
    if (!this.auditing && Date.now() - this.lastAudit > AUDIT_MS) {
      this.lastAudit = Date.now();
      this.auditing = this.audit()
        .catch(() => undefined)
        .finally(() => {
          this.auditing = null;
        });
    }
  }

  /** Reads again the works changed in the window behind the cursor that were not read as they are now. */
  private async lookBack() {
    this.lastLateCheck = Date.now();
    const since = new Date(Date.parse(this.cursor.at) - LATE_MS).toISOString();
    const rows = await this.db
      .selectFrom('works')
      .select(['id', 'updated_at'])
      .where('updated_at', '>', since)
      .orderBy('updated_at', 'desc')
      .limit(this.pullLimit * 4)
      .execute();
    const late = rows.filter((w) => this.recent.get(w.id) !== String(w.updated_at));
    if (late.length > 0) await this.refresh(late.map((w) => w.id));
    for (const w of late) this.recent.set(w.id, String(w.updated_at));
    for (const [id, at] of this.recent) if (at <= since) this.recent.delete(id);
  }

  /** Reads these works again: listable ones are replaced, the others dropped. */
  async refresh(ids: number[]) {
    await this.readNewTags();
    const seen = new Set<number>();
    for await (const doc of readWorkDocs(this.db, ids)) {
      this.index.upsert(doc);
      seen.add(doc.id);
      this.maxSeenId = Math.max(this.maxSeenId, doc.id);
    }
    for (const id of ids) if (!seen.has(id) && this.index.has(id)) this.index.remove(id);
  }

  /** Finishes a running audit (tests, shutdown). */
  settled(): Promise<void> {
    return this.auditing ?? Promise.resolve();
  }

  private async audit() {
    if ((await countListableWorks(this.db)) === this.index.size) return;
    this.changes++;
    const listed = await listableWorkIds(this.db, this.pullLimit * 10);
    const top = await this.db
      .selectFrom('works')
      .select((eb) => eb.fn.max('id').as('top'))
      .executeTakeFirst();
    const last = Math.max(Number(top?.top ?? 0), listed[listed.length - 1] ?? 0, this.maxSeenId);
    const unlisted: number[] = [];
    for (let id = 1, j = 0; id <= last; id++) {
      if (!this.index.has(id)) continue;
      while (j < listed.length && listed[j]! < id) j++;
      if (listed[j] !== id) unlisted.push(id);
    }
    // The list was read in pages: a work listed after its page was read is asked about again.
    for (let i = 0; i < unlisted.length; i += this.pullLimit) {
      const part = unlisted.slice(i, i + this.pullLimit);
      const still = new Set(await listableAmong(this.db, part));
      for (const id of part) if (!still.has(id)) this.index.remove(id);
    }
  }
}

/** Works changed after a cursor, in (updated_at, id) order: before every query, so built once. */
const changedSince = prepared((db, p: Slots<{ at: string; id: number; limit: number }>) =>
  db
    .selectFrom('works')
    .select(['id', 'updated_at'])
    .where((eb) => eb(eb.refTuple('updated_at', 'id'), '>', eb.tuple(p.at, p.id)))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(p.limit),
);

const indexes = new WeakMap<DB, BrowseIndex>();

/** The process's browse index for a database. */
export function browseIndexFor(db: DB): BrowseIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new BrowseIndex(db)));
  return index;
}
