import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Viewer } from '../sessions/sessions.service.ts';

/**
 * The one owner of "may this viewer see this journal entry" (Dreamwidth's security model), as a SQL
 * condition for every surface that lists, counts or steps through entries (Recent, Previous/Next,
 * tag pages and counts, the calendar, reading pages, feeds, the API) and as a check for one entry.
 *
 * | security | who sees it                                                                    |
 * |----------|--------------------------------------------------------------------------------|
 * | public   | everyone                                                                       |
 * | access   | the owner and their access list; in a community, its members                   |
 * | filter   | the owner and the members of that custom filter who are on the access list    |
 * | private  | the owner; in a community, the poster and the maintainers and moderators       |
 *
 * The poster always sees their own entry; a community's maintainers and moderators see all of its
 * entries, those awaiting moderation too (which nobody else sees); a rejected entry is its poster's
 * alone. Site staff get nothing more:
 * locked means locked, whoever asks.
 */
export function visibleEntries(
  eb: ExpressionBuilder<Database, 'entries'>,
  viewer: Viewer | null,
): Expression<SqlBool> {
  const published = eb('entries.status', '=', 'published');
  if (!viewer) return eb.and([published, eb('entries.security', '=', 'public')]);
  const me = viewer.id;
  const membership = (staffOnly: boolean) => {
    let query = eb
      .selectFrom('community_members')
      .select('community_members.user_id')
      .whereRef('community_members.journal_id', '=', 'entries.journal_id')
      .where('community_members.user_id', '=', me)
      .where('community_members.status', '=', 'member');
    if (staffOnly) query = query.where('community_members.role', 'in', ['moderator', 'maintainer']);
    return eb.exists(query);
  };
  const ownsJournal = eb.exists(
    eb
      .selectFrom('journals')
      .select('journals.id')
      .whereRef('journals.id', '=', 'entries.journal_id')
      .where('journals.owner_id', '=', me),
  );
  const onAccessList = eb.exists(
    eb
      .selectFrom('journal_access')
      .innerJoin('journals', 'journals.owner_id', 'journal_access.owner_id')
      .select('journal_access.member_id')
      .whereRef('journals.id', '=', 'entries.journal_id')
      .where('journal_access.member_id', '=', me),
  );
  const inFilter = eb.exists(
    eb
      .selectFrom('access_filter_members')
      .select('access_filter_members.member_id')
      .whereRef('access_filter_members.filter_id', '=', 'entries.filter_id')
      .where('access_filter_members.member_id', '=', me),
  );
  return eb.or([
    eb('entries.poster_id', '=', me),
    eb.and([eb('entries.status', '!=', 'rejected'), eb.or([ownsJournal, membership(true)])]),
    eb.and([
      published,
      eb.or([
        eb('entries.security', '=', 'public'),
        eb.and([eb('entries.security', '=', 'access'), eb.or([onAccessList, membership(false)])]),
        eb.and([eb('entries.security', '=', 'filter'), inFilter, onAccessList]),
      ]),
    ]),
  ]);
}

/** The same rule for one entry, by id (answered by the database, through the same condition). */
export async function canSeeEntry(db: DB, viewer: Viewer | null, entryId: number): Promise<boolean> {
  const row = await db
    .selectFrom('entries')
    .select('entries.id')
    .where('entries.id', '=', entryId)
    .where((eb) => visibleEntries(eb, viewer))
    .executeTakeFirst();
  return row !== undefined;
}

/** Entries that may appear where everyone reads the same copy (a guest's cache, a public feed). */
export function publicEntries(eb: ExpressionBuilder<Database, 'entries'>): Expression<SqlBool> {
  return visibleEntries(eb, null);
}
