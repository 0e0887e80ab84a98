import type { AppContext } from '../../context.ts';
import type { Chapter, TagType, Work } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { tagsOfWorks } from '../tags/tags.repository.ts';
import { canEditWork, canSeeWork } from '../visibility/visibility.ts';
import { giftsOfWork } from './gifts.ts';
import { seriesOfWork } from './series.repository.ts';
import * as repo from './works.repository.ts';
import { emptyTags } from './blurbs.ts';

export interface WorkView {
  work: Work;
  /** Accepted creators only: an invited co-creator is not shown until they accept. */
  creators: { pseud: string; username: string }[];
  /** The accepted creators' accounts (what `canSeeWork` and `canEditWork` were asked with). */
  creatorUserIds: number[];
  tags: Record<TagType, string[]>;
  series: { id: number; title: string; part: number }[];
  /** "For …": recipients, linked when they have an account. */
  gifts: { recipient: string; username: string | null }[];
  /** Posted chapters; a creator also sees drafts. */
  chapters: Chapter[];
  canEdit: boolean;
}

/** A work as this viewer may see it, or 404 (never 403: hidden things do not exist for them). */
export async function readWork(
  ctx: Pick<AppContext, 'db'>,
  viewer: Viewer | null,
  workId: number,
): Promise<WorkView> {
  const work = await repo.findWork(ctx.db, workId);
  if (!work) throw notFound('Work');
  const creatorRows = await repo.creatorsOfWork(ctx.db, workId);
  const accepted = creatorRows.filter((c) => c.accepted === 1);
  const facts = { ...work, creatorUserIds: accepted.map((c) => c.user_id) };
  if (!canSeeWork(viewer, facts)) throw notFound('Work');
  const canEdit = canEditWork(viewer, facts);
  const tags = emptyTags();
  for (const tag of await tagsOfWorks(ctx.db, [workId])) tags[tag.type].push(tag.name);
  return {
    work,
    creators: accepted.map((c) => ({ pseud: c.pseud, username: c.username })),
    creatorUserIds: facts.creatorUserIds,
    tags,
    series: await seriesOfWork(ctx.db, workId),
    gifts: await giftsOfWork(ctx.db, workId),
    chapters: await repo.chaptersOfWork(ctx.db, workId, { postedOnly: !canEdit }),
    canEdit,
  };
}
