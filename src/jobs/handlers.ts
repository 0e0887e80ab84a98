import { REINDEX_TAGS, reindexTagsJob } from '../features/tags/wrangling.service.ts';
import { INDEX_WORKS, indexWorksJob } from '../features/search/text/search-jobs.ts';
import { ANNOUNCE, announceJob } from '../features/journals/announcements.ts';
import { CHAPTER_REPLY, chapterReplyJob } from '../features/forums/work-links.ts';
import { REINDEX_ENTRIES, reindexEntriesJob } from '../features/journals/entry-index.ts';
import { SEND_EMAIL, sendEmailJob } from '../mail/mail.jobs.ts';
import { DIGEST, digestJob } from '../features/notifications/digest.job.ts';
import { notifyJob } from '../features/notifications/notify.job.ts';
import { NOTIFY } from '../features/notifications/notify.ts';
import type { JobHandler } from './worker.ts';

/** Every job kind Quire knows, and who runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [SEND_EMAIL]: sendEmailJob,
  [REINDEX_TAGS]: reindexTagsJob,
  [INDEX_WORKS]: indexWorksJob,
  [ANNOUNCE]: announceJob,
  [CHAPTER_REPLY]: chapterReplyJob,
  [REINDEX_ENTRIES]: reindexEntriesJob,
  [NOTIFY]: notifyJob,
  [DIGEST]: digestJob,
};
