import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { isUniqueViolation } from '../../db/connect.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, QuireError, ValidationError } from '../../lib/errors.ts';
import { validate } from '../../lib/validation.ts';
import { findUserByUsername } from '../accounts/accounts.repository.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import * as repo from './communities.repository.ts';
import type { CommunityRole, Membership } from './communities.repository.ts';
import type { JournalRow } from './journals.repository.ts';
import { findJournal } from './journals.repository.ts';
import { journalNamed, readEntry } from './journals.service.ts';

type Ctx = Pick<AppContext, 'db' | 'dialect'>;

// Schemas: the HTML forms and the JSON API share them -----------------------------------------

/** A checkbox ('1', 'on') or a JSON boolean. */
const flag = z.preprocess((v) => v === true || v === '1' || v === 'on' || v === 'true', z.boolean());

export const COMMUNITY_NAME_RULE =
  'A community name is 3 to 40 letters, digits, underscores (_) and hyphens (-).';
export const MEMBERSHIP = ['open', 'moderated', 'closed'] as const;
export const POSTING = ['members', 'selected'] as const;
export const ROLES = ['member', 'moderator', 'maintainer'] as const;

export const communitySchema = z.object({
  name: z
    .string({ error: 'Name the community.' })
    .trim()
    .min(3, COMMUNITY_NAME_RULE)
    .max(40, COMMUNITY_NAME_RULE)
    .regex(/^[A-Za-z0-9_-]+$/, COMMUNITY_NAME_RULE),
  title: z
    .string({ error: 'Give the community a title.' })
    .trim()
    .min(1, 'Give the community a title.')
    .max(100, 'The title: at most 100 characters.'),
  subtitle: z.string().trim().max(255, 'The subtitle: at most 255 characters.').default(''),
  membership: z
    .enum(MEMBERSHIP, { error: `Membership is one of: ${MEMBERSHIP.join(', ')}.` })
    .default('open'),
  posting: z.enum(POSTING, { error: `Posting is one of: ${POSTING.join(', ')}.` }).default('members'),
  moderated: flag.default(false),
  nonmemberPosting: flag.default(false),
});
export type CommunityInput = z.infer<typeof communitySchema>;

/** Joining (no body), or a maintainer adding someone (`username`). */
export const addMemberSchema = z.object({
  username: z.string().trim().min(1, 'Type a username.').max(100).optional(),
});

export const memberSettingsSchema = z.object({
  role: z.enum(ROLES, { error: `A role is one of: ${ROLES.join(', ')}.` }),
  canPost: flag.default(false),
});

export const rejectSchema = z.object({
  reason: z
    .string({ error: 'Say why the entry is rejected.' })
    .trim()
    .min(1, 'Say why the entry is rejected.')
    .max(1000, 'The reason: at most 1,000 characters.'),
});

// Reading ---------------------------------------------------------------------------------------

/** A community by name: a personal journal's name is not one (not found). */
export async function communityNamed(ctx: Pick<AppContext, 'db'>, name: string): Promise<JournalRow> {
  const journal = await journalNamed(ctx, name);
  if (journal.kind !== 'community') throw notFound('Community');
  return journal;
}

/** The viewer's standing: a member (of a role), someone asking to join, or nobody (null). */
export async function standingOf(ctx: Pick<AppContext, 'db'>, viewer: Viewer | null, journal: JournalRow) {
  if (!viewer) return null;
  return (await repo.membershipOf(ctx.db, journal.id, viewer.id)) ?? null;
}

const isStaff = (m: Membership | null | undefined) => m?.status === 'member' && m.role !== 'member';
const isMaintainer = (m: Membership | null | undefined) => m?.status === 'member' && m.role === 'maintainer';

/** The profile page: who runs the community, how many belong, and where the viewer stands. */
export async function communityProfile(ctx: Ctx, viewer: Viewer | null, journal: JournalRow) {
  const [members, standing] = await Promise.all([
    repo.membersOf(ctx.db, journal.id),
    standingOf(ctx, viewer, journal),
  ]);
  const joined = members.filter((m) => m.status === 'member');
  return {
    maintainers: joined.filter((m) => m.role === 'maintainer').map((m) => m.username),
    moderators: joined.filter((m) => m.role === 'moderator').map((m) => m.username),
    memberCount: joined.length,
    standing,
    pending: isStaff(standing) ? await repo.countPending(ctx.db, journal.id) : 0,
  };
}

/** The members page: everyone may see who belongs; maintainers also see requests to join. */
export async function communityMembers(ctx: Ctx, viewer: Viewer | null, journal: JournalRow) {
  const [members, standing] = await Promise.all([
    repo.membersOf(ctx.db, journal.id),
    standingOf(ctx, viewer, journal),
  ]);
  const maintainer = isMaintainer(standing);
  return {
    members: members.filter((m) => m.status === 'member'),
    requests: maintainer ? members.filter((m) => m.status === 'requested') : [],
    standing,
    maintainer,
  };
}

