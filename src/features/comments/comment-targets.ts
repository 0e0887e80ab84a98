import type { DB } from '../../db/connect.ts';
import type { CommentState, Entry, Work } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import { isBlockedByAny } from '../blocking/blocks.repository.ts';
import { entryUrl } from '../journals/entry.views.tsx';
import { findJournal, type JournalRow } from '../journals/journals.repository.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeEntry } from '../visibility/entry-visibility.ts';
import { canSeeWork, isStaff } from '../visibility/visibility.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';
import type { CommentScope } from './comments.repository.ts';

/**
 * What a comment is on, with the rules that decide who may comment there and how a new comment
 * starts (visible, screened or held): a work (its `comment_permission` and `moderated_comments`)
 * or a journal entry (its `comments`, `commenters` and `screening`, Dreamwidth's settings).
 */
export interface CommentTarget {
  kind: 'work' | 'entry';
  id: number;
  /** The work's title, or the entry's subject. */
  title: string;
  /** The page the comments are on. */
  url: string;
  /** Who manages its comments (screen, unscreen, freeze, delete): creators; journal owner, maintainers. */
  managerIds: number[];
  /** Whose blocks keep someone from commenting: the creators; the journal owner, or a community entry's poster. */
  ownerIds: number[];
  /** Who hears of a new comment: the creators; the journal owner, or a community entry's poster. */
  recipientIds: number[];
  /** Why this viewer may not comment here, or null. */
  refusal: string | null;
  /** Works: the posted chapters' ids (a comment names one, or none for the entire work). */
  chapterIds: number[];
  /** Whether a new comment by this viewer starts screened, held for approval, or visible. */
  initialState: CommentState;
  /** Guests may comment here (so the form asks for a name). */
  guestsAllowed: boolean;
}

export const scopeOf = (target: Pick<CommentTarget, 'kind' | 'id'>): CommentScope =>
  target.kind === 'work' ? { kind: 'work', workId: target.id } : { kind: 'entry', entryId: target.id };

/** A work as a comment target for this viewer; not found when they may not see it. */
export async function workTarget(db: DB, viewer: Viewer | null, workId: number): Promise<CommentTarget> {
  const work = Number.isInteger(workId) && workId > 0 ? await findWork(db, workId) : undefined;
  if (!work) throw notFound('Work');
  const creators = (await creatorsOfWork(db, workId)).filter((c) => c.accepted === 1).map((c) => c.user_id);
  if (!canSeeWork(viewer, { ...work, creatorUserIds: creators })) throw notFound('Work');
  const chapters = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .where('posted', '=', 1)
    .orderBy('position')
    .execute();
  return seenWorkTarget(db, viewer, work, creators, chapters);
}

/**
 * A work already loaded (with its accepted creators and its posted chapters, in order) and checked
 * with `canSeeWork` for this viewer, as a comment target: the work page passes what it has read.
 */
export async function seenWorkTarget(
  db: DB,
  viewer: Viewer | null,
  work: Pick<Work, 'id' | 'title' | 'posted' | 'comment_permission' | 'moderated_comments'>,
  creators: number[],
  chapters: readonly { id: number }[],
  /** Whether a creator blocked this viewer, when the caller already knows. */
  blocked?: boolean,
): Promise<CommentTarget> {
  const isCreator = viewer !== null && creators.includes(viewer.id);
  let refusal: string | null = null;
  if (work.comment_permission === 'none') refusal = 'The creators have turned comments off on this work.';
  else if (work.posted !== 1) refusal = 'Comments open once the work is posted.';
  else if (!viewer && work.comment_permission !== 'everyone')
    refusal = 'Only registered users can comment on this work. Log in to comment.';
  else if (viewer && !isCreator && (blocked ?? (await isBlockedByAny(db, creators, viewer.id))))
    refusal = 'You cannot comment on this work: a creator has blocked you.';
  const initialState: CommentState = isCreator
    ? 'visible'
    : work.moderated_comments === 1
      ? 'pending'
      : viewer
        ? 'visible'
        : 'screened';
  return {
    kind: 'work',
    id: work.id,
    title: work.title,
    url: `/works/${work.id}`,
    managerIds: creators,
    ownerIds: creators,
    recipientIds: creators,
    refusal,
    chapterIds: chapters.map((c) => c.id),
    initialState,
    guestsAllowed: work.comment_permission === 'everyone',
  };
}

