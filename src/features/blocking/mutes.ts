import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Works none of whose accepted creators this reader has muted: a condition on the `works` table (it
 * must be in scope as `works`). Visibility's `visibleWorks` adds it for signed-in readers, so every
 * SQL listing and count leaves muted creators' works out; the listings' filter engine gets the same
 * accounts as excluded creators (browse.service). A work's own page stays reachable by its link.
 */
/** The work has an accepted creator the viewer muted. */
export function byMuted(
  eb: ExpressionBuilder<Database, 'works'>,
  viewerId: number,
): ExpressionWrapper<Database, 'works', SqlBool> {
  return eb.exists(
    eb
      .selectFrom('work_creators')
      .innerJoin('user_mutes', 'user_mutes.target_id', 'work_creators.user_id')
      .select('work_creators.work_id')
      .whereRef('work_creators.work_id', '=', 'works.id')
      .where('work_creators.accepted', '=', 1)
      .where('user_mutes.user_id', '=', viewerId),
  );
}

export function notByMuted(
  eb: ExpressionBuilder<Database, 'works'>,
  viewerId: number,
): ExpressionWrapper<Database, 'works', SqlBool> {
  return eb.not(byMuted(eb, viewerId));
}

/**
 * Entries not posted by someone this reader muted: a condition on `entries`, for the reading page
 * (the feed a reader composes from their subscriptions). An entry's own page and its journal stay
 * as they are, like a muted creator's work reached by its link.
 */
export function entryNotByMuted(
  eb: ExpressionBuilder<Database, 'entries'>,
  viewerId: number,
): ExpressionWrapper<Database, 'entries', SqlBool> {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('user_mutes')
        .select('user_mutes.target_id')
        .whereRef('user_mutes.target_id', '=', 'entries.poster_id')
        .where('user_mutes.user_id', '=', viewerId),
    ),
  );
}
