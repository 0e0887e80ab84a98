import type { DownloadableWork } from './downloads.types.ts';

const MAX_LENGTH = 60;

/** Letters and digits kept (apostrophes dropped), everything else a word break; words joined by "_", cut to 60 characters. */
function joinWords(text: string, separators: RegExp): string {
  const words = text
    .replace(/['\u2019\u02bc]/g, '') // "Don't" → "Dont"
    .split(separators)
    .filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name ? `${name}_${word}` : word;
    if ([...next].length > MAX_LENGTH) {
      if (!name) name = [...word].slice(0, MAX_LENGTH).join('');
      break;
    }
    name = next;
  }
  return name;
}

function extension(ext: string): string {
  return (
    ext
      .replace(/^\./, '')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase() || 'bin'
  );
}

/**
 * An ASCII file name from the title, like AO3's: accents stripped, other characters dropped, words
 * joined by "_", at most 60 characters before the extension ("Symphony, Part V" → Symphony_Part_V.epub),
 * `work-ID` when nothing is left (a title in a non-Latin script).
 */
export function downloadFilename(work: Pick<DownloadableWork, 'id' | 'title'>, ext: string): string {
  const ascii = work.title.normalize('NFKD').replace(/\p{M}/gu, '');
  const name = joinWords(ascii, /[^A-Za-z0-9]+/);
  return `${name || `work-${work.id}`}.${extension(ext)}`;
}

/** The file name in the title's own script, for `filename*` ("交響曲_Part_V.epub"). */
export function unicodeFilename(work: Pick<DownloadableWork, 'id' | 'title'>, ext: string): string {
  const name = joinWords(work.title.normalize('NFC'), /[^\p{L}\p{N}\p{M}]+/u);
  return `${name || `work-${work.id}`}.${extension(ext)}`;
}

/** RFC 5987 ext-value encoding: UTF-8, percent-encoding everything but attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The Content-Disposition header for a download: `attachment; filename="Symphony_Part_V.epub"`, plus
 * `filename*=UTF-8''…` (RFC 6266/5987) when the title's own name differs, which browsers prefer.
 */
export function contentDisposition(work: Pick<DownloadableWork, 'id' | 'title'>, ext: string): string {
  const ascii = downloadFilename(work, ext);
  const unicode = unicodeFilename(work, ext);
  const header = `attachment; filename="${ascii}"`;
  return unicode === ascii ? header : `${header}; filename*=UTF-8''${encodeRfc5987(unicode)}`;
}