/** Whether the viewer is on the journal's access list (a community: a member), or owns it. */
async function hasJournalAccess(
  db: DB,
  viewer: Viewer,
  journal: { id: number; kind: string; owner_id: number | null },
): Promise<boolean> {
  if (journal.owner_id === viewer.id) return true;
  if (journal.kind === 'community') {
    const member = await db
      .selectFrom('community_members')
      .select('user_id')
      .where('journal_id', '=', journal.id)
      .where('user_id', '=', viewer.id)
      .where('status', '=', 'member')
      .executeTakeFirst();
    return member !== undefined;
  }
  if (journal.owner_id === null) return false;
  const row = await db
    .selectFrom('journal_access')
    .select('member_id')
    .where('owner_id', '=', journal.owner_id)
    .where('member_id', '=', viewer.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** A journal entry as a comment target for this viewer; not found when they may not see it. */
export async function entryTarget(db: DB, viewer: Viewer | null, entryId: number): Promise<CommentTarget> {
  if (!Number.isInteger(entryId) || entryId < 1 || !(await canSeeEntry(db, viewer, entryId)))
    throw notFound('Entry');
  const entry = await db
    .selectFrom('entries')
    .selectAll()
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  const journal = await findJournal(db, entry.journal_id);
  if (!journal) throw notFound('Entry');
  return seenEntryTarget(db, viewer, entry, journal);
}

/**
 * An entry already loaded with its journal and checked with the entry visibility rule for this
 * viewer (the entry page's `readEntry`), as a comment target: no second read of either.
 */
export async function seenEntryTarget(
  db: DB,
  viewer: Viewer | null,
  entry: Pick<Entry, 'id' | 'subject' | 'poster_id' | 'comments' | 'commenters' | 'screening' | 'status'>,
  journal: JournalRow,
): Promise<CommentTarget> {
  const maintainers =
    journal.kind === 'community'
      ? (
          await db
            .selectFrom('community_members')
            .select('user_id')
            .where('journal_id', '=', journal.id)
            .where('status', '=', 'member')
            .where('role', '=', 'maintainer')
            .execute()
        ).map((m) => m.user_id)
      : [];
  const managerIds = journal.owner_id !== null ? [journal.owner_id, ...maintainers] : maintainers;
  const ownerIds = journal.owner_id !== null ? [journal.owner_id] : [entry.poster_id];
  const manages = viewer !== null && (managerIds.includes(viewer.id) || isStaff(viewer));
  const access = viewer !== null && (await hasJournalAccess(db, viewer, journal));
  let refusal: string | null = null;
  if (entry.comments === 'disabled') refusal = 'Comments are disabled on this entry.';
  else if (entry.status !== 'published') refusal = 'Comments open once the entry is published.';
  else if (!viewer && entry.commenters !== 'everyone')
    refusal = 'Only registered users can comment on this entry. Log in to comment.';
  else if (viewer && entry.commenters === 'access' && !access && !manages)
    refusal = 'Only people with access to this journal can comment on this entry.';
  else if (viewer && !managerIds.includes(viewer.id) && (await isBlockedByAny(db, ownerIds, viewer.id)))
    refusal = 'You cannot comment on this entry: its journal’s owner has blocked you.';
  const screened =
    !manages &&
    (entry.screening === 'all' ||
      (entry.screening === 'nonaccess' && !access) ||
      (entry.screening === 'guests' && !viewer));
  return {
    kind: 'entry',
    id: entry.id,
    title: entry.subject || '(no subject)',
    url: entryUrl(journal, entry.id),
    managerIds,
    ownerIds,
    recipientIds: ownerIds,
    refusal,
    chapterIds: [],
    initialState: screened ? 'screened' : 'visible',
    guestsAllowed: entry.commenters === 'everyone',
  };
}

/** The target of a comment row. */
export function targetOf(
  db: DB,
  viewer: Viewer | null,
  comment: { work_id: number | null; entry_id: number | null },
): Promise<CommentTarget> {
  return comment.work_id !== null
    ? workTarget(db, viewer, comment.work_id)
    : entryTarget(db, viewer, comment.entry_id!);
}

/** Whether the viewer manages the target's comments (site moderators and admins do everywhere). */
export function managesTarget(viewer: Viewer | null, target: Pick<CommentTarget, 'managerIds'>): boolean {
  return viewer !== null && (target.managerIds.includes(viewer.id) || isStaff(viewer));
}
