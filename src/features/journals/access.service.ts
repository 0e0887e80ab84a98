import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { notFound, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagKey } from '../tags/tag-names.ts';
import { accessFilterSchema, usernameSchema } from './journals.schema.ts';
import { leaveFilters } from './reading-filters.repository.ts';

type Ctx = Pick<AppContext, 'db'>;

/** Dreamwidth's limits are generous; these keep every page and check bounded. */
export const MAX_ACCESS = 2000;
export const MAX_FILTERS = 60;

async function someoneElse(ctx: Ctx, viewer: Viewer, username: string, field = 'username') {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.disabled_at) throw new ValidationError({ [field]: `No one is called “${username}”.` });
  if (user.id === viewer.id) throw new ValidationError({ [field]: 'You always see your own entries.' });
  return user;
}

/** Who may read my locked entries, and my custom filters (named subsets of them). */
export async function accessOf(ctx: Ctx, viewer: Viewer) {
  const [members, filters, filterMembers] = await Promise.all([
    ctx.db
      .selectFrom('journal_access')
      .innerJoin('users', 'users.id', 'journal_access.member_id')
      .select(['users.id', 'users.username'])
      .where('journal_access.owner_id', '=', viewer.id)
      .orderBy('users.username_key')
      .execute(),
    ctx.db
      .selectFrom('access_filters')
      .select(['id', 'name'])
      .where('owner_id', '=', viewer.id)
      .orderBy('name_key')
      .execute(),
    ctx.db
      .selectFrom('access_filter_members')
      .innerJoin('access_filters', 'access_filters.id', 'access_filter_members.filter_id')
      .innerJoin('users', 'users.id', 'access_filter_members.member_id')
      .select(['access_filter_members.filter_id', 'users.id', 'users.username'])
      .where('access_filters.owner_id', '=', viewer.id)
      .orderBy('users.username_key')
      .execute(),
  ]);
  return {
    members,
    filters: filters.map((f) => ({
      ...f,
      members: filterMembers
        .filter((m) => m.filter_id === f.id)
        .map(({ id, username }) => ({ id, username })),
    })),
  };
}

export async function grantAccess(ctx: Ctx, viewer: Viewer, raw: unknown) {
  const { username } = validate(usernameSchema, raw);
  const user = await someoneElse(ctx, viewer, username);
  await inTransaction(ctx.db, async (trx) => {
    const { n } = await trx
      .selectFrom('journal_access')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', viewer.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ACCESS)
      throw new ValidationError({ username: `An access list holds at most ${MAX_ACCESS} people.` });
    await trx
      .insertInto('journal_access')
      .values({ owner_id: viewer.id, member_id: user.id, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['owner_id', 'member_id']).doNothing())
      .execute();
  });
  return user.username;
}

/** Takes access back, and with it membership of every one of my filters. */
export async function revokeAccess(ctx: Ctx, viewer: Viewer, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw notFound('Person');
  await inTransaction(ctx.db, async (trx) => {
    const removed = await trx
      .deleteFrom('journal_access')
      .where('owner_id', '=', viewer.id)
      .where('member_id', '=', user.id)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Person on your access list');
    await trx
      .deleteFrom('access_filter_members')
      .where('member_id', '=', user.id)
      .where('filter_id', 'in', (eb) =>
        eb.selectFrom('access_filters').select('id').where('owner_id', '=', viewer.id),
      )
      .execute();
  });
  return user.username;
}

/** Makes a custom filter (or adds people to one of that name); members must have access first. */
export async function saveFilter(ctx: Ctx, viewer: Viewer, raw: unknown) {
  const { name, members } = validate(accessFilterSchema, raw);
  const users = await Promise.all(members.map((m) => someoneElse(ctx, viewer, m, 'members')));
  const onList = new Set(
    (
      await ctx.db
        .selectFrom('journal_access')
        .select('member_id')
        .where('owner_id', '=', viewer.id)
        .execute()
    ).map((r) => r.member_id),
  );
  const outside = users.filter((u) => !onList.has(u.id)).map((u) => u.username);
  if (outside.length > 0)
    throw new ValidationError({
      members: `Give ${outside.join(', ')} access first: a filter is part of your access list.`,
    });
  return inTransaction(ctx.db, async (trx) => {
    let filter = await trx
      .selectFrom('access_filters')
      .select(['id', 'name'])
      .where('owner_id', '=', viewer.id)
      .where('name_key', '=', tagKey(name))
      .executeTakeFirst();
    if (!filter) {
      const { n } = await trx
        .selectFrom('access_filters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', viewer.id)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_FILTERS)
        throw new ValidationError({ name: `You can keep at most ${MAX_FILTERS} filters.` });
      filter = await trx
        .insertInto('access_filters')
        .values({ owner_id: viewer.id, name, name_key: tagKey(name), created_at: nowIso() })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
    }
    if (users.length > 0)
      await trx
        .insertInto('access_filter_members')
        .values(users.map((u) => ({ filter_id: filter.id, member_id: u.id })))
        .onConflict((oc) => oc.columns(['filter_id', 'member_id']).doNothing())
        .execute();
    return filter;
  });
}

async function ownFilter(ctx: Ctx, viewer: Viewer, id: number) {
  const filter = await ctx.db
    .selectFrom('access_filters')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('owner_id', '=', viewer.id)
    .executeTakeFirst();
  if (!filter) throw notFound('Filter');
  return filter;
}

export async function removeFromFilter(ctx: Ctx, viewer: Viewer, filterId: number, memberId: number) {
  await ownFilter(ctx, viewer, filterId);
  await ctx.db
    .deleteFrom('access_filter_members')
    .where('filter_id', '=', filterId)
    .where('member_id', '=', memberId)
    .execute();
}

/** Deletes a filter; entries shown through it become private (never more visible than before). */
export async function deleteFilter(ctx: Ctx, viewer: Viewer, filterId: number) {
  const filter = await ownFilter(ctx, viewer, filterId);
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('entries')
      .set({ security: 'private', filter_id: null })
      .where('filter_id', '=', filterId)
      .execute();
    await trx.deleteFrom('access_filters').where('id', '=', filterId).execute();
  });
  return filter.name;
}

/** Show a journal's entries on my reading page (no access implied either way); off also takes it out of my reading filters. */
export async function subscribe(ctx: Ctx, viewer: Viewer, journalId: number, on: boolean) {
  if (on)
    await ctx.db
      .insertInto('journal_subscriptions')
      .values({ reader_id: viewer.id, journal_id: journalId, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['reader_id', 'journal_id']).doNothing())
      .execute();
  else
    await inTransaction(ctx.db, async (trx) => {
      await trx
        .deleteFrom('journal_subscriptions')
        .where('reader_id', '=', viewer.id)
        .where('journal_id', '=', journalId)
        .execute();
      await leaveFilters(trx, viewer.id, journalId);
    });
}

export async function isSubscribed(ctx: Ctx, viewer: Viewer | null, journalId: number) {
  if (!viewer) return false;
  const row = await ctx.db
    .selectFrom('journal_subscriptions')
    .select('journal_id')
    .where('reader_id', '=', viewer.id)
    .where('journal_id', '=', journalId)
    .executeTakeFirst();
  return row !== undefined;
}
