import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. Conventions (docs/decisions.md): instants are ISO-8601 UTC strings
 * (`2026-11-23T21:07:52.123Z`) in both dialects; flags are integers 0/1.
 */
export type Role = 'user' | 'tag_wrangler' | 'moderator' | 'admin';
export const ROLES: readonly Role[] = ['user', 'tag_wrangler', 'moderator', 'admin'];

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** Lower-cased username: unique, used for look-ups. */
  username_key: string;
  email: string;
  email_key: string;
  password_hash: string;
  role: Role;
  /** 1 for built-in accounts such as orphan_account: they cannot log in. */
  is_system: number;
  disabled_at: string | null;
  /** 1: skip the adult-content notice (migration 0002). */
  view_adult: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  name_key: string;
  /** Sanitized HTML (lib/sanitize). */
  description: string;
  is_default: number;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a stolen database cannot be replayed as cookies. */
  id: string;
  user_id: number;
  remember: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown so the owner can tell tokens apart. */
  token_hint: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export type TagType =
  'rating' | 'warning' | 'category' | 'fandom' | 'relationship' | 'character' | 'freeform';

export interface TagsTable {
  id: Generated<number>;
  type: TagType;
  name: string;
  /** Lower-cased, whitespace-collapsed name: unique per type. */
  name_key: string;
  canonical: number;
  /** The canonical tag this one is a synonym of (set by wranglers). */
  merger_id: number | null;
  /** Fandoms: their medium (see features/tags/media.ts). */
  media: string | null;
  wrangled_at: string | null;
  created_at: string;
}

export interface TagLinksTable {
  parent_id: number;
  child_id: number;
  /** 'fandom': parent is a fandom of the child; 'meta': parent is a metatag of the child. */
  kind: 'fandom' | 'meta';
}

/** A work's tags as filters see them: canonical (synonyms replaced) plus every metatag. */
export interface WorkFilterTagsTable {
  work_id: number;
  tag_id: number;
}

export type CommentPermission = 'everyone' | 'registered' | 'none';

export interface WorksTable {
  id: Generated<number>;
  title: string;
  /** Sanitized HTML, like every user-written text below. */
  summary: string;
  notes: string;
  end_notes: string;
  language: string;
  /** 1: registered users only. */
  restricted: number;
  comment_permission: CommentPermission;
  moderated_comments: number;
  /** null: unknown ("?"). */
  expected_chapters: number | null;
  /** 0: a draft, seen only by its creators. */
  posted: number;
  /** Set by a moderator: seen only by creators and moderators. */
  hidden_at: string | null;
  published_at: string | null;
  /** "Date Updated": written only by works/revision.ts. */
  revised_at: string | null;
  /** The sum of posted chapters' counts (works/revision.ts). These five default to 0. */
  word_count: Generated<number>;
  posted_chapters: Generated<number>;
  complete: Generated<number>;
  major_version: Generated<number>;
  minor_version: Generated<number>;
  /** Visitors a day, counted by works/hits.ts (not a revision: never changes updated_at). */
  hits: Generated<number>;
  /** Written only by works/work-counters.ts. */
  kudos_count: Generated<number>;
  comment_count: Generated<number>;
  /** Public bookmarks. */
  bookmark_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One per account (`user_id`), or per guest (`guest_key`, hashed like works/hits.ts) per day. */
export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  user_id: number | null;
  guest_key: string | null;
  /** YYYY-MM-DD (UTC). */
  day: string;
  created_at: string;
}

/** Subscriptions to works, series and creators (`user`); journals, threads and boards have their own. */
export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  target_type: 'work' | 'series' | 'user';
  target_id: number;
  created_at: string;
}

/** A block (features/blocking) or a mute, by `user_id` of `target_id`. */
export interface UserRelationTable {
  user_id: number;
  target_id: number;
  created_at: string;
}

