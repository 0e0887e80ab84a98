import type { SafeHtml } from '../../lib/safe-html.ts';

/** One chapter of a work, as the download generators need it. */
export interface DownloadableChapter {
  /** 1-based position in the work. */
  position: number;
  title: string | null;
  summary: SafeHtml | null;
  notes: SafeHtml | null;
  endNotes: SafeHtml | null;
  body: SafeHtml;
}

/**
 * Everything the download generators (EPUB, HTML, TXT) need to know about a work, decoupled from
 * the database: the works feature maps its rows to this plain shape and calls the pure builders.
 */
export interface DownloadableWork {
  id: number;
  title: string;
  /** Absolute URL of the work page. */
  url: string;
  creators: string[];
  /** BCP-47 language tag, e.g. 'en'. */
  language: string;
  summary: SafeHtml | null;
  notes: SafeHtml | null;
  endNotes: SafeHtml | null;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  additionalTags: string[];
  series: { title: string; part: number; url: string } | null;
  /** ISO 8601. */
  publishedAt: string;
  /** ISO 8601. */
  revisedAt: string;
  complete: boolean;
  wordCount: number;
  chapters: DownloadableChapter[];
  /** Planned number of chapters; null when unknown ("?"). */
  expectedChapters: number | null;
}

export type DownloadFormat = 'epub' | 'html' | 'txt';

/** The Content-Type to send with each download format. */
export const DOWNLOAD_CONTENT_TYPES: Record<DownloadFormat, string> = {
  epub: 'application/epub+zip',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};
