import type { DB } from '../../db/connect.ts';
import { relatedIds } from '../blocking/blocks.repository.ts';
import { browseIndexFor } from '../browse/browse-index.ts';
import { blurbsInOrder } from '../browse/browse.service.ts';
import type { Viewer } from '../sessions/sessions.service.ts';
import { hidesRestricted } from '../visibility/visibility.ts';
import type { Blurb } from '../works/blurbs.ts';

/**
 * The works a filter finds for a tag (synonyms and subtags included), newest update first, as
 * this viewer may see them: the listings engine (browse-index.ts) answers the count and the page
 * from memory, with the rule every listing applies (listable works; restricted ones hidden from
 * guests; works by accounts the reader muted left out), and the page's blurbs are read.
 */
export async function worksWithTag(
  db: DB,
  viewer: Viewer | null,
  tagId: number,
  page: number,
  perPage: number,
): Promise<{ total: number; page: number; works: Blurb[] }> {
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
