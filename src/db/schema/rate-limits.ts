// ---- Rate limits (migration 0021; web/security/rate-limit-store.ts) ------------------------------

/** Hits of one client on one rate-limited route in the current window. */
export interface RateLimitsTable {
  /** `<route>|<client>`: the route's method and pattern, then the account id or the IP address. */
  key: string;
  hits: number;
  /** When the window ends, in milliseconds since the epoch. */
  reset_at: number;
}

export interface RateLimitsDatabase {
  rate_limits: RateLimitsTable;
}
