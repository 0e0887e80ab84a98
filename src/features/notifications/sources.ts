import type { NoticeSource } from './notify.ts';
import type { NoticeKind } from './preferences.ts';
import { entryNotices, forumNotices } from './community-sources.ts';
import { chapterNotices, invitationNotices, workNotices } from './work-sources.ts';

type Registry = { [K in NoticeKind]?: NoticeSource<K> };

/**
 * Which source turns each event kind into notices. `comment.posted` (comments/comment-notices.ts,
 * `commentNotices`) and `kudos.left` (kudos/kudos-notices.ts, `kudosNotices`) are written by those
 * features and wired here at merge; until then the job fails on them, loudly.
 */
export const noticeSources: Registry = {
  'chapter.posted': chapterNotices,
  'work.posted': workNotices,
  invitation: invitationNotices,
  'forum.posted': forumNotices,
  'entry.posted': entryNotices,
};

/** The source of a kind, or an error naming the kind (a notification must never vanish silently). */
export function sourceFor<K extends NoticeKind>(kind: K): NoticeSource<K> {
  const source = noticeSources[kind] as NoticeSource<K> | undefined;
  if (!source)
    throw new Error(`no notice source registered for event kind "${kind}" (notifications/sources.ts)`);
  return source;
}