// Creating ------------------------------------------------------------------------------------

/** Makes a community; the one who makes it is its first maintainer. */
export async function createCommunity(ctx: Ctx, viewer: Viewer, raw: unknown): Promise<JournalRow> {
  const input = validate(communitySchema, raw);
  const taken = () => new ValidationError({ name: `The name “${input.name}” is taken: choose another.` });
  if (await repo.nameTaken(ctx.db, input.name)) throw taken();
  const now = nowIso();
  try {
    const id = await inTransaction(ctx.db, async (trx) => {
      const { id } = await trx
        .insertInto('journals')
        .values({
          kind: 'community',
          owner_id: null,
          name: input.name,
          name_key: input.name.toLowerCase(),
          title: input.title,
          subtitle: input.subtitle,
          membership: input.membership,
          posting: input.posting,
          moderated: input.moderated ? 1 : 0,
          nonmember_posting: input.nonmemberPosting ? 1 : 0,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await repo.insertMember(
        trx,
        { journal_id: id, user_id: viewer.id, role: 'maintainer', can_post: 1, status: 'member' },
        now,
      );
      return id;
    });
    return (await findJournal(ctx.db, id))!;
  } catch (error) {
    // Two people making one name at once: the unique index decides.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

// Membership ------------------------------------------------------------------------------------

export type JoinOutcome = 'joined' | 'requested' | 'already';

/**
 * Joins an open community, or asks to join a moderated one (its maintainers approve); a closed
 * community takes members only from its maintainers.
 */
export async function joinCommunity(ctx: Ctx, viewer: Viewer, journal: JournalRow): Promise<JoinOutcome> {
  const standing = await standingOf(ctx, viewer, journal);
  if (standing) return standing.status === 'member' ? 'already' : 'requested';
  if (journal.membership === 'closed')
    throw forbidden(`Membership of ${journal.display_name} is closed: only its maintainers add members.`);
  const status = journal.membership === 'open' ? 'member' : 'requested';
  await ctx.db
    .insertInto('community_members')
    .values({
      journal_id: journal.id,
      user_id: viewer.id,
      role: 'member',
      can_post: journal.posting === 'members' ? 1 : 0,
      status,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['journal_id', 'user_id']).doNothing())
    .execute();
  return status === 'member' ? 'joined' : 'requested';
}

function requireMaintainer(standing: Membership | null, journal: JournalRow) {
  if (!isMaintainer(standing))
    throw forbidden(`Only the maintainers of ${journal.display_name} can manage its members.`);
}

async function personNamed(ctx: Ctx, username: string, field = 'username') {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || user.disabled_at || user.is_system)
    throw new ValidationError({ [field]: `No one is called “${username}”.` });
  return user;
}

/** A maintainer adds someone (approving their request if they asked). */
export async function addMember(ctx: Ctx, viewer: Viewer, journal: JournalRow, raw: unknown) {
  const { username } = validate(addMemberSchema, raw);
  if (!username) throw new ValidationError({ username: 'Type a username.' });
  requireMaintainer(await standingOf(ctx, viewer, journal), journal);
  const user = await personNamed(ctx, username);
  const current = await repo.membershipOf(ctx.db, journal.id, user.id);
  if (current?.status === 'member')
    throw new ValidationError({ username: `${user.username} is already a member.` });
  if (current) await repo.updateMember(ctx.db, journal.id, user.id, { status: 'member' });
  else
    await repo.insertMember(
      ctx.db,
      {
        journal_id: journal.id,
        user_id: user.id,
        role: 'member',
        can_post: journal.posting === 'members' ? 1 : 0,
        status: 'member',
      },
      nowIso(),
    );
  return user.username;
}

/** Someone in the community (or asking to join), by username, as the maintainers' pages name them. */
async function someoneIn(ctx: Ctx, journal: JournalRow, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  const member = user ? await repo.membershipOf(ctx.db, journal.id, user.id) : undefined;
  if (!user || !member) throw notFound('Member');
  return { user, member };
}

/** A maintainer answers a request to join: approve makes a member, decline forgets the request. */
export async function answerRequest(
  ctx: Ctx,
  viewer: Viewer,
  journal: JournalRow,
  username: string,
  approve: boolean,
) {
  requireMaintainer(await standingOf(ctx, viewer, journal), journal);
  const { user, member } = await someoneIn(ctx, journal, username);
  if (member.status !== 'requested') throw notFound('Request to join');
  if (approve) await repo.updateMember(ctx.db, journal.id, user.id, { status: 'member' });
  else await repo.deleteMember(ctx.db, journal.id, user.id);
  return user.username;
}

const LAST_MAINTAINER = (journal: JournalRow) =>
  new QuireError(
    'last_maintainer',
    409,
    `${journal.display_name} needs at least one maintainer: make someone else a maintainer first.`,
  );

/**
 * Runs a membership change, then refuses it (rolling it back) if the community is left without a
 * maintainer. The community is locked first, so two such changes at once cannot both pass.
 */
async function keepingAMaintainer(ctx: Ctx, journal: JournalRow, change: (trx: Ctx['db']) => Promise<void>) {
  await inTransaction(ctx.db, async (trx) => {
    await repo.lockCommunity(trx, ctx.dialect, journal.id);
    await change(trx);
    if ((await repo.countMembers(trx, journal.id, 'maintainer')) === 0) throw LAST_MAINTAINER(journal);
  });
}

/** A maintainer sets someone's role and whether they may post (when posting is for selected members). */
export async function setMember(
  ctx: Ctx,
  viewer: Viewer,
  journal: JournalRow,
  username: string,
  raw: unknown,
) {
  const input = validate(memberSettingsSchema, raw);
  requireMaintainer(await standingOf(ctx, viewer, journal), journal);
  const { user, member } = await someoneIn(ctx, journal, username);
  if (member.status !== 'member') throw notFound('Member');
  const role: CommunityRole = input.role;
  await keepingAMaintainer(ctx, journal, (trx) =>
    repo.updateMember(trx, journal.id, user.id, { role, can_post: input.canPost ? 1 : 0 }),
  );
  return user.username;
}

/**
 * Takes someone out (a maintainer), or leaves (anyone, their own request to join included). The
 * last maintainer cannot go.
 */
export async function removeMember(ctx: Ctx, viewer: Viewer, journal: JournalRow, username: string) {
  const self = username.toLowerCase() === viewer.username.toLowerCase();
  if (!self) requireMaintainer(await standingOf(ctx, viewer, journal), journal);
  const { user } = await someoneIn(ctx, journal, username);
  await keepingAMaintainer(ctx, journal, (trx) => repo.deleteMember(trx, journal.id, user.id));
  return user.username;
}

// Moderation ------------------------------------------------------------------------------------

async function requireStaff(ctx: Ctx, viewer: Viewer, journal: JournalRow) {
  if (!isStaff(await standingOf(ctx, viewer, journal)))
    throw forbidden(`Only the maintainers and moderators of ${journal.display_name} can moderate it.`);
}

/** The moderation queue: entries waiting for approval, oldest first (maintainers and moderators). */
export async function moderationQueue(ctx: Ctx, viewer: Viewer, journal: JournalRow) {
  await requireStaff(ctx, viewer, journal);
  return repo.entriesWithStatus(ctx.db, journal.id, 'pending');
}

/** A poster's own entries that wait for the moderators or that they rejected (with the reason). */
export async function ownSubmissions(ctx: Ctx, viewer: Viewer, journal: JournalRow) {
  return repo.entriesWithStatus(ctx.db, journal.id, ['pending', 'rejected'], viewer.id);
}

/** An entry awaiting moderation, for one of its community's maintainers or moderators. */
export async function entryForModeration(ctx: Ctx, viewer: Viewer, id: number) {
  const { entry, journal } = await readEntry(ctx, viewer, id);
  if (journal.kind !== 'community') throw notFound('Entry awaiting moderation');
  await requireStaff(ctx, viewer, journal);
  if (entry.status !== 'pending')
    throw new QuireError('not_pending', 409, 'That entry is not waiting for moderation.');
  return { entry, journal };
}

/**
 * Approves an entry: it is published, and counts as posted now (reading pages order by that), so
 * subscribers see it when it was approved. Its own date (what Recent orders by) is kept.
 */
export async function approveEntry(ctx: Ctx, viewer: Viewer, id: number) {
  const { journal } = await entryForModeration(ctx, viewer, id);
  const now = nowIso();
  await inTransaction(ctx.db, async (trx) => {
    const approved = await trx
      .updateTable('entries')
      .set({ status: 'published', status_reason: null, created_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(approved.numUpdatedRows) > 0) await notify(trx, { kind: 'entry.posted', entryId: id });
  });
  return journal;
}

/** Rejects an entry with a reason, which its poster sees; nobody else sees the entry. */
export async function rejectEntry(ctx: Ctx, viewer: Viewer, id: number, raw: unknown) {
  const { journal } = await entryForModeration(ctx, viewer, id);
  const { reason } = validate(rejectSchema, raw);
  await ctx.db
    .updateTable('entries')
    .set({ status: 'rejected', status_reason: reason, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  return { journal, reason };
}
