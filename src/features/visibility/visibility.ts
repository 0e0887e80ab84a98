import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notByMuted } from '../blocking/mutes.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/**
 * The one owner of "may this viewer see this work". Every surface (pages, listings, counts,
 * search, feeds, the API, downloads, notifications) asks here: as a SQL condition for
 * queries, or as a function for a single work already loaded.
 *
 * | viewer                  | sees                                                      |
 * |-------------------------|-----------------------------------------------------------|
 * | guest                   | posted, not hidden, not restricted                        |
 * | registered user         | posted, not hidden (restricted too)                       |
 * | moderator, admin        | posted, hidden too                                        |
 * | accepted creator        | their own works, drafts and hidden ones too               |
 *
 * In listings (`visibleWorks`), a signed-in reader also never sees works by someone they muted; a
 * single work (`canSeeWork`) stays reachable by its link.
 */
export function isStaff(viewer: Viewer | null): boolean {
  return viewer?.role === 'moderator' || viewer?.role === 'admin';
}

/** A condition on the `works` table (it must be in scope as `works`). */
export function visibleWorks(
  eb: ExpressionBuilder<Database, 'works'>,
  viewer: Viewer | null,
): ExpressionWrapper<Database, 'works', SqlBool> {
  const published = [eb('works.posted', '=', 1)];
  if (!isStaff(viewer)) published.push(eb('works.hidden_at', 'is', null));
  if (!viewer) published.push(eb('works.restricted', '=', 0));
  if (!viewer) return eb.and(published);
  published.push(notByMuted(eb, viewer.id));
  return eb.or([
    eb.and(published),
    eb.exists(
      eb
        .selectFrom('work_creators')
        .select('work_creators.work_id')
        .whereRef('work_creators.work_id', '=', 'works.id')
        .where('work_creators.user_id', '=', viewer.id)
        .where('work_creators.accepted', '=', 1),
    ),
  ]);
}

export interface WorkAccessFacts {
  posted: number;
  hidden_at: string | null;
  restricted: number;
  /** Accounts of the accepted creators. */
  creatorUserIds: readonly number[];
}

/** The same rule for one work in hand. */
export function canSeeWork(viewer: Viewer | null, work: WorkAccessFacts): boolean {
  if (viewer && work.creatorUserIds.includes(viewer.id)) return true;
  if (work.posted !== 1) return false;
  if (work.hidden_at && !isStaff(viewer)) return false;
  if (work.restricted && !viewer) return false;
  return true;
}

/** Only accepted creators edit a work (moderators hide it; they do not rewrite it). */
export function canEditWork(viewer: Viewer | null, work: Pick<WorkAccessFacts, 'creatorUserIds'>): boolean {
  return viewer !== null && work.creatorUserIds.includes(viewer.id);
}

/**
 * Works that shared indexes may hold (the listings' filter engine, the text search): posted and not
 * hidden. An index holds them for every reader, so it must also apply `hidesRestricted` per query.
 * Staff still reach hidden works through their pages, never through listings or search.
 */
export function listableWorks(
  eb: ExpressionBuilder<Database, 'works'>,
): ExpressionWrapper<Database, 'works', SqlBool> {
  return eb.and([eb('works.posted', '=', 1), eb('works.hidden_at', 'is', null)]);
}

/** The same rule for one work in hand. */
export function isListable(work: { posted: number; hidden_at: string | null }): boolean {
  return work.posted === 1 && work.hidden_at === null;
}

/** Registered-only works are left out of what this viewer is shown (guests). */
export function hidesRestricted(viewer: Viewer | null): boolean {
  return viewer === null;
}
