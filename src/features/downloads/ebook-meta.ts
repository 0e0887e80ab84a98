import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reads an EPUB's metadata the way calibre does (`ebook-meta`, Debian package "calibre"), for the
 * tests: readers' libraries file works by what calibre finds. EBOOK_META_PATH overrides the path.
 */
export const EBOOK_META = process.env.EBOOK_META_PATH || '/usr/bin/ebook-meta';

/** `Title : …`, `Series : Symphony #5`… as a record keyed by calibre's labels. */
export async function ebookMeta(epub: Uint8Array): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-ebook-meta-'));
  try {
    const file = join(dir, 'work.epub');
    writeFileSync(file, epub);
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        EBOOK_META,
        [file],
        // Offscreen: calibre renders a cover thumbnail with Qt, which needs no display this way.
        { timeout: 120_000, env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } },
        (err, stdout, stderr) =>
          err ? reject(new Error(`ebook-meta failed: ${stderr || err.message}`)) : resolve(stdout),
      );
    });
    const fields: Record<string, string> = {};
    for (const line of output.split('\n')) {
      const match = /^([A-Za-z()]+(?: [A-Za-z()]+)*)\s+:\s(.*)$/.exec(line);
      if (match) fields[match[1]!] = match[2]!;
    }
    return fields;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
