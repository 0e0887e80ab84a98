import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { sendHtml } from './render.ts';

interface Entry {
  version: string;
  /** Compressed once, sent many times. */
  gzipped: Buffer;
}

/**
 * What the cached pages may hold, compressed. Pages shrink 4-6 times, so this keeps more pages than
 * the 64 MB of plain pages it replaces, in memory that fits a million-work server's budget
 * (docs/performance.md).
 */
const BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * Rendered pages for guests (AO3 caches logged-out work pages for the same reason). Each
 * entry carries the version it was rendered from (e.g. a work's `updated_at`); callers look
 * the current version up on every request, so an edit, a new chapter, a restriction or a
 * hide is seen at once, in every process. Kept gzipped, bounded by size.
 */
export class PageCache {
  private readonly cache: LRUCache<string, Entry>;

  constructor(budgetBytes = BUDGET_BYTES) {
    this.cache = new LRUCache<string, Entry>({
      maxSize: budgetBytes,
      sizeCalculation: (entry) => entry.gzipped.length + 64,
    });
  }

  /** The page, gzipped, if it was kept for this version. */
  get(key: string, version: string): Buffer | undefined {
    const entry = this.cache.get(key);
    return entry && entry.version === version ? entry.gzipped : undefined;
  }

  /** Keeps a page; returns it gzipped. */
  set(key: string, version: string, html: string): Buffer {
    const gzipped = gzipSync(html);
    this.cache.set(key, { version, gzipped });
    return gzipped;
  }
}

/**
 * Sends a page the cache holds: as it is kept to clients that accept gzip (every browser), unpacked
 * for the others. `html`, when the page was just rendered, spares unpacking it again.
 */
export function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  gzipped: Buffer,
  html?: string,
): FastifyReply {
  reply.header('vary', 'Accept-Encoding');
  if (acceptsGzip(request.headers['accept-encoding'])) {
    reply.header('content-encoding', 'gzip');
    return sendHtml(reply, gzipped);
  }
  return sendHtml(reply, html ?? gunzipSync(gzipped));
}

/** Whether an Accept-Encoding header takes gzip (named, or `*`, without q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  for (const part of String(header).split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}
