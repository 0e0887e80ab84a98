import type { Generated } from 'kysely';

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

export interface AccountsDatabase {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
}