export interface WorkHitsTable {
  work_id: number;
  visitor: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

export interface GiftsTable {
  work_id: number;
  /** As typed: a username, or a name of someone without an account. */
  recipient: string;
  recipient_key: string;
  /** Set when the recipient is an account. */
  user_id: number | null;
  position: number;
}

export interface WorkCreatorsTable {
  work_id: number;
  pseud_id: number;
  user_id: number;
  position: number;
  /** 0 while a co-creator's invitation is pending: not shown as a creator yet. */
  accepted: number;
  created_at: string;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  word_count: number;
  posted: number;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SeriesTable {
  id: Generated<number>;
  title: string;
  summary: string;
  notes: string;
  complete: number;
  created_at: string;
  updated_at: string;
}

export interface SeriesCreatorsTable {
  series_id: number;
  pseud_id: number;
  user_id: number;
}

export interface SerialWorksTable {
  series_id: number;
  work_id: number;
  part: number;
}

export interface WorkTagsTable {
  work_id: number;
  tag_id: number;
  position: number;
}

/** One imported source item (journal entry, file, AO3 download) per account: see migration 0003. */
export interface ImportsTable {
  id: Generated<number>;
  user_id: number;
  /** `lj:<journal>:<itemid>`, `post:<sha256>` or `ao3:<work url or sha256>`. */
  source_key: string;
  kind: 'lj-entry' | 'post' | 'ao3';
  /** JSON of a journal entry's own data, kept for [journals]; null for files. */
  entry: string | null;
  created_at: string;
}

export interface ImportWorksTable {
  import_id: number;
  work_id: number;
  /** Set when the import added a chapter to an existing work rather than creating one. */
  chapter_id: number | null;
}

/** A reader's blocklist (migration 0007): tags and creators hidden from every listing they see. */
export interface BlockedTagsTable {
  user_id: number;
  tag_id: number;
  created_at: string;
}

export interface BlockedCreatorsTable {
  user_id: number;
  creator_id: number;
  created_at: string;
}

/** A reader's named listing filter: `query` is the listing's path and query string. */
export interface SavedFiltersTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: string;
}

export type EntrySecurity = 'public' | 'access' | 'filter' | 'private';
export type EntryComments = 'enabled' | 'disabled';
export type EntryScreening = 'none' | 'guests' | 'nonaccess' | 'all';
export type EntryCommenters = 'everyone' | 'registered' | 'access';

/** An account's journal or a community (migration 0009; features/journals). */
export interface JournalsTable {
  id: Generated<number>;
  kind: 'personal' | 'community';
  /** The account whose journal this is (personal journals). */
  owner_id: number | null;
  /** A community's name (a personal journal is named by its owner's username). */
  name: string | null;
  name_key: string | null;
  title: string;
  subtitle: Generated<string>;
  default_security: Generated<Exclude<EntrySecurity, 'filter'>>;
  default_comments: Generated<EntryComments>;
  default_screening: Generated<EntryScreening>;
  default_commenters: Generated<EntryCommenters>;
  theme: Generated<string>;
  /** Communities: open, moderated (requests approved) or closed. */
  membership: Generated<'open' | 'moderated' | 'closed'>;
  /** Communities: every member posts, or only members allowed to. */
  posting: Generated<'members' | 'selected'>;
  /** Communities: entries wait for a moderator. */
  moderated: Generated<number>;
  nonmember_posting: Generated<number>;
  created_at: string;
}

export interface UserIconsTable {
  id: Generated<number>;
  user_id: number;
  keyword: string;
  alt: string;
  mime: string;
  width: number;
  height: number;
  data: Uint8Array;
  is_default: number;
  created_at: string;
}

export interface AccessFiltersTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  name_key: string;
  created_at: string;
}

export interface EntriesTable {
  id: Generated<number>;
  journal_id: number;
  poster_id: number;
  subject: string;
  /** Sanitized HTML (lib/sanitize.ts). */
  body: string;
  security: EntrySecurity;
  filter_id: number | null;
  mood: string;
  music: string;
  location: string;
  icon_id: number | null;
  /** The entry's own date (backdating allowed): Recent, the calendar and Previous/Next order by it. */
  posted_at: string;
  /** When it was posted: reading pages order by it. */
  created_at: string;
  updated_at: string;
  backdated: number;
  sticky: number;
  adult: number;
  edit_count: number;
  comments: EntryComments;
  screening: EntryScreening;
  commenters: EntryCommenters;
  status: 'published' | 'pending' | 'rejected';
  status_reason: string | null;
  /** The work this entry announces, if any. */
  work_id: number | null;
}

export interface JournalTagsTable {
  id: Generated<number>;
  journal_id: number;
  name: string;
  name_key: string;
}

export interface EntryTagsTable {
  entry_id: number;
  tag_id: number;
}

export interface JournalAccessTable {
  owner_id: number;
  member_id: number;
  created_at: string;
}

export interface AccessFilterMembersTable {
  filter_id: number;
  member_id: number;
}

export interface JournalSubscriptionsTable {
  reader_id: number;
  journal_id: number;
  created_at: string;
}

export interface CommunityMembersTable {
  journal_id: number;
  user_id: number;
  role: 'member' | 'moderator' | 'maintainer';
  can_post: number;
  status: 'member' | 'requested';
  created_at: string;
}

export interface FeedTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
}

/** A reader's named subset of the journals they subscribe to (migration 0012; features/journals). */
export interface ReadingFiltersTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  name_key: string;
  created_at: string;
}

export interface ReadingFilterJournalsTable {
  filter_id: number;
  journal_id: number;
}

// ---- Forums (migration 0011; features/forums) ---------------------------------------------------

