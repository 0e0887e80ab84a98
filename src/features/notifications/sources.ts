import type { NoticeSource } from './notify.ts';
import type { NoticeKind } from './preferences.ts';
import { entryNotices, forumNotices } from './community-sources.ts';
import { kudosNotices } from '../kudos/kudos-notices.ts';
import { chapterNotices, invitationNotices, workNotices } from './work-sources.ts';

type Registry = { [K in NoticeKind]?: NoticeSource<K> };

/**
 * Which source turns each event kind into notices; each is kept by the feature that owns the rows.
 * A kind without a source makes the job fail, loudly.
 */
export const noticeSources: Registry = {
  'chapter.posted': chapterNotices,
  'work.posted': workNotices,
  invitation: invitationNotices,
  'forum.posted': forumNotices,
  'entry.posted': entryNotices,
  'kudos.left': kudosNotices,
};

/** The source of a kind, or an error naming the kind (a notification must never vanish silently). */
export function sourceFor<K extends NoticeKind>(kind: K): NoticeSource<K> {
  const source = noticeSources[kind] as NoticeSource<K> | undefined;
  if (!source)
    throw new Error(`no notice source registered for event kind "${kind}" (notifications/sources.ts)`);
  return source;
}
