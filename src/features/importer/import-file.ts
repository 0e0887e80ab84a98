import { QuireError } from '../../lib/errors.ts';

/** Largest post or AO3 download the importer reads (a 510,000-character chapter, with room for markup). */
export const POST_LIMIT = 8 * 1024 * 1024;
/** Largest journal export: twenty years of a busy journal. */
export const JOURNAL_LIMIT = 512 * 1024 * 1024;

export type FileKind = 'text' | 'html' | 'ao3' | 'lj-xml';

const MAGIC: [string, number[]][] = [
  ['a ZIP archive (EPUB, DOCX or ODT)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
  ['a GZIP archive', [0x1f, 0x8b]],
  ['a Word document', [0xd0, 0xcf, 0x11, 0xe0]],
  ['an RTF document', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
];

const SUPPORTED = 'Quire imports plain text, HTML, AO3 HTML downloads and LiveJournal/Dreamwidth XML exports';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

function bad(message: string): QuireError {
  return new QuireError('bad_file', 422, message, 'file');
}

/** The encoding an XML declaration or HTML meta tag names (old journal exports use windows-1251…), else UTF-8. */
function declaredEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const named =
    /<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]*charset=["']?([\w.:-]+)/i.exec(head)?.[1];
  if (!named) return 'utf-8';
  try {
    return new TextDecoder(named).encoding;
  } catch {
    return 'utf-8';
  }
}

/**
 * A file's bytes as text, or one clear reason it cannot be imported: empty, too large, binary,
 * a format Quire does not read, or not UTF-8. Nothing is parsed or written here.
 */
export function readImportBytes(bytes: Uint8Array, limit = POST_LIMIT): string {
  if (bytes.length === 0) throw bad('The file is empty.');
  if (bytes.length > limit)
    throw bad(`The file is ${megabytes(bytes.length)}, over the ${megabytes(limit)} limit.`);
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) throw bad(`The file is ${name}. ${SUPPORTED}.`);
  }
  const nul = bytes.subarray(0, 64 * 1024).indexOf(0);
  if (nul !== -1) throw bad(`The file is binary (a zero byte at offset ${nul}). ${SUPPORTED}.`);
  let text: string;
  try {
    text = new TextDecoder(declaredEncoding(bytes), { fatal: true }).decode(bytes);
  } catch {
    // Old journal pages saved as Latin-1 or Windows-1252 without saying so.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw bad('The file has nothing in it but white space.');
  return text;
}

/** What a file holds, from its first bytes (the importer's own parsers confirm it). */
export function sniffKind(text: string): FileKind {
  const head = text.slice(0, 4096).toLowerCase();
  if (/<livejournal[\s>]/.test(head) || (/^\s*<\?xml/.test(head) && /<(entry|event)[\s>]/.test(head)))
    return 'lj-xml';
  if (
    /archiveofourown\.org|archive of our own/.test(text.slice(0, 20_000).toLowerCase()) &&
    /id="preface"/.test(text)
  )
    return 'ao3';
  return /<(html|body|p|br|div|b|strong|lj-cut)[\s>/]/.test(head) ? 'html' : 'text';
}
