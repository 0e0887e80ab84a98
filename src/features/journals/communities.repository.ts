import type { DB, Dialect } from '../../db/connect.ts';
import type { CommunityMembersTable } from '../../db/schema.ts';
import { ENTRY_COLUMNS } from './journals.repository.ts';

export type CommunityRole = CommunityMembersTable['role'];
export type MemberStatus = CommunityMembersTable['status'];

/** One person's standing in a community: a member (of some role) or someone asking to join. */
export interface Membership {
  role: CommunityRole;
  can_post: number;
  status: MemberStatus;
}

export interface MemberRow extends Membership {
  user_id: number;
  username: string;
  created_at: string;
}

/** The viewer's row in a community, if any (a request to join included: check `status`). */
export async function membershipOf(db: DB, journalId: number, userId: number) {
  return (await db
    .selectFrom('community_members')
    .select(['role', 'can_post', 'status'])
    .where('journal_id', '=', journalId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) as Membership | undefined;
}

/** Everyone in a community and everyone asking to join, maintainers first, then by name. */
export async function membersOf(db: DB, journalId: number): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('community_members')
    .innerJoin('users', 'users.id', 'community_members.user_id')
    .select([
      'community_members.user_id',
      'users.username',
      'community_members.role',
      'community_members.can_post',
      'community_members.status',
      'community_members.created_at',
    ])
    .where('community_members.journal_id', '=', journalId)
    .orderBy('users.username_key')
    .execute();
  const rank = { maintainer: 0, moderator: 1, member: 2 } as const;
  return (rows as MemberRow[]).sort((a, b) => rank[a.role] - rank[b.role]);
}

/** Members (not requests) of a community. */
export async function countMembers(db: DB, journalId: number, role?: CommunityRole): Promise<number> {
  let query = db
    .selectFrom('community_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('journal_id', '=', journalId)
    .where('status', '=', 'member');
  if (role) query = query.where('role', '=', role);
  const { n } = await query.executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Serialises membership changes of one community inside a transaction, so two maintainers
 * demoting each other at once cannot leave it with none. PostgreSQL: a row lock on the
 * community. SQLite: one writer at a time already.
 */
export async function lockCommunity(trx: DB, dialect: Dialect, journalId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await trx.selectFrom('journals').select('id').where('id', '=', journalId).forUpdate().execute();
}

/** Is this name (case-insensitively) an account's username or a community's name already? */
export async function nameTaken(db: DB, name: string): Promise<boolean> {
  const key = name.toLowerCase();
  const [user, journal] = await Promise.all([
    db.selectFrom('users').select('id').where('username_key', '=', key).executeTakeFirst(),
    db.selectFrom('journals').select('id').where('name_key', '=', key).executeTakeFirst(),
  ]);
  return user !== undefined || journal !== undefined;
}

export async function insertMember(
  db: DB,
  row: { journal_id: number; user_id: number; role: CommunityRole; can_post: number; status: MemberStatus },
  now: string,
) {
  await db
    .insertInto('community_members')
    .values({ ...row, created_at: now })
    .execute();
}

export async function updateMember(
  db: DB,
  journalId: number,
  userId: number,
  changes: Partial<Pick<Membership, 'role' | 'can_post' | 'status'>>,
) {
  await db
    .updateTable('community_members')
    .set(changes)
    .where('journal_id', '=', journalId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: DB, journalId: number, userId: number) {
  await db
    .deleteFrom('community_members')
    .where('journal_id', '=', journalId)
    .where('user_id', '=', userId)
    .execute();
}

/** Entries in one state (awaiting moderation, rejected), oldest first; optionally one poster's. */
export function entriesWithStatus(
  db: DB,
  journalId: number,
  status: 'pending' | 'rejected' | ('pending' | 'rejected')[],
  posterId?: number,
) {
  let query = db
    .selectFrom('entries')
    .select([...ENTRY_COLUMNS, 'entries.status_reason'])
    .where('entries.journal_id', '=', journalId)
    .where('entries.status', 'in', [status].flat());
  if (posterId !== undefined) query = query.where('entries.poster_id', '=', posterId);
  return query.orderBy('entries.created_at').orderBy('entries.id').limit(500).execute();
}

export async function countPending(db: DB, journalId: number): Promise<number> {
  const { n } = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('journal_id', '=', journalId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(n);
}
