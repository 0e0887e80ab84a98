import type { DB } from '../../db/connect.ts';
import type { ReportTargetType } from '../../db/schema.ts';
import { nowIso } from '../../lib/clock.ts';
import { excerptOf } from '../downloads/html-to-text.ts';
import { findJournal } from '../journals/journals.repository.ts';
import { commentReports } from '../comments/comment-reports.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canSeeEntry } from '../visibility/entry-visibility.ts';
import { canSeeWork } from '../visibility/visibility.ts';
import { setWorkHidden } from '../works/work-moderation.ts';
import { creatorsOfWork, findWork } from '../works/works.repository.ts';

/** What the report form and the moderators' queue show of a reported thing. */
export interface TargetFacts {
  /** "the work “Title”", "the entry “Subject”": used in sentences. */
  label: string;
  url: string;
  excerpt: string;
  /** The accounts a warning goes to (a work's accepted creators, an entry's poster, a comment's author). */
  authorIds: number[];
  /** Already hidden (a hidden work, a rejected entry…): "hide" has nothing left to do. */
  hidden: boolean;
}

/**
 * A kind of thing that can be reported. Each kind answers with the visibility module's rule, so
 * nobody reports (or reads in the queue) what they may not see. Comments are described by
 * features/comments (comment-reports.ts), with their own visibility and way of hiding.
 */
export interface ReportTargetKind {
  /** The thing as this viewer may see it, or null (absent, or not theirs to see). */
  find(db: DB, viewer: Viewer | null, id: number): Promise<TargetFacts | null>;
  /** Facts whoever asks (the queue's warnings and audit log): null when it no longer exists. */
  facts(db: DB, id: number): Promise<TargetFacts | null>;
  /** Hides it with the kind's own mechanism, inside the moderator's transaction. */
  hide(db: DB, id: number): Promise<void>;
}

async function workFacts(db: DB, id: number) {
  const work = await findWork(db, id);
  if (!work) return null;
  const creatorUserIds = (await creatorsOfWork(db, id)).filter((c) => c.accepted).map((c) => c.user_id);
  const facts: TargetFacts = {
    label: `the work “${work.title}”`,
    url: `/works/${work.id}`,
    excerpt: excerptOf(work.summary, 240),
    authorIds: creatorUserIds,
    hidden: work.hidden_at !== null,
  };
  return { work, creatorUserIds, facts };
}

/** Works: hidden by a moderator (works/work-moderation.ts: seen by creators and staff only). */
const works: ReportTargetKind = {
  async find(db, viewer, id) {
    const found = await workFacts(db, id);
    if (!found || !canSeeWork(viewer, { ...found.work, creatorUserIds: found.creatorUserIds })) return null;
    return found.facts;
  },
  async facts(db, id) {
    return (await workFacts(db, id))?.facts ?? null;
  },
  async hide(db, id) {
    await setWorkHidden(db, id, true);
  },
};

async function entryFacts(db: DB, id: number): Promise<TargetFacts | null> {
  const entry = await db
    .selectFrom('entries')
    .select(['id', 'journal_id', 'poster_id', 'subject', 'body', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  const journal = entry && (await findJournal(db, entry.journal_id));
  if (!entry || !journal) return null;
  return {
    label: `the entry “${entry.subject || '(no subject)'}” in ${journal.display_name}`,
    url: `/journals/${encodeURIComponent(journal.display_name)}/entries/${entry.id}`,
    excerpt: excerptOf(entry.body, 240),
    authorIds: [entry.poster_id],
    hidden: entry.status === 'rejected',
  };
}

/**
 * Journal entries: hidden the way a community rejects an entry (status 'rejected', with a reason the
 * poster sees); entry-visibility.ts then shows it to its poster alone, on every surface.
 */
const entries: ReportTargetKind = {
  async find(db, viewer, id) {
    if (!(await canSeeEntry(db, viewer, id))) return null;
    return entryFacts(db, id);
  },
  facts: entryFacts,
  async hide(db, id) {
    await db
      .updateTable('entries')
      .set({
        status: 'rejected',
        status_reason: 'Hidden by the site’s moderators after a report.',
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  },
};

const kinds = new Map<ReportTargetType, ReportTargetKind>([
  ['work', works],
  ['entry', entries],
  ['comment', commentReports],
]);

export function reportTarget(type: ReportTargetType): ReportTargetKind | undefined {
  return kinds.get(type);
}

export const TARGET_NOUNS: Record<ReportTargetType, string> = {
  work: 'work',
  entry: 'entry',
  comment: 'comment',
};
