import type { Generated } from 'kysely';

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

export interface JournalsDatabase {
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
}
