import type { AppContext } from '../../context.ts';
import type { Chapter, TagType, Work } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { canEditWork, canSeeWork } from '../visibility/visibility.ts';
import { workFacts } from './work-facts.ts';
import * as repo from './works.repository.ts';
import { emptyTags } from './blurbs.ts';

export interface WorkView {
  work: Work;
  /** Accepted creators only: an invited co-creator is not shown until they accept. */
  creators: { pseud: string; username: string }[];
  /** The accepted creators' accounts (what `canSeeWork` and `canEditWork` were asked with). */
  creatorUserIds: number[];
  tags: Record<TagType, string[]>;
  series: readonly Readonly<{ id: number; title: string; part: number }>[];
  /** "For …": recipients, linked when they have an account. */
  gifts: readonly Readonly<{ recipient: string; username: string | null }>[];
  /** Posted chapters; a creator also sees drafts. */
  chapters: readonly Readonly<Chapter>[];
  canEdit: boolean;
}

/** A work as this viewer may see it, or 404 (never 403: hidden things do not exist for them). */
export async function readWork(
  ctx: Pick<AppContext, 'db'>,
  viewer: Viewer | null,
  workId: number,
  /** The work's row, when the caller has just read it. */
  row?: Work,
): Promise<WorkView> {
  const work = row ?? (await repo.findWork(ctx.db, workId));
  if (!work) throw notFound('Work');
  const known = await workFacts(ctx.db, work);
  const accepted = known.creatorRows.filter((c) => c.accepted === 1);
  const facts = { ...work, creatorUserIds: accepted.map((c) => c.user_id) };
  if (!canSeeWork(viewer, facts)) throw notFound('Work');
  const canEdit = canEditWork(viewer, facts);
  const tags = emptyTags();
  for (const tag of known.tags) tags[tag.type].push(tag.name);
  return {
    work,
    creators: accepted.map((c) => ({ pseud: c.pseud, username: c.username })),
    creatorUserIds: facts.creatorUserIds,
    tags,
    series: known.series,
    gifts: known.gifts,
    chapters: canEdit
      ? await repo.chaptersOfWork(ctx.db, workId, { postedOnly: false })
      : known.postedChapters,
    canEdit,
  };
}
