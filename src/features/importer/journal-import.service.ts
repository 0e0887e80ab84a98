import type { AppContext } from '../../context.ts';
import { QuireError } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { type ImportMode, importItem, plansFor, readPost } from './import.service.ts';
import * as repo from './imports.repository.ts';
import type { LjEntry } from './lj-xml/lj-xml.ts';

type Ctx = Pick<AppContext, 'db' | 'config'>;

export interface JournalImportOptions {
  /** The journal's name (from the export, or given): part of each entry's import key. */
  journal: string | null;
  /** Public entries' fics are posted or saved as drafts; locked entries' fics are always drafts. */
  mode: ImportMode;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Stops after the entry in progress (Ctrl-C): what finished stays, and a second run resumes. */
  signal?: AbortSignal;
}

export interface JournalImportReport {
  total: number;
  /** Entries imported by this run (with or without a fic). */
  imported: number;
  /** Works created and chapters added by this run. */
  works: number;
  /** Entries imported by an earlier run, left as they were. */
  already: number;
  /** Entries without a fic header: recorded (their data kept for journals), no work made. */
  withoutFic: number;
  failed: { itemid: string; subject: string; line: number; message: string }[];
  interrupted: boolean;
}

export function entryKey(journal: string | null, entry: LjEntry): string {
  return `lj:${journal ?? '-'}:${entry.itemid}`;
}

/** LiveJournal shows an entry's line breaks as breaks unless the entry was posted preformatted. */
export function entryHtml(entry: LjEntry): string {
  const preformatted = entry.props.opt_preformatted === '1' || entry.props.opt_preformatted === 'true';
  return preformatted ? entry.event : entry.event.replace(/\r?\n/g, '<br>');
}

/** An entry's own data, kept with its import so [journals] can make the entry from it. */
function entryData(entry: LjEntry) {
  const { line: _line, ...data } = entry;
  return data;
}

/** `2006-01-21T19:20:00` (the journal's wall-clock time) as a backdate, taken as UTC. */
function backdateOf(entry: LjEntry): string {
  const time = entry.eventtime ?? entry.logtime;
  return time ? `${time.slice(0, 19)}Z` : '';
}

/**
 * Imports a journal's entries: each in its own transaction, keyed by journal and itemid, so a second
 * run creates nothing new and an interrupted run resumes where it stopped. Every fic found becomes a
 * work dated as its entry; a fic in a locked entry (private or friends-only) becomes a draft, so
 * nothing locked is ever shown. Entries that fail are reported and the rest go on.
 */
export async function importJournal(
  ctx: Ctx,
  viewer: Viewer,
  entries: LjEntry[],
  options: JournalImportOptions,
): Promise<JournalImportReport> {
  const report: JournalImportReport = {
    total: entries.length,
    imported: 0,
    works: 0,
    already: 0,
    withoutFic: 0,
    failed: [],
    interrupted: false,
  };
  const done = await repo.importedKeys(
    ctx.db,
    viewer.id,
    entries.map((e) => entryKey(options.journal, e)),
  );
  for (let start = 0; start < entries.length && !report.interrupted; start += BATCH) {
    await importBatch(ctx, viewer, entries, start, done, options, report);
  }
  return report;
}

/**
 * Entries are written in batches of BATCH per transaction (a commit per entry made PostgreSQL
 * wait on the disk 10,000 times), each entry inside its own savepoint so a failing entry is rolled
 * back alone. An interruption stops after the entry in progress and commits the batch so far.
 */
const BATCH = 50;

async function importBatch(
  ctx: Ctx,
  viewer: Viewer,
  entries: LjEntry[],
  start: number,
  done: Set<string>,
  options: JournalImportOptions,
  report: JournalImportReport,
) {
  const trx = await ctx.db.startTransaction().execute();
  try {
    for (let index = start; index < Math.min(start + BATCH, entries.length); index++) {
      if (options.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      const entry = entries[index]!;
      const key = entryKey(options.journal, entry);
      if (done.has(key)) report.already++;
      else {
        const entryTrx = await trx.savepoint('entry').execute();
        const ok = await importEntry({ ...ctx, db: entryTrx }, viewer, entry, key, options, report);
        if (ok) await entryTrx.releaseSavepoint('entry').execute();
        else await entryTrx.rollbackToSavepoint('entry').execute();
      }
      options.onProgress?.({ done: index + 1, total: entries.length });
    }
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute();
    throw err;
  }
}

async function importEntry(
  ctx: Ctx,
  viewer: Viewer,
  entry: LjEntry,
  key: string,
  options: JournalImportOptions,
  report: JournalImportReport,
): Promise<boolean> {
  try {
    const { post, works } = await readPost(ctx, viewer, entryHtml(entry), {
      format: 'html',
      known: { subject: entry.subject || null, tags: entry.tags },
    });
    const locked = entry.security !== 'public';
    const plans = post.hasHeader ? plansFor(works, locked ? 'draft' : options.mode) : [];
    for (const plan of plans) plan.values.postedAt = backdateOf(entry) || plan.values.postedAt || '';
    const result = await importItem(ctx, viewer, { key, kind: 'lj-entry', entry: entryData(entry) }, plans);
    if (result.status === 'already') report.already++;
    else {
      report.imported++;
      if (result.status === 'no-fic') report.withoutFic++;
      else report.works += result.works.length;
    }
    return true;
  } catch (err) {
    if (!(err instanceof QuireError)) throw err;
    const field = err.field && err.field !== 'form' ? `${err.field}: ` : '';
    report.failed.push({
      itemid: entry.itemid,
      subject: entry.subject,
      line: entry.line,
      message: `${field}${err.message}`,
    });
    return false;
  }
}
