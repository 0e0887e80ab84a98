import type { AppContext } from '../../context.ts';
import type { PageContext } from '../../web/page-context.ts';
import { viewerBookmark } from '../bookmarks/bookmarks.service.ts';
import { BookmarkAction } from '../bookmarks/bookmarks.views.tsx';
import type { WorkView } from '../works/works.read.ts';
import { kudosSummary } from './kudos.service.ts';
import { KudosPanel } from './kudos.views.tsx';

/**
 * What the work page shows below a posted work: the kudos (button and who left them) and, for a
 * signed-in reader, bookmarking it. One call from the works' route, so works stays unaware of both.
 */
export async function workInteractions(
  ctx: Pick<AppContext, 'db'>,
  page: PageContext,
  view: WorkView,
  /** What the page already knows of the viewer: their mutes, and whether a creator blocked them. */
  known?: { muted: readonly number[]; blocked: boolean },
) {
  if (view.work.posted !== 1) return null;
  const workId = view.work.id;
  const [summary, bookmark] = await Promise.all([
    kudosSummary(ctx, page.viewer, workId, { creatorUserIds: view.creatorUserIds, ...known }),
    viewerBookmark(ctx, page.viewer, { type: 'work', id: workId }),
  ]);
  return (
    <>
      <KudosPanel page={page} workId={workId} summary={summary} />
      {page.viewer && <BookmarkAction workId={workId} bookmarkId={bookmark?.id ?? null} />}
    </>
  );
}
