import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { loadBlurbs, type Blurb } from '../works/blurbs.ts';
import { readWork, type WorkView } from '../works/works.read.ts';
import * as repo from './history.repository.ts';
import { bestEffortWrite } from '../../db/unavailable.ts';

type Ctx = Pick<AppContext, 'db'>;

export const PER_PAGE = 20;

export const readingsQuerySchema = z.object({
  filter: z.enum(['all', 'later', 'updated'], { error: 'Show one of: all, later, updated.' }).default('all'),
  page: z.coerce
    .number({ error: 'The page is a number.' })
    .int('The page is a whole number.')
    .min(1, 'Pages start at 1.')
    .max(10_000, 'At most 10,000 pages.')
    .default(1),
});
export type ReadingsQuery = z.infer<typeof readingsQuerySchema>;

/** What the work page says about the reader's history of it (before this visit is counted). */
export interface ReadingNote {
  /** The reader's row as it was (null: never read nor marked). */
  before: repo.ReadingRow | null;
  /** A chapter was posted since their last visit. */
  updatedSinceRead: boolean;
  paused: boolean;
}

/**
 * Records a signed-in reader's visit to a work's reading page (the caller has checked that they may
 * see it): never for its creators, nor for a draft, nor when their history is off. `position` is the
 * chapter on screen (the last one for "entire work"). Returns what the page says about their history.
 */
export async function recordReading(
  ctx: Ctx,
  viewer: Viewer | null,
  view: WorkView,
  position: number,
): Promise<ReadingNote | null> {
  if (!viewer || view.canEdit || view.work.posted !== 1) return null;
  const { reading, paused } = await repo.readingState(ctx.db, viewer.id, view.work.id);
  // The page is shown even when the database cannot take the visit (disk full, read-only).
  if (!paused)
    await bestEffortWrite(() =>
      repo.upsertVisit(ctx.db, {
        userId: viewer.id,
        workId: view.work.id,
        position,
        majorVersion: view.work.major_version,
        at: nowIso(),
      }),
    );
  const updatedSinceRead =
    reading !== null && reading.visits > 0 && view.work.major_version > reading.major_version;
  return { before: reading, updatedSinceRead, paused };
}

/** A work this reader may see and mark (not their own, not a draft), or 404. */
async function markable(ctx: Ctx, viewer: Viewer, workId: number) {
  const view = await readWork(ctx, viewer, workId);
  if (view.work.posted !== 1 || view.canEdit) throw notFound('Work');
  return view;
}

/**
 * Marks a work for later. An explicit choice, so it is kept even while history is off (only visits
 * stop being recorded).
 */
export async function markForLater(ctx: Ctx, viewer: Viewer, workId: number) {
  const view = await markable(ctx, viewer, workId);
  await repo.markLater(ctx.db, viewer.id, workId, view.work.major_version, nowIso());
  return view.work;
}

export async function unmarkForLater(ctx: Ctx, viewer: Viewer, workId: number) {
  await repo.unmarkLater(ctx.db, viewer.id, workId);
}

export async function removeReading(ctx: Ctx, viewer: Viewer, workId: number) {
  if (!(await repo.deleteReading(ctx.db, viewer.id, workId))) throw notFound('Reading');
}

export function clearHistory(ctx: Ctx, viewer: Viewer) {
  return repo.clearReadings(ctx.db, viewer.id);
}

/**
 * Switches the history on or off. Off stops recording visits; what is kept stays until the reader
 * clears it (they may want it back; turning it off should not destroy anything silently).
 */
export function setHistoryEnabled(ctx: Ctx, viewer: Viewer, enabled: boolean) {
  return repo.setPaused(ctx.db, viewer.id, !enabled, nowIso());
}

export async function historyEnabled(ctx: Ctx, viewer: Viewer) {
  return !(await repo.isPaused(ctx.db, viewer.id));
}

/** `/users/:username/readings` is its owner's only. */
export async function ownHistory(ctx: Ctx, viewer: Viewer, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.disabled_at) throw notFound('User');
  if (user.id !== viewer.id) throw forbidden('Only you can see your reading history.');
  return user;
}

export interface ReadingItem {
  work: Blurb;
  lastVisitedAt: string;
  visits: number;
  chapterReached: number;
  later: boolean;
  updatedSinceRead: boolean;
}

export async function readingsPage(ctx: Ctx, viewer: Viewer, query: ReadingsQuery) {
  const { total, rows } = await repo.listReadings(ctx.db, viewer, query.filter, query.page, PER_PAGE);
  const blurbs = await loadBlurbs(ctx.db, rows);
  const items: ReadingItem[] = rows.map((row, i) => ({
    work: blurbs[i]!,
    lastVisitedAt: row.last_visited_at,
    visits: row.visits,
    chapterReached: row.chapter_position,
    later: row.later === 1,
    updatedSinceRead: row.visits > 0 && row.current_version > row.major_version,
  }));
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    items,
    enabled: await historyEnabled(ctx, viewer),
  };
}
export type ReadingsPage = Awaited<ReturnType<typeof readingsPage>>;
