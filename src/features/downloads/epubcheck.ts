import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs epubcheck (the W3C's EPUB validator; Debian package "epubcheck") on an EPUB, for the tests.
 * The tests skip themselves when it is not installed. EPUBCHECK_PATH overrides where it is looked for.
 */
export const EPUBCHECK = process.env.EPUBCHECK_PATH || '/usr/bin/epubcheck';

export interface EpubcheckReport {
  fatals: number;
  errors: number;
  warnings: number;
  summary: string;
  messages: string[];
}

export async function epubcheck(epub: Uint8Array): Promise<EpubcheckReport> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-epubcheck-'));
  try {
    const file = join(dir, 'work.epub');
    const json = join(dir, 'report.json');
    writeFileSync(file, epub);
    // Debian's /usr/bin/epubcheck is the jar itself (run through binfmt where that is set up). A JVM
    // that only JIT-compiles quickly starts about twice as fast for a run this short.
    const isJar = readFileSync(EPUBCHECK).subarray(0, 2).toString('latin1') === 'PK';
    const [command, args] = isJar
      ? ['java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK]]
      : [EPUBCHECK, []];
    const output = await new Promise<string>((resolve) => {
      execFile(command, [...args, file, '--json', json], { timeout: 120_000 }, (_err, stdout, stderr) =>
        resolve(`${stdout}\n${stderr}`),
      );
    });
    assert.ok(existsSync(json), `epubcheck wrote no report:\n${output}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      checker: { nFatal: number; nError: number; nWarning: number };
      messages: { ID: string; severity: string; message: string; locations?: { path: string }[] }[];
    };
    const { nFatal, nError, nWarning } = report.checker;
    return {
      fatals: nFatal,
      errors: nError,
      warnings: nWarning,
      summary:
        output.match(/^Messages:.*$/m)?.[0] ??
        `Messages: ${nFatal} fatals / ${nError} errors / ${nWarning} warnings`,
      messages: report.messages.map(
        (m) => `${m.severity} ${m.ID} ${m.message} (${m.locations?.map((l) => l.path).join(', ') ?? ''})`,
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
