import type { DB } from '../../db/connect.ts';
import { relatedIds } from '../blocking/blocks.repository.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { blurbsInOrder } from '../browse/browse.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { hidesRestricted, isStaff } from '../visibility/visibility.ts';
import { type Blurb, loadBlurbs } from '../works/blurbs.ts';
import { countOwnWorksOffIndex, worksWithTagInSql } from './tag-pages.repository.ts';

/**
 * The works a filter finds for a tag (synonyms and subtags included), newest update first, as
 * this viewer may see them (visibility.ts, visibleWorks). The listings engine (browse-index.ts)
 * answers the count and the page from memory for nearly every reader: it holds the listable works
 * and applies restricted (guests) and mutes. Staff also see hidden works here, and a creator their
 * own hidden works and those shared with someone they muted: for staff, and for a reader who has
 * such a work under this tag (one indexed count from their own works), SQL answers instead.
 */
export async function worksWithTag(
  db: DB,
  viewer: Viewer | null,
  tagId: number,
  page: number,
  perPage: number,
): Promise<{ total: number; page: number; works: Blurb[] }> {
  if (isStaff(viewer) || (viewer && (await countOwnWorksOffIndex(db, tagId, viewer.id)) > 0)) {
    const listed = await worksWithTagInSql(db, viewer, tagId, page, perPage);
    return { total: listed.total, page, works: await loadBlurbs(db, listed.works) };
  }
  const muted = viewer ? await relatedIds(db, 'mute', viewer.id) : [];
  const result = await browseIndexFor(db).query({
    include: [tagId],
    excludeCreators: muted.length > 0 ? muted : undefined,
    guest: hidesRestricted(viewer),
    sort: 'updated',
    page,
    perPage,
    facetLimit: 0,
  });
  return { total: result.total, page: result.page, works: await blurbsInOrder(db, result.ids) };
}
