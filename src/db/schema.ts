import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ApiTokensTable, PseudsTable, SessionsTable, UsersTable } from './schema/accounts.js';
import type { JobsTable } from './schema/jobs.js';
import type { EntriesTable, JournalsTable } from './schema/journals.js';
import type { ReportsTable } from './schema/reports-stats.js';
import type { TagsTable } from './schema/tags.js';
import type { ChaptersTable, SeriesTable, WorksTable } from './schema/works.js';
import type { AccountsDatabase } from './schema/accounts.js';
import type { JobsDatabase } from './schema/jobs.js';
import type { TagsDatabase } from './schema/tags.js';
import type { WorksDatabase } from './schema/works.js';
import type { InteractionsDatabase } from './schema/interactions.js';
import type { ImportsDatabase } from './schema/imports.js';
import type { ReaderFiltersDatabase } from './schema/reader-filters.js';
import type { JournalsDatabase } from './schema/journals.js';
import type { ForumsDatabase } from './schema/forums.js';
import type { HistoryDatabase } from './schema/history.js';
import type { ReportsStatsDatabase } from './schema/reports-stats.js';
import type { NotificationsDatabase } from './schema/notifications.js';
import type { BookmarksDatabase } from './schema/bookmarks.js';
import type { CommentsDatabase } from './schema/comments.js';
import type { RateLimitsDatabase } from './schema/rate-limits.js';

/**
 * Table types. Conventions (docs/decisions.md): instants are ISO-8601 UTC strings
 * (`2026-11-23T21:07:52.123Z`) in both dialects; flags are integers 0/1.
 */
export * from './schema/accounts.js';
export * from './schema/jobs.js';
export * from './schema/tags.js';
export * from './schema/works.js';
export * from './schema/interactions.js';
export * from './schema/imports.js';
export * from './schema/reader-filters.js';
export * from './schema/journals.js';
export * from './schema/forums.js';
export * from './schema/history.js';
export * from './schema/reports-stats.js';
export * from './schema/notifications.js';
export * from './schema/bookmarks.js';
export * from './schema/comments.js';
export * from './schema/rate-limits.js';

export interface Database
  extends
    AccountsDatabase,
    JobsDatabase,
    TagsDatabase,
    WorksDatabase,
    InteractionsDatabase,
    ImportsDatabase,
    ReaderFiltersDatabase,
    JournalsDatabase,
    ForumsDatabase,
    HistoryDatabase,
    ReportsStatsDatabase,
    NotificationsDatabase,
    BookmarksDatabase,
    CommentsDatabase,
    RateLimitsDatabase {}

export type User = Selectable<UsersTable>;
export type Journal = Selectable<JournalsTable>;
export type Entry = Selectable<EntriesTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Pseud = Selectable<PseudsTable>;
export type Session = Selectable<SessionsTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type Job = Selectable<JobsTable>;
export type Tag = Selectable<TagsTable>;
export type Work = Selectable<WorksTable>;
export type Chapter = Selectable<ChaptersTable>;
export type Series = Selectable<SeriesTable>;
export type Report = Selectable<ReportsTable>;
