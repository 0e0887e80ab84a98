import type { AppContext } from '../../context.ts';
import type { EntrySecurity } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { nowIso } from '../../lib/clock.ts';
import { forbidden, notFound, ValidationError } from '../../lib/errors.ts';
import { plainTextToHtml, sanitize } from '../../lib/sanitize.ts';
import { validate } from '../../lib/validation.ts';
import { notify } from '../notifications/notify.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagKey } from '../tags/tag-names.ts';
import { visibleEntries } from '../visibility/entry-visibility.ts';
import { type EntryInput, entrySchema, journalSettingsSchema } from './journals.schema.ts';
import { membershipOf } from './communities.repository.ts';
import * as repo from './journals.repository.ts';
import { indexEntry } from './entry-index.ts';

type Ctx = Pick<AppContext, 'db'>;
/** Writing an entry also indexes it for search, which differs by database. */
type WriteCtx = Pick<AppContext, 'db' | 'dialect'>;

/** How many entries a journal may keep at the top of Recent. */
export const MAX_STICKY = 5;
/** An entry may be dated this far ahead (a clock set wrong, a time zone), no further. */
const FUTURE_MS = 24 * 60 * 60 * 1000;
/** An entry dated this long before it was posted is backdated: it stays off reading pages. */
const BACKDATED_MS = 60 * 60 * 1000;

export async function journalNamed(ctx: Ctx, name: string): Promise<repo.JournalRow> {
  const journal = await repo.findJournalByName(ctx.db, name);
  if (!journal) throw notFound('Journal');
  return journal;
}

/** What a viewer may do when posting to a journal, and why not when they may not. */
export interface PostingRight {
  allowed: boolean;
  /** Why not (shown as the refusal), or '' when allowed. */
  reason: string;
  /** The journal's owner, or a community's maintainer or moderator. */
  staff: boolean;
  /** Posting to a community as a non-member (or a member not chosen to post): public entries only. */
  publicOnly: boolean;
  /** The entry waits in the community's moderation queue. */
  moderated: boolean;
}

const refused = (reason: string): PostingRight => ({
  allowed: false,
  reason,
  staff: false,
  publicOnly: false,
  moderated: false,
});

/**
 * Who may post to a journal: its owner; in a community, its maintainers and moderators always,
 * its members (only those chosen to post when posting is for selected members), and anyone
 * signed in when it takes entries from non-members (public ones only). In a moderated community
 * everyone but its maintainers and moderators waits for approval.
 */
export async function postingRight(
  ctx: Ctx,
  viewer: Viewer | null,
  journal: repo.JournalRow,
): Promise<PostingRight> {
  if (!viewer) return refused('Log in to post.');
  if (journal.kind === 'personal')
    return journal.owner_id === viewer.id
      ? { allowed: true, reason: '', staff: true, publicOnly: false, moderated: false }
      : refused('Only its owner can post to this journal.');
  const member = await membershipOf(ctx.db, journal.id, viewer.id);
  const joined = member?.status === 'member';
  if (joined && member.role !== 'member')
    return { allowed: true, reason: '', staff: true, publicOnly: false, moderated: false };
  const moderated = journal.moderated === 1;
  if (joined && (journal.posting === 'members' || member.can_post === 1))
    return { allowed: true, reason: '', staff: false, publicOnly: false, moderated };
  if (journal.nonmember_posting === 1)
    return { allowed: true, reason: '', staff: false, publicOnly: true, moderated };
  const name = journal.display_name;
  if (joined)
    return refused(
      `In ${name} only members chosen by its maintainers can post, and you are not one of them.`,
    );
  if (member?.status === 'requested')
    return refused(
      `Your request to join ${name} is waiting for its maintainers; you can post once you are a member.`,
    );
  return refused(`Only members of ${name} can post to it.`);
}

/** Whether the viewer may post to the journal at all (the posting link, the posting form). */
export async function canPostTo(ctx: Ctx, viewer: Viewer | null, journal: repo.JournalRow) {
  return (await postingRight(ctx, viewer, journal)).allowed;
}

