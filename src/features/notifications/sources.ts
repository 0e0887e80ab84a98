import type { NoticeSource } from './notify.ts';
import type { NoticeKind } from './preferences.ts';
import { entryNotices, forumNotices } from './community-sources.ts';
import { commentNotices } from '../comments/comment-notices.ts';
import { kudosNotices } from '../kudos/kudos-notices.ts';
import { chapterNotices, invitationNotices, workNotices } from './work-sources.ts';

/** Every kind has its source: the type checker refuses an event kind nobody delivers. */
type Registry = { [K in NoticeKind]: NoticeSource<K> };

/**
 * Which source turns each event kind into notices; each is kept by the feature that owns the rows.
 * An unknown kind (a job enqueued by a newer or older version) makes the job fail, loudly.
 */
export const noticeSources: Registry = {
  'chapter.posted': chapterNotices,
  'work.posted': workNotices,
  invitation: invitationNotices,
  'forum.posted': forumNotices,
  'entry.posted': entryNotices,
  'kudos.left': kudosNotices,
  'comment.posted': commentNotices,
};

/** The source of a kind, or an error naming the kind (a notification must never vanish silently). */
export function sourceFor<K extends NoticeKind>(kind: K): NoticeSource<K> {
  const source = noticeSources[kind] as NoticeSource<K> | undefined;
  if (!source)
    throw new Error(`no notice source registered for event kind "${kind}" (notifications/sources.ts)`);
  return source;
}
