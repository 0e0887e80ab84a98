import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../../context.ts';
import type { PageContext } from '../../web/page-context.ts';
import type { Work } from '../../db/schema.ts';
import type { CommentViewer } from '../visibility/comment-visibility.ts';
import type { JournalRow } from '../journals/journals.repository.ts';
import { entryTarget, seenEntryTarget, seenWorkTarget, workTarget } from './comment-targets.ts';
import { commentSection } from './comments.read.ts';
import { sectionQuerySchema } from './comments.schema.ts';
import { CommentsSection } from './comments.views.tsx';

type Ctx = Pick<AppContext, 'db'>;

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!.split('#')[0]!;

/**
 * The comment section under a work: on a chapter page of a multi-chapter work, that chapter's
 * comments; in the entire-work view (or a one-chapter work), all of the work's comments, each
 * labelled with its chapter. Guests get a link to a form page (their work pages are cached).
 */
export async function workCommentsSection(
  ctx: Ctx,
  request: FastifyRequest,
  page: PageContext,
  work: { id: number; chapters: readonly { id: number; position: number; title: string }[] },
  chapterId: number | null,
  full: boolean,
  /** The work as the page read it, already checked as visible to this viewer (no second read). */
  seen?: {
    work: Work;
    creatorUserIds: number[];
    postedChapters: readonly { id: number }[];
    /** The viewer with their mutes (`commentViewer`), and whether a creator blocked them. */
    who: CommentViewer;
    blocked: boolean;
  },
): Promise<VNode> {
  const query = sectionQuerySchema.parse(request.query ?? {});
  const target = seen
    ? await seenWorkTarget(
        ctx.db,
        request.viewer,
        seen.work,
        seen.creatorUserIds,
        seen.postedChapters,
        seen.blocked,
      )
    : await workTarget(ctx.db, request.viewer, work.id);
  const byChapter = !full && work.chapters.length > 1 && chapterId !== null;
  const section = await commentSection(
    ctx,
    request.viewer,
    target,
    query,
    byChapter ? chapterId : undefined,
    seen?.who,
  );
  const labels =
    work.chapters.length > 1
      ? new Map(work.chapters.map((c) => [c.id, `Chapter ${c.position}${c.title ? `: ${c.title}` : ''}`]))
      : undefined;
  const inline = request.viewer !== null;
  return (
    <CommentsSection
      page={page}
      section={section}
      place={{
        path: pathOf(request),
        keep: full ? { view_full_work: 'true' } : undefined,
        action: `/works/${work.id}/comments`,
        inlineForm: inline,
        formPage: `/works/${work.id}/comments/new`,
        chapterId: full ? undefined : (chapterId ?? undefined),
        chapterLabels: full || !byChapter ? labels : undefined,
      }}
      replyTo={inline ? query.reply : undefined}
    />
  );
}

/** The comment section under a journal entry (its page is not cached, so guests get the form). */
export async function entryCommentsSection(
  ctx: Ctx,
  request: FastifyRequest,
  page: PageContext,
  entryId: number,
  /** The entry and its journal as the page read them, already checked as visible to this viewer. */
  seen?: { entry: Parameters<typeof seenEntryTarget>[2]; journal: JournalRow },
): Promise<VNode> {
  const query = sectionQuerySchema.parse(request.query ?? {});
  const target = seen
    ? await seenEntryTarget(ctx.db, request.viewer, seen.entry, seen.journal)
    : await entryTarget(ctx.db, request.viewer, entryId);
  const section = await commentSection(ctx, request.viewer, target, query);
  return (
    <CommentsSection
      page={page}
      section={section}
      place={{
        path: pathOf(request),
        action: `/entries/${entryId}/comments`,
        inlineForm: true,
        formPage: `/entries/${entryId}/comments/new`,
      }}
      replyTo={query.reply}
    />
  );
}