export type BoardAccess = 'public' | 'members' | 'read-only';
export type PostStatus = 'visible' | 'hidden' | 'pending' | 'deleted';

export interface ForumCategoriesTable {
  id: Generated<number>;
  /** The community (a community journal) whose forum this is; null: a site-wide category. */
  community_id: number | null;
  name: string;
  position: Generated<number>;
  created_at: string;
}

export interface BoardsTable {
  id: Generated<number>;
  category_id: number;
  /** The category's community, kept on the board so visibility needs no join. */
  community_id: number | null;
  name: string;
  description: Generated<string>;
  access: BoardAccess;
  /** 1: posts by anyone but the board's moderators wait for approval. */
  moderated: Generated<number>;
  position: Generated<number>;
  created_at: string;
}

export interface ThreadsTable {
  id: Generated<number>;
  board_id: number;
  title: string;
  starter_id: number | null;
  pinned: Generated<number>;
  locked: Generated<number>;
  views: Generated<number>;
  /** The highest post number given out (numbers are allocated under this row's lock). */
  post_count: Generated<number>;
  /** The eight columns below are written only by forums/bump.ts. Visible posts minus the opening one. */
  reply_count: Generated<number>;
  last_post_id: number | null;
  last_post_number: Generated<number>;
  last_poster_id: number | null;
  /** A fact: when the latest visible post appeared. */
  last_posted_at: string;
  /** An ordering decision: what the board sorts by. */
  bumped_at: string;
  /** Set when a moderator merged this thread into another: its address leads there. */
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  number: number;
  author_id: number;
  /** 'chapter': posted by the chapter → thread job for a linked work (`work_id`, `chapter_id`). */
  kind: Generated<'reply' | 'chapter'>;
  /** Sanitized HTML (lib/sanitize.ts). */
  body: string;
  status: PostStatus;
  /** 0: a moderator's "don't bump" reply. */
  bumps: Generated<number>;
  work_id: number | null;
  chapter_id: number | null;
  created_at: string;
  /** When it became visible (posted, or approved): what bumps. Null while pending. */
  visible_at: string | null;
  edited_at: string | null;
  edit_count: Generated<number>;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  /** The body before the edit. */
  body: string;
  editor_id: number | null;
  created_at: string;
}

export interface WorkThreadsTable {
  work_id: number;
  thread_id: number;
  user_id: number;
  /** 1: chapter replies carry the chapter's text. */
  with_text: number;
  created_at: string;
}

export interface ChapterRepliesTable {
  thread_id: number;
  chapter_id: number;
  post_id: number | null;
  created_at: string;
}

export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_number: number;
  updated_at: string;
}

export interface PostReportsTable {
  id: Generated<number>;
  post_id: number;
  reporter_id: number;
  reason: string;
  status: 'open' | 'dismissed' | 'actioned';
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface ForumSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  board_id: number | null;
  thread_id: number | null;
  created_at: string;
}

// Reading history (features/history, migration 0019).
export interface ReadingsTable {
  user_id: number;
  work_id: number;
  last_visited_at: string;
  visits: Generated<number>;
  /** The furthest chapter position reached (0: marked for later, never opened). */
  chapter_position: Generated<number>;
  /** The work's major_version at the last visit. */
  major_version: Generated<number>;
  later: Generated<number>;
}

export interface ReadingHistoryPausedTable {
  user_id: number;
  created_at: string;
}

export interface ForumsDatabase {
  forum_categories: ForumCategoriesTable;
  boards: BoardsTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  work_threads: WorkThreadsTable;
  chapter_replies: ChapterRepliesTable;
  thread_reads: ThreadReadsTable;
  post_reports: PostReportsTable;
  forum_subscriptions: ForumSubscriptionsTable;
}

// ---- Statistics and abuse reports (migration 0020; features/stats, features/reports) ----------

/** A work's hits and kudos on one day (UTC), kept after `work_hits` forgets the visits. */
export interface WorkDailyStatsTable {
  work_id: number;
  /** YYYY-MM-DD (UTC). */
  day: string;
  hits: Generated<number>;
  kudos: Generated<number>;
}

export type ReportTargetType = 'work' | 'entry' | 'comment';
export type ReportReason = 'spam' | 'harassment' | 'plagiarism' | 'untagged' | 'other';
export type ReportStatus = 'open' | 'hidden' | 'warned' | 'dismissed';

export interface ReportsTable {
  id: Generated<number>;
  target_type: ReportTargetType;
  target_id: number;
  reporter_id: number;
  reason: ReportReason;
  details: string;
  status: ReportStatus;
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
}

export interface UserWarningsTable {
  id: Generated<number>;
  user_id: number;
  moderator_id: number | null;
  target_type: string;
  target_id: number;
  reason: string;
  created_at: string;
}

