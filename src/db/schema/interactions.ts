import type { Generated } from 'kysely';

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

export interface InteractionsDatabase {
  kudos: KudosTable;
  subscriptions: SubscriptionsTable;
  user_blocks: UserRelationTable;
  user_mutes: UserRelationTable;
}
