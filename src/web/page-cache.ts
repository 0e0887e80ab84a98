import { LRUCache } from 'lru-cache';

interface Entry {
  version: string;
  /** Encoded once, sent many times. */
  body: Buffer;
}

/**
 * Rendered pages for guests (AO3 caches logged-out work pages for the same reason). Each
 * entry carries the version it was rendered from (e.g. a work's `updated_at`); callers look
 * the current version up on every request, so an edit, a new chapter, a restriction or a
 * hide is seen at once, in every process. Bounded by size (PAGE_CACHE_MB, docs/operations.md).
 */
export class PageCache {
  private readonly cache: LRUCache<string, Entry> | null;

  /** `budgetMB`: config.pageCacheMB; 0 keeps nothing. */
  constructor(budgetMB: number) {
    this.cache =
      budgetMB > 0
        ? new LRUCache<string, Entry>({
            maxSize: budgetMB * 1024 * 1024,
            sizeCalculation: (entry) => entry.body.length + 64,
          })
        : null;
  }

  get(key: string, version: string): Buffer | undefined {
    const entry = this.cache?.get(key);
    return entry && entry.version === version ? entry.body : undefined;
  }

  set(key: string, version: string, html: string): void {
    this.cache?.set(key, { version, body: Buffer.from(html) });
  }
}
