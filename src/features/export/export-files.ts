import fs from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../../lib/safe-html.ts';

/** A JSON array written one item at a time, so a large export never sits in memory. */
export class JsonArrayFile {
  private readonly fd: number;
  private count = 0;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
    fs.writeSync(this.fd, '[');
  }
  push(item: unknown): void {
    fs.writeSync(this.fd, `${this.count++ === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
  }
  close(): number {
    fs.writeSync(this.fd, this.count === 0 ? ']\n' : '\n]\n');
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    return this.count;
  }
}

export const PAGE_STYLE =
  'body{max-width:42em;margin:2em auto;padding:0 1em;color:#222;background:#fff;font-family:serif}' +
  'article{border-top:1px solid #ccc;margin-top:2em}dl.meta dt{font-weight:bold}';

export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${PAGE_STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** A file name from a user-chosen name: letters, digits, dot, dash and underscore only. */
export function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'unnamed';
}

/** One HTML file per journal, appended to entry by entry (no file stays open) and closed at the end. */
export class JournalPages {
  private readonly pages = new Map<number, { file: string; title: string; entries: number }>();
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }
  append(journal: { id: number; name: string; title: string }, article: string): void {
    let page = this.pages.get(journal.id);
    if (!page) {
      const heading = `${journal.title || journal.name} (${journal.name})`;
      page = { file: `${journal.id}-${safeName(journal.name)}.html`, title: heading, entries: 0 };
      fs.writeFileSync(
        path.join(this.dir, page.file),
        `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(heading)}</title>\n<style>${PAGE_STYLE}</style>\n</head>\n<body>\n<h1>${escapeHtml(heading)}</h1>\n`,
      );
      this.pages.set(journal.id, page);
    }
    page.entries++;
    fs.appendFileSync(path.join(this.dir, page.file), `${article}\n`);
  }
  /** Ends every page; returns their files and titles for the index. */
  close(): { file: string; title: string; entries: number }[] {
    const pages = [...this.pages.values()];
    for (const page of pages) fs.appendFileSync(path.join(this.dir, page.file), '</body>\n</html>\n');
    return pages;
  }
}