/** The entry's date: now, or the date given (a day alone is noon UTC), never more than a day ahead. */
function entryDate(value: string | undefined, now: string): string {
  if (!value) return now;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00.000Z` : new Date(value).toISOString();
  if (Date.parse(iso) > Date.parse(now) + FUTURE_MS)
    throw new ValidationError({ postedAt: 'An entry can be dated at most a day ahead.' });
  if (iso < '1970-01-01') throw new ValidationError({ postedAt: 'That date is too long ago.' });
  return iso;
}

/**
 * `public`, `access`, `private` or `filter:NAME` (one of the owner's filters) as stored. A
 * community has no filters (its `access` is its members); a non-member posts only public entries.
 */
async function securityOf(
  ctx: Ctx,
  journal: repo.JournalRow,
  value: string | undefined,
  publicOnly = false,
): Promise<{ security: EntrySecurity; filter_id: number | null }> {
  const chosen = value ?? (publicOnly ? 'public' : journal.default_security);
  if (journal.kind === 'community' && chosen.startsWith('filter:'))
    throw new ValidationError({
      security: 'Communities have no custom filters: choose Public, Members only or Private.',
    });
  if (publicOnly && chosen !== 'public')
    throw new ValidationError({
      security: `Only members of ${journal.display_name} who may post there can lock entries; yours can only be public.`,
    });
  if (!chosen.startsWith('filter:')) return { security: chosen as EntrySecurity, filter_id: null };
  const name = chosen.slice('filter:'.length).trim();
  const filter =
    journal.owner_id === null
      ? undefined
      : await ctx.db
          .selectFrom('access_filters')
          .select('id')
          .where('owner_id', '=', journal.owner_id)
          .where('name_key', '=', tagKey(name))
          .executeTakeFirst();
  if (!filter) throw new ValidationError({ security: `You have no access filter called “${name}”.` });
  return { security: 'filter', filter_id: filter.id };
}

/** In a community only its maintainers and moderators keep entries at the top of Recent. */
function checkStickyRight(journal: repo.JournalRow, right: PostingRight, input: EntryInput) {
  if (input.sticky && journal.kind === 'community' && !right.staff)
    throw new ValidationError({
      sticky: 'Only the maintainers and moderators of a community can make an entry sticky.',
    });
}

async function iconOf(ctx: Ctx, viewer: Viewer, keyword: string | undefined): Promise<number | null> {
  if (!keyword) return null;
  const icon = await ctx.db
    .selectFrom('user_icons')
    .select('id')
    .where('user_id', '=', viewer.id)
    .where((eb) => eb(eb.fn('lower', ['keyword']), '=', keyword.toLowerCase()))
    .executeTakeFirst();
  if (!icon) throw new ValidationError({ icon: `You have no icon with the keyword “${keyword}”.` });
  return icon.id;
}

async function checkSticky(ctx: Ctx, journalId: number, input: EntryInput, except?: number) {
  if (!input.sticky) return;
  let query = ctx.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('journal_id', '=', journalId)
    .where('sticky', '=', 1);
  if (except !== undefined) query = query.where('id', '!=', except);
  const { n } = await query.executeTakeFirstOrThrow();
  if (Number(n) >= MAX_STICKY)
    throw new ValidationError({ sticky: `A journal keeps at most ${MAX_STICKY} sticky entries.` });
}

const bodyOf = (input: EntryInput) =>
  input.format === 'text' ? plainTextToHtml(input.body) : sanitize(input.body);

/**
 * Posts an entry to a journal; nothing is written if anything is wrong. In a moderated community
 * the entry of anyone but its maintainers and moderators waits in the queue (status `pending`).
 */
export async function postEntry(ctx: WriteCtx, viewer: Viewer, journal: repo.JournalRow, raw: unknown) {
  const input = validate(entrySchema, raw);
  const right = await postingRight(ctx, viewer, journal);
  if (!right.allowed) throw forbidden(right.reason);
  checkStickyRight(journal, right, input);
  const now = nowIso();
  const postedAt = entryDate(input.postedAt, now);
  const [security, iconId] = await Promise.all([
    securityOf(ctx, journal, input.security, right.publicOnly),
    iconOf(ctx, viewer, input.icon),
    checkSticky(ctx, journal.id, input),
  ]).then(([s, i]) => [s, i] as const);
  return inTransaction(ctx.db, async (trx) => {
    const { id } = await trx
      .insertInto('entries')
      .values({
        journal_id: journal.id,
        poster_id: viewer.id,
        subject: input.subject,
        body: bodyOf(input),
        ...security,
        mood: input.mood,
        music: input.music,
        location: input.location,
        icon_id: iconId,
        posted_at: postedAt,
        created_at: now,
        updated_at: now,
        backdated: Date.parse(now) - Date.parse(postedAt) > BACKDATED_MS ? 1 : 0,
        sticky: input.sticky ? 1 : 0,
        adult: input.adult ? 1 : 0,
        edit_count: 0,
        comments: input.comments ?? journal.default_comments,
        screening: input.screening ?? journal.default_screening,
        commenters: input.commenters ?? journal.default_commenters,
        status: right.moderated ? 'pending' : 'published',
        status_reason: null,
        work_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.setEntryTags(trx, journal.id, id, input.tags);
    await indexEntry(trx, ctx.dialect, id);
    if (!right.moderated) await notify(trx, { kind: 'entry.posted', entryId: id });
    return id;
  });
}

/** An entry this viewer may see, or not found (a locked entry is not found, never "forbidden"). */
export async function readEntry(ctx: Ctx, viewer: Viewer | null, id: number) {
  if (!Number.isInteger(id) || id < 1) throw notFound('Entry');
  // The entry visibility rule as a condition of the read itself: one query instead of two.
  const entry = await ctx.db
    .selectFrom('entries')
    .select(repo.ENTRY_COLUMNS)
    .where('entries.id', '=', id)
    .where((eb) => visibleEntries(eb, viewer))
    .executeTakeFirst();
  if (!entry) throw notFound('Entry');
  const journal = await repo.findJournal(ctx.db, entry.journal_id);
  if (!journal) throw notFound('Entry');
  return { entry, journal };
}

/** Only the poster edits an entry. */
export async function ownEntry(ctx: Ctx, viewer: Viewer, id: number) {
  const found = await readEntry(ctx, viewer, id);
  if (found.entry.poster_id !== viewer.id)
    throw forbidden('Only the person who posted an entry can edit it.');
  return found;
}

export async function editEntry(ctx: WriteCtx, viewer: Viewer, id: number, raw: unknown) {
  const input = validate(entrySchema, raw);
  const { entry, journal } = await ownEntry(ctx, viewer, id);
  const right = journal.kind === 'community' ? await postingRight(ctx, viewer, journal) : undefined;
  if (right && entry.sticky === 0) checkStickyRight(journal, right, input);
  const postedAt = entryDate(input.postedAt ?? entry.posted_at, entry.created_at);
  const kept = { security: entry.security, filter_id: entry.filter_id };
  // A poster who is no longer a member keeps what the entry was, but cannot lock it further.
  const publicOnly = right !== undefined && (right.publicOnly || !right.allowed);
  const [security, iconId] = await Promise.all([
    input.security === undefined || (input.security === entry.security && entry.filter_id === null)
      ? kept
      : securityOf(ctx, journal, input.security, publicOnly),
    iconOf(ctx, viewer, input.icon),
    checkSticky(ctx, journal.id, input, id),
  ]).then(([s, i]) => [s, i] as const);
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('entries')
      .set((eb) => ({
        subject: input.subject,
        body: bodyOf(input),
        ...security,
        mood: input.mood,
        music: input.music,
        location: input.location,
        icon_id: iconId,
        posted_at: postedAt,
        updated_at: nowIso(),
        // Backdated is decided by the date given, not by how long moderation took.
        backdated:
          postedAt === entry.posted_at
            ? entry.backdated
            : Date.parse(entry.created_at) - Date.parse(postedAt) > BACKDATED_MS
              ? 1
              : 0,
        sticky: input.sticky ? 1 : 0,
        adult: input.adult ? 1 : 0,
        edit_count: eb('edit_count', '+', 1),
        comments: input.comments ?? entry.comments,
        screening: input.screening ?? entry.screening,
        commenters: input.commenters ?? entry.commenters,
        // A rejected entry, once edited, goes back to the moderators.
        ...(entry.status === 'rejected' ? { status: 'pending' as const, status_reason: null } : {}),
      }))
      .where('id', '=', id)
      .execute();
    await repo.setEntryTags(trx, journal.id, id, input.tags);
    await indexEntry(trx, ctx.dialect, id);
  });
  return journal;
}

/** The poster, the journal's owner, or a community's maintainers and moderators delete an entry. */
export async function deleteEntry(ctx: Ctx, viewer: Viewer, id: number) {
  const { entry, journal } = await readEntry(ctx, viewer, id);
  if (entry.poster_id !== viewer.id && journal.owner_id !== viewer.id) {
    const member =
      journal.kind === 'community' ? await membershipOf(ctx.db, journal.id, viewer.id) : undefined;
    if (member?.status !== 'member' || member.role === 'member')
      throw forbidden('You cannot delete this entry.');
  }
  await ctx.db.deleteFrom('entries').where('id', '=', id).execute();
  return journal;
}

export async function updateJournalSettings(ctx: Ctx, viewer: Viewer, raw: unknown) {
  const input = validate(journalSettingsSchema, raw);
  const journal = await repo.ensurePersonalJournal(ctx.db, viewer);
  await ctx.db
    .updateTable('journals')
    .set({
      title: input.title,
      subtitle: input.subtitle,
      default_security: input.defaultSecurity,
      default_comments: input.defaultComments,
      default_screening: input.defaultScreening,
      default_commenters: input.defaultCommenters,
      theme: input.theme,
    })
    .where('id', '=', journal.id)
    .execute();
}
