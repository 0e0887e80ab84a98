import type { Generated } from 'kysely';

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
