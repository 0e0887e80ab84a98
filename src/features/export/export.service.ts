import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/connect.ts';
import { escapeHtml, type SafeHtml } from '../../lib/safe-html.ts';
import type { DownloadableWork } from '../downloads/downloads.types.ts';
import { buildHtml } from '../downloads/html.ts';
import { htmlPage, JournalPages, JsonArrayFile } from './export-files.ts';
import * as repo from './export.repository.ts';
import { emptyTags } from '../works/blurbs.ts';

export type { Scope } from './export.repository.ts';

export interface ExportProgress {
  start(total: number): void;
  tick(): void;
  stop(): void;
}

export interface ExportSummary {
  works: number;
  chapters: number;
  entries: number;
  comments: number;
  posts: number;
  accounts: number;
}

/** Pages through one table by id until it runs dry. */
async function eachPage<T extends { id: number }>(
  page: (afterId: number) => Promise<T[]>,
  fn: (rows: T[]) => Promise<void> | void,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    await fn(rows);
    after = rows[rows.length - 1]!.id;
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

const html = (value: string) => (value ? (value as SafeHtml) : null);

async function exportWorks(
  db: DB,
  scope: repo.Scope,
  dir: string,
  baseUrl: string,
  progress: ExportProgress,
) {
  const worksDir = path.join(dir, 'works');
  fs.mkdirSync(worksDir, { recursive: true });
  const index: { id: number; title: string }[] = [];
  let chapters = 0;
  await eachPage(
    (after) => repo.worksPage(db, scope, after),
    async (works) => {
      const ids = works.map((w) => w.id);
      const chaptersBy = groupBy(await repo.chaptersOf(db, ids), (c) => c.work_id);
      const tagsBy = groupBy(await repo.tagsOf(db, ids), (t) => t.work_id);
      const creatorsBy = groupBy(await repo.creatorsOf(db, ids), (c) => c.work_id);
      const seriesBy = groupBy(await repo.seriesOf(db, ids), (s) => s.work_id);
      for (const work of works) {
        const tags = emptyTags();
        for (const tag of tagsBy.get(work.id) ?? []) tags[tag.type]?.push(tag.name);
        const workChapters = chaptersBy.get(work.id) ?? [];
        const creators = (creatorsBy.get(work.id) ?? []).map((c) => ({
          pseud: c.pseud,
          username: c.username,
          accepted: c.accepted === 1,
        }));
        const series = (seriesBy.get(work.id) ?? []).map((s) => ({ id: s.id, title: s.title, part: s.part }));
        chapters += workChapters.length;
        const { hits, kudos_count, comment_count, bookmark_count, ...fields } = work;
        const json = {
          ...fields,
          url: `${baseUrl}/works/${work.id}`,
          creators,
          tags,
          series,
          counts: { hits, kudos: kudos_count, comments: comment_count, bookmarks: bookmark_count },
          chapters: workChapters.map(({ work_id: _, ...chapter }) => chapter),
        };
        fs.writeFileSync(path.join(worksDir, `${work.id}.json`), `${JSON.stringify(json, null, 2)}\n`);
        const readable: DownloadableWork = {
          id: work.id,
          title: work.title,
          url: json.url,
          creators: creators.filter((c) => c.accepted).map((c) => c.pseud),
          language: work.language,
          summary: html(work.summary),
          notes: html(work.notes),
          endNotes: html(work.end_notes),
          rating: tags.rating![0] ?? 'Not Rated',
          warnings: tags.warning!,
          categories: tags.category!,
          fandoms: tags.fandom!,
          relationships: tags.relationship!,
          characters: tags.character!,
          additionalTags: tags.freeform!,
          series: series[0] ? { ...series[0], url: `${baseUrl}/series/${series[0].id}` } : null,
          publishedAt: work.published_at ?? work.created_at,
          revisedAt: work.revised_at ?? work.updated_at,
          complete: work.complete === 1,
          wordCount: work.word_count,
          expectedChapters: work.expected_chapters,
          // Drafts too: this is the owner's copy, not a reader's download.
          chapters: workChapters.map((c, i) => ({
            position: i + 1,
            title: (c.posted ? c.title : `${c.title || `Chapter ${i + 1}`} (draft)`) || null,
            summary: html(c.summary),
            notes: html(c.notes),
            endNotes: html(c.end_notes),
            body: c.body as SafeHtml,
          })),
        };
        fs.writeFileSync(path.join(worksDir, `${work.id}.html`), buildHtml(readable));
        index.push({ id: work.id, title: work.posted ? work.title : `${work.title} (draft)` });
        progress.tick();
      }
    },
  );
  return { index, chapters };
}

async function exportEntries(db: DB, scope: repo.Scope, dir: string, progress: ExportProgress) {
  const file = new JsonArrayFile(path.join(dir, 'entries.json'));
  const pages = new JournalPages(path.join(dir, 'journals'));
  await eachPage(
    (after) => repo.entriesPage(db, scope, after),
    async (entries) => {
      const tagsBy = groupBy(
        await repo.entryTagsOf(
          db,
          entries.map((e) => e.id),
        ),
        (t) => t.entry_id,
      );
      for (const entry of entries) {
        const tags = (tagsBy.get(entry.id) ?? []).map((t) => t.name);
        const journal = entry.journal_name ?? `journal ${entry.journal_id}`;
        file.push({ ...entry, journal_name: journal, tags });
        const security = entry.security === 'filter' ? `filter: ${entry.filter_name ?? '?'}` : entry.security;
        pages.append(
          { id: entry.journal_id, name: journal, title: entry.journal_title },
          `<article id="entry-${entry.id}">\n<h2>${escapeHtml(entry.subject || '(no subject)')}</h2>\n` +
            `<p>${escapeHtml(entry.posted_at)} · by ${escapeHtml(entry.poster)} · security: ${escapeHtml(security)}` +
            (tags.length ? ` · tags: ${escapeHtml(tags.join(', '))}` : '') +
            `</p>\n${entry.body}\n</article>`,
        );
        progress.tick();
      }
    },
  );
  return { count: file.close(), journals: pages.close() };
}

async function exportRows<T extends { id: number }>(
  file: string,
  page: (after: number) => Promise<T[]>,
  progress: ExportProgress,
): Promise<number> {
  const out = new JsonArrayFile(file);
  await eachPage(page, (rows) => {
    for (const row of rows) {
      out.push(row);
      progress.tick();
    }
  });
  return out.close();
}

/**
 * Writes the archive's content (or one account's own) into `dir` as portable JSON plus readable
 * HTML: works/<id>.json and .html (chapters, drafts included, tags, notes), entries.json and
 * journals/*.html (with each entry's security), comments.json, forum-posts.json, accounts.json (no
 * password hashes), manifest.json and index.html. `dir` must be empty or not exist.
 */
export async function exportArchive(
  ctx: Pick<AppContext, 'db' | 'config'>,
  dir: string,
  scope: repo.Scope,
  progress: ExportProgress,
): Promise<ExportSummary> {
  fs.mkdirSync(dir, { recursive: true });
  const db = ctx.db;
  progress.start(await repo.exportTotals(db, scope));
  const works = await exportWorks(db, scope, dir, ctx.config.baseUrl, progress);
  const entries = await exportEntries(db, scope, dir, progress);
  const comments = await exportRows(
    path.join(dir, 'comments.json'),
    (a) => repo.commentsPage(db, scope, a),
    progress,
  );
  const posts = await exportRows(
    path.join(dir, 'forum-posts.json'),
    (a) => repo.postsPage(db, scope, a),
    progress,
  );
  const accounts = await repo.accounts(db, scope);
  fs.writeFileSync(path.join(dir, 'accounts.json'), `${JSON.stringify(accounts, null, 2)}\n`);
  progress.stop();
  const summary: ExportSummary = {
    works: works.index.length,
    chapters: works.chapters,
    entries: entries.count,
    comments,
    posts,
    accounts: accounts.length,
  };
  const manifest = {
    format: 'quire-export',
    version: 1,
    scope: scope.kind === 'all' ? 'all' : { user: accounts[0]?.username ?? null },
    exported_at: new Date().toISOString(),
    base_url: ctx.config.baseUrl,
    counts: summary,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const heading =
    scope.kind === 'all' ? 'Quire export: everything' : `Quire export: ${accounts[0]?.username ?? ''}`;
  const body = [
    `<h1>${escapeHtml(heading)}</h1>`,
    `<p>Exported ${escapeHtml(manifest.exported_at)} from ${escapeHtml(ctx.config.baseUrl)}. Comments and forum posts are in comments.json and forum-posts.json.</p>`,
    `<h2>Works (${works.index.length})</h2>`,
    `<ul>${works.index.map((w) => `<li><a href="works/${w.id}.html">${escapeHtml(w.title)}</a></li>`).join('\n')}</ul>`,
    `<h2>Journals (${entries.journals.length})</h2>`,
    `<ul>${entries.journals.map((j) => `<li><a href="journals/${encodeURIComponent(j.file)}">${escapeHtml(j.title)}</a> (${j.entries} entries)</li>`).join('\n')}</ul>`,
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'index.html'), htmlPage(heading, body));
  return summary;
}