export type ModeratorAction = 'hide' | 'warn' | 'dismiss';

/** The audit log: every moderator action, kept when the moderator's account goes. */
export interface ModeratorActionsTable {
  id: Generated<number>;
  moderator_id: number | null;
  moderator_name: string;
  action: ModeratorAction;
  target_type: string;
  target_id: number;
  target_label: string;
  reason: string;
  created_at: string;
}

export interface ReportsStatsDatabase {
  work_daily_stats: WorkDailyStatsTable;
  reports: ReportsTable;
  user_warnings: UserWarningsTable;
  moderator_actions: ModeratorActionsTable;
}

// ---- Notifications (migration 0018; features/notifications) -----------------------------------

/** What e-mail owes a notice: nothing, a place in the daily digest, or it was sent. */
export type NoticeMail = 'none' | 'digest' | 'sent';
/** How an account hears of one kind of event. */
export type NoticeDelivery = 'inbox' | 'immediate' | 'digest';

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  /** One row per (user_id, key): a notice with a key already there replaces it. */
  key: string;
  actor_id: number | null;
  title: string;
  excerpt: string;
  url: string;
  created_at: string;
  /** When it was last (re)delivered: what the inbox orders by. */
  notified_at: string;
  read_at: string | null;
  mail: Generated<NoticeMail>;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  delivery: NoticeDelivery;
}

export interface NotificationsDatabase {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
}

// --- Bookmarks ([interactions], migration 0017) ---

/** One account's bookmark of a work or (xor) a series. */
export interface BookmarksTable {
  id: Generated<number>;
  user_id: number;
  work_id: number | null;
  series_id: number | null;
  /** Sanitized HTML. */
  notes: string;
  /** 1: only the bookmarker sees it (and it is not counted). */
  private: number;
  /** 1: a recommendation. */
  rec: number;
  created_at: string;
  updated_at: string;
}

/** The bookmarker's own tags on a bookmark (labels, not wrangled tags). */
export interface BookmarkTagsTable {
  bookmark_id: number;
  name: string;
  /** Lower-cased name: one tag per name on a bookmark, matched case-insensitively. */
  name_key: string;
  position: number;
}

// ---- Comments (migration 0016; features/comments) ----------------------------------------------

export type CommentState = 'visible' | 'screened' | 'pending';

export interface CommentsTable {
  id: Generated<number>;
  /** Exactly one of `work_id` and `entry_id`. */
  work_id: number | null;
  /** Null on a work: a comment on the entire work. */
  chapter_id: number | null;
  entry_id: number | null;
  parent_id: number | null;
  /** The thread's top-level comment (its own id when top-level). */
  root_id: number | null;
  depth: Generated<number>;
  /** Null: a guest (`guest_name`), or a deleted account when there is no guest name. */
  user_id: number | null;
  guest_name: string | null;
  guest_email: string | null;
  /** Sanitized HTML (lib/sanitize.ts); empty once deleted. */
  body: string;
  state: CommentState;
  frozen: Generated<number>;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface CommentsDatabase {
  comments: CommentsTable;
}

export interface Database
  extends ForumsDatabase, ReportsStatsDatabase, NotificationsDatabase, CommentsDatabase {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  tags: TagsTable;
  works: WorksTable;
  work_creators: WorkCreatorsTable;
  chapters: ChaptersTable;
  series: SeriesTable;
  series_creators: SeriesCreatorsTable;
  serial_works: SerialWorksTable;
  work_tags: WorkTagsTable;
  work_hits: WorkHitsTable;
  gifts: GiftsTable;
  imports: ImportsTable;
  tag_links: TagLinksTable;
  work_filter_tags: WorkFilterTagsTable;
  import_works: ImportWorksTable;
  blocked_tags: BlockedTagsTable;
  blocked_creators: BlockedCreatorsTable;
  saved_filters: SavedFiltersTable;
  journals: JournalsTable;
  user_icons: UserIconsTable;
  access_filters: AccessFiltersTable;
  entries: EntriesTable;
  journal_tags: JournalTagsTable;
  entry_tags: EntryTagsTable;
  journal_access: JournalAccessTable;
  access_filter_members: AccessFilterMembersTable;
  journal_subscriptions: JournalSubscriptionsTable;
  community_members: CommunityMembersTable;
  feed_tokens: FeedTokensTable;
  reading_filters: ReadingFiltersTable;
  reading_filter_journals: ReadingFilterJournalsTable;
  user_blocks: UserRelationTable;
  user_mutes: UserRelationTable;
  kudos: KudosTable;
  subscriptions: SubscriptionsTable;
  readings: ReadingsTable;
  reading_history_paused: ReadingHistoryPausedTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
}

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
